CREATE TABLE `authorization_events` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`authorization_id` text NOT NULL,
	`at` integer NOT NULL,
	`by_user_id` text,
	`by_name` text,
	`from_status` text,
	`to_status` text NOT NULL,
	`reference_number` text,
	`note` text,
	`details` text,
	FOREIGN KEY (`authorization_id`) REFERENCES `authorizations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `authorization_events_auth` ON `authorization_events` (`authorization_id`,`at`);--> statement-breakpoint
CREATE TABLE `authorization_letters` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`authorization_id` text NOT NULL,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`content` text NOT NULL,
	`document_id` text,
	`finalized_at` integer,
	`finalized_by` text,
	FOREIGN KEY (`authorization_id`) REFERENCES `authorizations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `authorization_letters_auth` ON `authorization_letters` (`authorization_id`);--> statement-breakpoint
CREATE TABLE `payer_rule_sets` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`key` text NOT NULL,
	`name` text NOT NULL,
	`rules` text NOT NULL,
	`confirmed_at` integer,
	`confirmed_by` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `payer_rule_sets_key` ON `payer_rule_sets` (`key`);--> statement-breakpoint
ALTER TABLE `payers` ADD `rule_set_key` text;--> statement-breakpoint
ALTER TABLE `payers` ADD `fax` text;--> statement-breakpoint
ALTER TABLE `staff` ADD `npi` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `member_id` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `group_number` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `coverage_id` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `rule_set_key` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `diagnosis_group` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `template_id` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `requested_sessions` integer;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `requested_start_date` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `requested_end_date` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `service_lines` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `ordering_provider_id` text REFERENCES staff(id);--> statement-breakpoint
ALTER TABLE `authorizations` ADD `submission_route` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `reference_number` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `expedited` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `renewal_of_id` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `submitted_at` integer;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `decision_due_at` integer;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `denial_date` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `denial_code` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `denial_policy` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `p2p_due_date` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `p2p_scheduled_at` integer;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `appeal_due_date` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `appeal_filed_date` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `final_denial_date` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `external_review_due_date` text;--> statement-breakpoint
ALTER TABLE `authorizations` ADD `closed_reason` text;--> statement-breakpoint
CREATE INDEX `authorizations_status` ON `authorizations` (`status`);