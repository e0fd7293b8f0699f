/**
 * Upgrading a store indexed before the search tags (migrations 0005/0006 only) to 0007/0008:
 * existing texts get their tags and the FTS5 index is rebuilt, so old records are found with
 * the patient filter, and rejected ones are left out.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../src-main/backend/backend';
import { openStore } from '../../../src-main/backend/db/open';
import { runtimeFor } from '../../../src-main/backend/records/runtime';
import { migrationsUpTo, tempBackend, tempDir, type TestBackend } from '../../support/temp-backend';

let b: TestBackend | null = null;
const dirs: string[] = [];
afterEach(async () => {
  if (b) {
    await runtimeFor(b.store.sqlite)?.close();
    b.dispose();
  }
  b = null;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('records store upgrade', () => {
  it('tags records indexed before 0008 and rebuilds the index', async () => {
    const older = migrationsUpTo('0006_records_fts', 'desk-mig-records-');
    dirs.push(older);

    const dir = tempDir();
    const old = openStore({ file: join(dir, DB_FILE_NAME), migrationsFolder: older });
    const patientId = '01900000-0000-7000-8000-0000000000c1';
    old.sqlite
      .prepare(
        `INSERT INTO patients (id, version, created_at, updated_at, first_name, last_name, first_name_key, last_name_key,
           date_of_birth, sex, preferred_contact, mrn) VALUES (?, 1, 0, 0, 'Ana', 'Ramirez', 'ana', 'ramirez', '1984-03-07', 'female', 'none', '000001')`,
      )
      .run(patientId);
    const insert = old.sqlite.prepare(
      `INSERT INTO record_files (id, path, file_name, size_bytes, mtime_ms, mime_type, status, match_state, patient_id, doc_type, created_at, updated_at)
       VALUES (?, ?, ?, 10, 1, 'text/plain', 'indexed', ?, ?, ?, 1, 1)`,
    );
    insert.run('01900000-0000-7000-8000-0000000000d1', '/f/a.txt', 'a.txt', 'confirmed', patientId, 'nerve_block_report');
    insert.run('01900000-0000-7000-8000-0000000000d2', '/f/b.txt', 'b.txt', 'rejected', null, 'other');
    const text = old.sqlite.prepare(`INSERT INTO record_texts (record_id, title, body) VALUES (?, ?, ?)`);
    text.run('01900000-0000-7000-8000-0000000000d1', 'a.txt', 'stellate ganglion block');
    text.run('01900000-0000-7000-8000-0000000000d2', 'b.txt', 'stellate ganglion block, not ours');
    old.close();

    b = tempBackend({ dataDir: dir });
    const found = await b.ok('records.search', { q: 'stellate', patientId, docType: 'nerve_block_report' });
    expect(found.items.map((i) => i.record.fileName)).toEqual(['a.txt']);
    expect((await b.ok('records.search', { q: 'ganglion' })).items.map((i) => i.record.fileName)).toEqual(['a.txt']);
    b.store.sqlite.prepare(`INSERT INTO record_texts_fts(record_texts_fts) VALUES ('integrity-check')`).run();
  });
});
