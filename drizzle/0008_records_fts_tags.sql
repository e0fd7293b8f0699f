-- Custom SQL migration file, put your code below! --
-- The FTS5 index gains the tags column (filter words: attached patient, type, rejected), so
-- search filters by patient or type intersect short doclists instead of scanning every hit.
-- The index is rebuilt from record_texts; the triggers are re-made for three columns.
DROP TRIGGER `record_texts_ai`;
--> statement-breakpoint
DROP TRIGGER `record_texts_ad`;
--> statement-breakpoint
DROP TRIGGER `record_texts_au`;
--> statement-breakpoint
DROP TABLE `record_texts_fts`;
--> statement-breakpoint
-- Tags for the records already indexed (no trigger is in place at this point).
UPDATE record_texts SET tags = (
	SELECT trim(
		CASE WHEN r.match_state IN ('matched', 'confirmed') AND r.patient_id IS NOT NULL THEN 'p' || replace(r.patient_id, '-', '') ELSE '' END
		|| ' t' || replace(r.doc_type, '_', '')
		|| CASE WHEN r.match_state = 'rejected' THEN ' rejected' ELSE '' END
	) FROM record_files r WHERE r.id = record_texts.record_id
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `record_texts_fts` USING fts5(
	title,
	body,
	tags,
	content='record_texts',
	content_rowid='id',
	tokenize='unicode61 remove_diacritics 2'
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
-- Same words as TAGS_SQL in src-main/backend/records/read.ts.
CREATE TRIGGER `record_files_tags` AFTER UPDATE OF `patient_id`, `match_state`, `doc_type` ON `record_files` BEGIN
	UPDATE record_texts SET tags = trim(
		CASE WHEN new.match_state IN ('matched', 'confirmed') AND new.patient_id IS NOT NULL THEN 'p' || replace(new.patient_id, '-', '') ELSE '' END
		|| ' t' || replace(new.doc_type, '_', '')
		|| CASE WHEN new.match_state = 'rejected' THEN ' rejected' ELSE '' END
	) WHERE record_id = new.id;
END;
--> statement-breakpoint
INSERT INTO record_texts_fts(record_texts_fts) VALUES ('rebuild');
