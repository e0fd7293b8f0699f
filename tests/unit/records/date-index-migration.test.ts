/**
 * Migration 0023 on a store made before it (migrations up to 0022): the index
 * record_files_id_received (id, mtime_ms) is added to existing records, the date-filtered
 * search count reads it (covering: the wide record_files row is not read), and a date-filtered
 * search finds the same records as before.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../src-main/backend/backend';
import { openStore } from '../../../src-main/backend/db/open';
import { DATED_COUNT_SQL, ftsMatch } from '../../../src-main/backend/records/queries';
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

describe('records date index (migration 0023)', () => {
  it('is added to a store indexed before it and covers the date-filtered count', async () => {
    const older = migrationsUpTo('0022_records_fts_prefix', 'desk-mig-records-date-');
    dirs.push(older);

    const dir = tempDir();
    const old = openStore({ file: join(dir, DB_FILE_NAME), migrationsFolder: older });
    const insert = old.sqlite.prepare(
      `INSERT INTO record_files (id, path, file_name, size_bytes, mtime_ms, mime_type, status, match_state, doc_type, created_at, updated_at)
       VALUES (?, ?, ?, 10, ?, 'text/plain', 'indexed', 'unmatched', 'other', 1, 1)`,
    );
    const text = old.sqlite.prepare(`INSERT INTO record_texts (record_id, title, body) VALUES (?, ?, ?)`);
    const received = [Date.UTC(2024, 5, 1), Date.UTC(2025, 2, 1), Date.UTC(2025, 8, 1)];
    received.forEach((at, i) => {
      const id = `01900000-0000-7000-8000-0000000000e${i}`;
      insert.run(id, `/f/${i}.txt`, `${i}.txt`, at);
      text.run(id, `${i}.txt`, 'stellate ganglion block');
    });
    const indexesBefore = old.sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'record_files'`).all() as { name: string }[];
    expect(indexesBefore.map((r) => r.name)).not.toContain('record_files_id_received');
    old.close();

    b = tempBackend({ dataDir: dir });
    const sqlite = b.store.sqlite;
    const columns = sqlite.prepare(`SELECT name FROM pragma_index_info('record_files_id_received') ORDER BY seqno`).all() as { name: string }[];
    expect(columns.map((c) => c.name)).toEqual(['id', 'mtime_ms']);

    const plan = (sqlite.prepare(`EXPLAIN QUERY PLAN ${DATED_COUNT_SQL}`).all(ftsMatch('stellate', {}), 0, 1, 1001) as { detail: string }[]).map((r) => r.detail);
    expect(plan.some((d) => /record_files_id_received/.test(d) && /COVERING INDEX/.test(d))).toBe(true);

    const n = (from: number, to: number) => (sqlite.prepare(DATED_COUNT_SQL).get(ftsMatch('stellate', {}), from, to, 1001) as { n: number }).n;
    expect(n(Date.UTC(2025, 0, 1), Number.MAX_SAFE_INTEGER)).toBe(2);
    expect(n(Number.MIN_SAFE_INTEGER, Date.UTC(2025, 0, 1))).toBe(1);

    const found = await b.ok('records.search', { q: 'stellate', from: '2025-01-01' });
    expect(found.items.map((i) => i.record.fileName).sort()).toEqual(['1.txt', '2.txt']);
  });
});
