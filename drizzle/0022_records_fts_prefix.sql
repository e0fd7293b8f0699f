-- Custom SQL migration file, put your code below! --
-- The FTS5 index gains prefix indexes for 2, 3 and 4 characters: search makes the last word
-- typed a prefix ("meth" finds "methadone"), and without them FTS5 merges the doclists of
-- every word starting with those letters on each keystroke. Measured on 20,000 records: a
-- 3-letter prefix's top 20 took p95 63 ms without and 21 ms with; 5 letters gained nothing,
-- so 5 is left out (the index is about three times the size with 2 3 4).
-- The table is made again with the same columns and content table, and rebuilt from
-- record_texts, so an install's indexed records stay searchable; the triggers are re-made
-- because they belong to the table.
DROP TRIGGER `record_texts_ai`;
--> statement-breakpoint
DROP TRIGGER `record_texts_ad`;
--> statement-breakpoint
DROP TRIGGER `record_texts_au`;
--> statement-breakpoint
DROP TABLE `record_texts_fts`;
--> statement-breakpoint
CREATE VIRTUAL TABLE `record_texts_fts` USING fts5(
	title,
	body,
	tags,
	content='record_texts',
	content_rowid='id',
	tokenize='unicode61 remove_diacritics 2',
	prefix='2 3 4'
);
--> statement-breakpoint
CREATE TRIGGER `record_texts_ai` AFTER INSERT ON `record_texts` BEGIN
	INSERT INTO record_texts_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `record_texts_ad` AFTER DELETE ON `record_texts` BEGIN
	INSERT INTO record_texts_fts(record_texts_fts, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, old.tags);
END;
--> statement-breakpoint
CREATE TRIGGER `record_texts_au` AFTER UPDATE ON `record_texts` BEGIN
	INSERT INTO record_texts_fts(record_texts_fts, rowid, title, body, tags) VALUES ('delete', old.id, old.title, old.body, old.tags);
	INSERT INTO record_texts_fts(rowid, title, body, tags) VALUES (new.id, new.title, new.body, new.tags);
END;
--> statement-breakpoint
INSERT INTO record_texts_fts(record_texts_fts) VALUES ('rebuild');
