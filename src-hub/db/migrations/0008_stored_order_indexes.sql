DROP INDEX "statements_actor_idx";--> statement-breakpoint
DROP INDEX "statements_verb_idx";--> statement-breakpoint
DROP INDEX "statements_activity_idx";--> statement-breakpoint
CREATE INDEX "statements_actor_stored_idx" ON "statements" USING btree ("actor_ifi","stored","seq");--> statement-breakpoint
CREATE INDEX "statements_verb_stored_idx" ON "statements" USING btree ("verb_id","stored","seq");--> statement-breakpoint
CREATE INDEX "statements_activity_stored_idx" ON "statements" USING btree ("activity_id","stored","seq");