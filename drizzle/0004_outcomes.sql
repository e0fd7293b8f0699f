CREATE TABLE `outcome_dispositions` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`patient_id` text NOT NULL,
	`series_id` text,
	`flag_key` text NOT NULL,
	`disposition` text NOT NULL,
	`note` text,
	`decided_by` text NOT NULL,
	`decided_at` integer NOT NULL,
	`reason` text NOT NULL,
	`percent_reduction` real,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `outcome_dispositions_patient` ON `outcome_dispositions` (`patient_id`);--> statement-breakpoint
CREATE INDEX `outcome_dispositions_flag` ON `outcome_dispositions` (`flag_key`);--> statement-breakpoint
ALTER TABLE `scores` ADD `series_id` text;--> statement-breakpoint
CREATE INDEX `scores_series` ON `scores` (`series_id`);