CREATE TABLE `letter_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`kind` text NOT NULL,
	`sections` text,
	`saved_at` integer,
	`saved_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `letter_templates_kind` ON `letter_templates` (`kind`);