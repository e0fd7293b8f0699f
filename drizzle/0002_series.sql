CREATE TABLE `infusion_series` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`patient_id` text NOT NULL,
	`template_id` text,
	`template_snapshot` text NOT NULL,
	`authorization_id` text,
	`self_pay` integer DEFAULT false NOT NULL,
	`status` text NOT NULL,
	`note` text,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`template_id`) REFERENCES `series_templates`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `infusion_series_patient` ON `infusion_series` (`patient_id`);--> statement-breakpoint
CREATE TABLE `infusion_sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`series_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`seq` integer NOT NULL,
	`suite_id` text NOT NULL,
	`supervisor_id` text,
	`starts_at` integer NOT NULL,
	`infusion_starts_at` integer NOT NULL,
	`recovery_starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`status` text NOT NULL,
	`status_times` text NOT NULL,
	`checklist` text NOT NULL,
	FOREIGN KEY (`series_id`) REFERENCES `infusion_series`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`suite_id`) REFERENCES `suites`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`supervisor_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `infusion_sessions_suite_time` ON `infusion_sessions` (`suite_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `infusion_sessions_time` ON `infusion_sessions` (`starts_at`);--> statement-breakpoint
CREATE INDEX `infusion_sessions_series` ON `infusion_sessions` (`series_id`);--> statement-breakpoint
CREATE INDEX `infusion_sessions_patient` ON `infusion_sessions` (`patient_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `series_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`name` text NOT NULL,
	`session_count` integer NOT NULL,
	`window_days` integer NOT NULL,
	`min_gap_days` integer NOT NULL,
	`max_gap_days` integer NOT NULL,
	`prep_minutes` integer NOT NULL,
	`infusion_minutes` integer NOT NULL,
	`recovery_minutes` integer NOT NULL,
	`supervisor_role` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`note` text
);
--> statement-breakpoint
CREATE TABLE `session_history` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`session_id` text NOT NULL,
	`action` text NOT NULL,
	`from_value` text,
	`to_value` text,
	`reason` text,
	`by_user` text NOT NULL,
	FOREIGN KEY (`session_id`) REFERENCES `infusion_sessions`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `session_history_session` ON `session_history` (`session_id`);--> statement-breakpoint
CREATE TABLE `staff_shifts` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`staff_id` text NOT NULL,
	`weekday` integer NOT NULL,
	`start_time` text NOT NULL,
	`end_time` text NOT NULL,
	`valid_from` text,
	`valid_to` text,
	`max_concurrent` integer DEFAULT 1 NOT NULL,
	FOREIGN KEY (`staff_id`) REFERENCES `staff`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `staff_shifts_staff` ON `staff_shifts` (`staff_id`);--> statement-breakpoint
CREATE TABLE `suite_closures` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`suite_id` text,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`reason` text NOT NULL,
	FOREIGN KEY (`suite_id`) REFERENCES `suites`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `suite_closures_time` ON `suite_closures` (`starts_at`);--> statement-breakpoint
CREATE TABLE `authorizations` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`patient_id` text NOT NULL,
	`payer_id` text,
	`auth_number` text,
	`status` text NOT NULL,
	`approved_sessions` integer,
	`start_date` text,
	`end_date` text,
	`cpt_codes` text,
	`icd10_codes` text,
	`decision_date` text,
	`denial_reason` text,
	`note` text,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`payer_id`) REFERENCES `payers`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `authorizations_patient` ON `authorizations` (`patient_id`);