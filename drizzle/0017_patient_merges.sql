CREATE TABLE `patient_merges` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`kept_patient_id` text NOT NULL,
	`merged_patient_id` text NOT NULL,
	`merged_by` text,
	`merged_at` integer NOT NULL,
	`moved` text NOT NULL,
	`moved_rows` text NOT NULL,
	`conflict_id` text,
	FOREIGN KEY (`kept_patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`merged_patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `patient_merges_merged` ON `patient_merges` (`merged_patient_id`);--> statement-breakpoint
CREATE INDEX `patient_merges_kept` ON `patient_merges` (`kept_patient_id`);