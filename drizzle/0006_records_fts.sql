-- Custom SQL migration file, put your code below! --
-- Full-text index over prior records' extracted text (drizzle-kit has no FTS5 builder).
-- External content: the text is stored once, in record_texts; the triggers keep the index in
-- step on insert, update and delete. unicode61 with remove_diacritics 2 folds accents, so
-- "Peña" is found by "pena", as patient search does.
CREATE VIRTUAL TABLE `record_texts_fts` USING fts5(
	title,
	body,
	content='record_texts',
	content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
);
--> statement-breakpoint
CREATE TRIGGER `record_texts_ai` AFTER INSERT ON `record_texts` BEGIN
	INSERT INTO record_texts_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `record_texts_ad` AFTER DELETE ON `record_texts` BEGIN
	INSERT INTO record_texts_fts(record_texts_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `record_texts_au` AFTER UPDATE ON `record_texts` BEGIN
	INSERT INTO record_texts_fts(record_texts_fts, rowid, title, body) VALUES ('delete', old.id, old.title, old.body);
	INSERT INTO record_texts_fts(rowid, title, body) VALUES (new.id, new.title, new.body);
END;
