CREATE TABLE `sync_connections` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`url` text NOT NULL,
	`email` text,
	`agent` text,
	`key` text,
	`sealed_secret` text,
	`connected_at` integer NOT NULL,
	`disconnected_at` integer,
	`last_success_at` integer,
	`last_attempt_at` integer,
	`next_attempt_at` integer,
	`failures` integer DEFAULT 0 NOT NULL,
	`problem` text,
	`problem_detail` text,
	`stopped` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sync_pack_pulls` (
	`pack_id` text NOT NULL,
	`version` text NOT NULL,
	`etag` text,
	`pulled_at` integer NOT NULL,
	`error` text,
	PRIMARY KEY(`pack_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `sync_records` (
	`statement_id` text PRIMARY KEY NOT NULL,
	`connection_id` integer,
	`kept_local` integer DEFAULT false NOT NULL,
	`conflict_status` integer,
	`conflict_message` text,
	`conflict_at` integer,
	FOREIGN KEY (`statement_id`) REFERENCES `outbox`(`statement_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`connection_id`) REFERENCES `sync_connections`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sync_records_connection` ON `sync_records` (`connection_id`,`conflict_status`);--> statement-breakpoint
-- Records made before this version belong to no connection yet: they go to the first one.
INSERT INTO `sync_records` (`statement_id`) SELECT `statement_id` FROM `outbox`;
--> statement-breakpoint
-- Every new outbox record belongs, in the transaction that writes it, to the newest connection (the active one,
-- or the last one when the learner has disconnected since); none when the device was never connected.
CREATE TRIGGER `outbox_sync_record` AFTER INSERT ON `outbox` BEGIN
	INSERT INTO `sync_records` (`statement_id`, `connection_id`)
	VALUES (NEW.`statement_id`, (SELECT max(`id`) FROM `sync_connections`));
END;
