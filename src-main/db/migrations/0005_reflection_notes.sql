CREATE TABLE `reflection_notes` (
	`pack_id` text NOT NULL,
	`item_id` text NOT NULL,
	`text` text NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`pack_id`, `item_id`)
);
