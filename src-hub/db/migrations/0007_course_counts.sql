CREATE TABLE "course_items" (
	"pack_id" text NOT NULL,
	"course_id" text NOT NULL,
	"module_id" text NOT NULL,
	"item_id" text NOT NULL,
	CONSTRAINT "course_items_course_id_module_id_item_id_pk" PRIMARY KEY("course_id","module_id","item_id")
);
--> statement-breakpoint
CREATE TABLE "course_items_sources" (
	"pack_id" text PRIMARY KEY NOT NULL,
	"version" text NOT NULL,
	"sha256" text NOT NULL
);
--> statement-breakpoint
DROP INDEX "item_progress_course_idx";--> statement-breakpoint
ALTER TABLE "course_progress" ADD COLUMN "items_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "course_progress" ADD COLUMN "modules_done" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
CREATE INDEX "course_items_pack_idx" ON "course_items" USING btree ("pack_id");--> statement-breakpoint
CREATE INDEX "item_progress_course_idx" ON "item_progress" USING btree ("course_id","item_id");--> statement-breakpoint
-- Backfill: each course's items and modules done (src-hub/xapi/progress.ts, backfillProgressSql). No pack's items are
-- known yet, so every completed item counts; the first report (or publish) loads the packs' items and recounts.
with targets as (select actor_ifi as key, actor_ifi, course_id from course_progress where true),
  done_item as (select distinct t.key, ip.course_id, ip.item_id from targets t
    join item_progress ip on ip.actor_ifi = t.actor_ifi and ip.course_id = t.course_id
    where ip.completed_at is not null
      and (exists (select 1 from course_items ci where ci.course_id = ip.course_id and ci.item_id = ip.item_id)
        or not exists (select 1 from course_items ci where ci.course_id = ip.course_id))),
  done_count as (select key, course_id, count(*)::int as items from done_item group by 1, 2),
  module_size as (select course_id, module_id, count(*) as n from course_items group by 1, 2),
  module_done as (select d.key, d.course_id, ci.module_id, count(*) as n from done_item d
    join course_items ci on ci.course_id = d.course_id and ci.item_id = d.item_id group by 1, 2, 3),
  modules_count as (select md.key, md.course_id, count(*)::int as modules from module_done md
    join module_size ms on ms.course_id = md.course_id and ms.module_id = md.module_id and ms.n = md.n group by 1, 2)
update course_progress cp set items_done = coalesce(dc.items, 0), modules_done = coalesce(mc.modules, 0)
from targets t left join done_count dc on dc.key = t.key and dc.course_id = t.course_id
  left join modules_count mc on mc.key = t.key and mc.course_id = t.course_id
where cp.actor_ifi = t.actor_ifi and cp.course_id = t.course_id
  and (cp.items_done, cp.modules_done) is distinct from (coalesce(dc.items, 0), coalesce(mc.modules, 0));
