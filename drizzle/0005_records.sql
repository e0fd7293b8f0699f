CREATE TABLE `record_files` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`folder_id` text,
	`path` text NOT NULL,
	`file_name` text NOT NULL,
	`size_bytes` integer NOT NULL,
	`mtime_ms` integer NOT NULL,
	`sha256` text,
	`mime_type` text NOT NULL,
	`stored_path` text,
	`status` text NOT NULL,
	`failure_code` text,
	`failure_reason` text,
	`note` text,
	`pages` integer,
	`ocr_pages` integer DEFAULT 0 NOT NULL,
	`method` text,
	`duplicate_of` text,
	`match_state` text DEFAULT 'unmatched' NOT NULL,
	`patient_id` text,
	`match_kind` text,
	`match_reason` text,
	`candidates` text DEFAULT '[]' NOT NULL,
	`doc_type` text DEFAULT 'other' NOT NULL,
	`type_rule` text,
	`type_reason` text,
	`type_confirmed` integer DEFAULT false NOT NULL,
	`document_id` text,
	`reject_reason` text,
	`decided_by` text,
	`decided_at` integer,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`indexed_at` integer,
	`missing_since` integer,
	FOREIGN KEY (`folder_id`) REFERENCES `watched_folders`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`duplicate_of`) REFERENCES `record_files`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`patient_id`) REFERENCES `patients`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`document_id`) REFERENCES `documents`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `record_files_path` ON `record_files` (`path`);--> statement-breakpoint
CREATE INDEX `record_files_sha` ON `record_files` (`sha256`,`size_bytes`);--> statement-breakpoint
CREATE INDEX `record_files_status` ON `record_files` (`status`);--> statement-breakpoint
CREATE INDEX `record_files_inbox` ON `record_files` (`match_state`,`mtime_ms`);--> statement-breakpoint
CREATE INDEX `record_files_patient` ON `record_files` (`patient_id`,`doc_type`);--> statement-breakpoint
CREATE INDEX `record_files_folder` ON `record_files` (`folder_id`);--> statement-breakpoint
CREATE INDEX `record_files_received` ON `record_files` (`mtime_ms`);--> statement-breakpoint
CREATE TABLE `record_texts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`record_id` text NOT NULL,
	`title` text NOT NULL,
	`body` text NOT NULL,
	FOREIGN KEY (`record_id`) REFERENCES `record_files`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `record_texts_record_id_unique` ON `record_texts` (`record_id`);--> statement-breakpoint
CREATE TABLE `watched_folders` (
	`id` text PRIMARY KEY NOT NULL,
	`path` text NOT NULL,
	`polling` integer DEFAULT false NOT NULL,
	`poll_interval_ms` integer DEFAULT 5000 NOT NULL,
	`stability_ms` integer DEFAULT 5000 NOT NULL,
	`enabled` integer DEFAULT true NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `watched_folders_path_unique` ON `watched_folders` (`path`);