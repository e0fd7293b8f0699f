CREATE TABLE `audit_events` (
	`id` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`deleted_at` integer,
	`body` text NOT NULL,
	`hash` text NOT NULL,
	`device` text GENERATED ALWAYS AS ("body" ->> '$.device') VIRTUAL,
	`seq` integer GENERATED ALWAYS AS ("body" ->> '$.seq') VIRTUAL,
	`at` integer GENERATED ALWAYS AS ("body" ->> '$.at') VIRTUAL,
	`user_id` text GENERATED ALWAYS AS ("body" ->> '$.user') VIRTUAL,
	`kind` text GENERATED ALWAYS AS ("body" ->> '$.kind') VIRTUAL,
	`method` text GENERATED ALWAYS AS ("body" ->> '$.method') VIRTUAL,
	`patient_id` text GENERATED ALWAYS AS ("body" ->> '$.patient') VIRTUAL,
	`subject_id` text GENERATED ALWAYS AS ("body" ->> '$.subject') VIRTUAL
);
--> statement-breakpoint
CREATE INDEX `audit_events_chain` ON `audit_events` (`device`,`seq`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_at` ON `audit_events` (`at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_patient` ON `audit_events` (`patient_id`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_user` ON `audit_events` (`user_id`,`at`,`id`);--> statement-breakpoint
CREATE INDEX `audit_events_kind` ON `audit_events` (`kind`,`at`,`id`);--> statement-breakpoint
-- Hand-written (drizzle-kit has no triggers): audit rows are never changed or removed. An
-- UPDATE or DELETE of one is skipped without an error, so a change received by sync for an
-- audit row cannot alter it (nor stop the sync round); the hash chain shows any edit made
-- around these triggers.
CREATE TRIGGER `audit_events_no_update` BEFORE UPDATE ON `audit_events` BEGIN SELECT RAISE(IGNORE); END;--> statement-breakpoint
CREATE TRIGGER `audit_events_no_delete` BEFORE DELETE ON `audit_events` BEGIN SELECT RAISE(IGNORE); END;
