CREATE TABLE `reminder_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`session_id` text NOT NULL,
	`template_id` text NOT NULL,
	`patient_id` text NOT NULL,
	`channel` text NOT NULL,
	`recipient` text,
	`subject` text,
	`body` text NOT NULL,
	`session_starts_at` integer NOT NULL,
	`due_at` integer NOT NULL,
	`status` text NOT NULL,
	`reason` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`sent_at` integer,
	FOREIGN KEY (`session_id`) REFERENCES `infusion_sessions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`template_id`) REFERENCES `reminder_templates`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `reminder_outbox_session` ON `reminder_outbox` (`session_id`);--> statement-breakpoint
CREATE INDEX `reminder_outbox_status_due` ON `reminder_outbox` (`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `reminder_outbox_due` ON `reminder_outbox` (`due_at`);--> statement-breakpoint
CREATE TABLE `reminder_settings` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`clinic_address` text,
	`clinic_phone` text,
	`arrival_lead_minutes` integer DEFAULT 15 NOT NULL,
	`fasting_instructions` text NOT NULL,
	`driver_requirement` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `reminder_templates` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`name` text NOT NULL,
	`offset_kind` text NOT NULL,
	`offset_hours` integer,
	`offset_time` text,
	`channel` text NOT NULL,
	`subject` text,
	`body` text NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`note` text
);
