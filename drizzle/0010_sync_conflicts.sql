CREATE TABLE `sync_conflicts` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`kind` text NOT NULL,
	`subject_ids` text NOT NULL,
	`summary` text NOT NULL,
	`starts_at` integer,
	`status` text NOT NULL,
	`resolution` text,
	`resolved_by` text,
	`resolved_at` integer
);
--> statement-breakpoint
CREATE INDEX `sync_conflicts_status` ON `sync_conflicts` (`status`);