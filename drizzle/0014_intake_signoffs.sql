CREATE TABLE `intake_signoffs` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`patient_id` text NOT NULL,
	`signed_at` integer NOT NULL,
	`signed_by_user_id` text NOT NULL,
	`signed_by_name` text NOT NULL,
	`signed_by_role` text NOT NULL,
	`comment` text,
	`reviewed` text NOT NULL,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `intake_signoffs_patient` ON `intake_signoffs` (`patient_id`,`signed_at`);