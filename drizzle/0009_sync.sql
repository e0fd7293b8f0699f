CREATE TABLE `sync_parked` (
	`table_name` text NOT NULL,
	`row_id` text NOT NULL,
	`field` text NOT NULL,
	`hlc` text NOT NULL,
	`value` text,
	PRIMARY KEY(`table_name`, `row_id`, `field`)
);
