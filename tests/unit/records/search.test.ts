/**
 * records.search as a person uses it: the last word typed is a prefix (2, 3, 4 letters from the
 * prefix index, longer ones too), quoted phrases, FTS5 syntax typed by accident searched as plain
 * words, pages that add up to the total, and a store indexed before the prefix index
 * (migration 0022) that still finds its records.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DB_FILE_NAME } from '../../../src-main/backend/backend';
import { openStore, type Sqlite } from '../../../src-main/backend/db/open';
import { SEARCH_COUNT_CAP } from '../../../src-main/backend/records/queries';
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

let seq = 0;
/** An indexed record with this text, as the pipeline leaves it (the FTS index follows by trigger). */
function addRecord(sqlite: Sqlite, fileName: string, body: string, opts: { mtimeMs?: number } = {}): string {
  seq += 1;
  const id = `01900000-0000-7000-8000-${String(seq).padStart(12, '0')}`;
  sqlite
    .prepare(
      `INSERT INTO record_files (id, path, file_name, size_bytes, mtime_ms, mime_type, status, match_state, doc_type, created_at, updated_at)
       VALUES (?, ?, ?, 10, ?, 'text/plain', 'indexed', 'unmatched', 'other', 1, 1)`,
    )
    .run(id, `/f/${fileName}`, fileName, opts.mtimeMs ?? 1);
  sqlite.prepare(`INSERT INTO record_texts (record_id, title, body, tags) VALUES (?, ?, ?, 'tother')`).run(id, fileName, body);
  return id;
}

async function names(q: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  return (await b!.ok('records.search', { q, ...extra })).items.map((i) => i.record.fileName).sort();
}

describe('prefix search', () => {
  it('finds a word from its first letters, whatever the length typed', async () => {
    b = tempBackend();
    addRecord(b.store.sqlite, 'meds.txt', 'Medication list: methadone 10 mg twice daily.');
    addRecord(b.store.sqlite, 'pt.txt', 'Physical therapy: range of motion improved.');
    for (const q of ['me', 'met', 'meth', 'metha', 'methadone', 'METH', 'méth']) expect(await names(q), q).toEqual(['meds.txt']);
    expect(await names('ran')).toEqual(['pt.txt']);
    // Only the last word is a prefix; earlier words are whole words.
    expect(await names('methadone twi')).toEqual(['meds.txt']);
    expect(await names('twice meth')).toEqual(['meds.txt']);
    expect(await names('meth twice')).toEqual([]);
    expect(await names('methx')).toEqual([]);
  });

  it('finds words typed in quotes as a phrase, and says what it searched for', async () => {
    b = tempBackend();
    addRecord(b.store.sqlite, 'scan.txt', 'Three phase bone scan: increased uptake in the left wrist.');
    addRecord(b.store.sqlite, 'mri.txt', 'MRI of the left wrist, no bone marrow edema.');
    const found = await b.ok('records.search', { q: '"bone scan"' });
    expect(found.items.map((i) => i.record.fileName)).toEqual(['scan.txt']);
    expect(found.terms).toEqual(['bone scan']);
    // FTS5 highlights the phrase as one piece.
    expect(found.items[0]!.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['bone scan']);
    expect(await names('"left wrist"')).toEqual(['mri.txt', 'scan.txt']);
  });
});

describe('phrases', () => {
  it('finds a quoted phrase only where its words stand together, in that order', async () => {
    b = tempBackend();
    addRecord(b.store.sqlite, 'adjacent.txt', 'Right lumbar sympathetic nerve block under fluoroscopy.');
    addRecord(b.store.sqlite, 'apart.txt', 'The block was declined; nerve pain persists.');
    expect(await names('nerve block')).toEqual(['adjacent.txt', 'apart.txt']);
    expect(await names('"nerve block"')).toEqual(['adjacent.txt']);
    expect(await names('"block nerve"')).toEqual([]);
    // A phrase and a word after it (a prefix, as the last word typed); a quote left open is words.
    expect(await names('"nerve block" fluoro')).toEqual(['adjacent.txt']);
    expect(await names('"nerve block')).toEqual(['adjacent.txt', 'apart.txt']);
    const none = await b.ok('records.search', { q: '"block nerve pain"' });
    expect(none).toMatchObject({ items: [], total: 0, terms: ['block nerve pain'] });
  });
});

describe('search syntax typed by accident', () => {
  it('searches FTS5 operators as plain words, or finds nothing, and never fails', async () => {
    b = tempBackend();
    addRecord(b.store.sqlite, 'or.txt', 'Either pregabalin or gabapentin, near bedtime.');
    addRecord(b.store.sqlite, 'other.txt', 'Duloxetine in the morning.');
    for (const q of ['"', '*', '(', ')', '^', ':', '"*"', 'NOT', '-', "'", '\\', '%', '_', '{title}:', 'AND AND']) {
      const r = await b.invoke('records.search', { q });
      expect(r.ok && (r.result as { items: unknown[] }).items, q).toEqual([]);
    }
    expect(await names('OR')).toEqual(['or.txt']);
    expect(await names('or gabapentin')).toEqual(['or.txt']);
    expect(await names('NEAR(')).toEqual(['or.txt']);
    expect(await names('NEAR(pregabalin gabapentin)')).toEqual(['or.txt']);
    // A column filter is two words: "body" is not in the text.
    expect(await names('body: duloxetine')).toEqual([]);
    expect(await names('gabapentin NOT pregabalin')).toEqual([]);
    expect(await names('dulox*')).toEqual(['other.txt']);
  });
});

describe('pages of results', () => {
  it('gives each match once across pages, best first, with the same total on every page', async () => {
    b = tempBackend();
    for (let i = 1; i <= 25; i++) addRecord(b.store.sqlite, `note-${String(i).padStart(2, '0')}.txt`, `ketamine ${'infusion '.repeat(i)}session note ${i}`);
    for (let i = 1; i <= 30; i++) addRecord(b.store.sqlite, `unrelated-${i}.txt`, 'gabapentin at bedtime');
    const pages = await Promise.all([0, 10, 20].map((offset) => b!.ok('records.search', { q: 'infusion', limit: 10, offset })));
    expect(pages.map((p) => p.total)).toEqual([25, 25, 25]);
    expect(pages.map((p) => p.items.length)).toEqual([10, 10, 5]);
    const order = pages.flatMap((p) => p.items.map((i) => i.record.fileName));
    expect(new Set(order).size).toBe(25);
    // bm25: the note that says "infusion" most often, relative to its length, comes first.
    expect(order[0]).toBe('note-25.txt');
    expect(order.at(-1)).toBe('note-01.txt');
    expect((await b.ok('records.search', { q: 'ketamine', limit: 10, offset: 30 })).items).toEqual([]);
  });

  it('counts up to 1,000 and then says there are more, with and without a date filter', async () => {
    b = tempBackend();
    const insert = b.store.sqlite.transaction(() => {
      for (let i = 0; i < SEARCH_COUNT_CAP + 2; i++) addRecord(b!.store.sqlite, `many-${i}.txt`, `lidocaine patch ${i}`, { mtimeMs: Date.UTC(2026, 0, 10 + (i % 2) * 30, 12) });
      for (let i = 0; i < SEARCH_COUNT_CAP; i++) addRecord(b!.store.sqlite, `exact-${i}.txt`, `capsaicin cream ${i}`);
    });
    insert();
    const many = await b.ok('records.search', { q: 'lidocaine' });
    expect(many).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true });
    expect(many.items).toHaveLength(20);
    // Exactly a thousand is counted as such.
    expect(await b.ok('records.search', { q: 'capsaicin', limit: 5 })).toMatchObject({ total: 1000, totalCapped: false });
    // Every other one was received on February 9: 501 of them, under the cap, counted exactly.
    expect(await b.ok('records.search', { q: 'lidocaine', from: '2026-02-01' })).toMatchObject({ total: 501, totalCapped: false });
    expect(await b.ok('records.search', { q: 'lidocaine', to: '2026-12-31' })).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true });
    // A later page says the same.
    expect(await b.ok('records.search', { q: 'lidocaine', offset: 40 })).toMatchObject({ total: SEARCH_COUNT_CAP, totalCapped: true });
    // A short first page is its own count.
    expect(await b.ok('records.search', { q: 'lidocaine 1001' })).toMatchObject({ total: 1, totalCapped: false });
  });

  it('counts only records received in the chosen dates', async () => {
    b = tempBackend();
    const day = 86_400_000;
    const jan10 = Date.UTC(2026, 0, 10, 12);
    for (let i = 0; i < 6; i++) addRecord(b.store.sqlite, `r${i}.txt`, 'lidocaine patch', { mtimeMs: jan10 + i * 10 * day });
    const r = await b.ok('records.search', { q: 'lido', from: '2026-01-15', to: '2026-02-20', limit: 2 });
    expect(r.total).toBe(4);
    expect(r.items).toHaveLength(2);
    expect(await names('lidocaine', { to: '2026-01-10' })).toEqual(['r0.txt']);
  });
});

describe('upgrading a store to the prefix index (0022)', () => {
  it('keeps the records already indexed searchable, by prefix too', async () => {
    const older = migrationsUpTo('0021_letter_templates', 'desk-mig-prefix-');
    dirs.push(older);

    const dir = tempDir();
    const old = openStore({ file: join(dir, DB_FILE_NAME), migrationsFolder: older });
    addRecord(old.sqlite, 'meds.txt', 'Medication list: methadone 10 mg twice daily.');
    addRecord(old.sqlite, 'block.txt', 'Left stellate ganglion block under fluoroscopy.');
    old.close();

    b = tempBackend({ dataDir: dir });
    expect(await names('meth')).toEqual(['meds.txt']);
    expect(await names('stellate gang')).toEqual(['block.txt']);
    const sql = (b.store.sqlite.prepare(`SELECT sql FROM sqlite_master WHERE name = 'record_texts_fts'`).get() as { sql: string }).sql;
    expect(sql).toContain(`prefix='2 3 4'`);
    b.store.sqlite.prepare(`INSERT INTO record_texts_fts(record_texts_fts) VALUES ('integrity-check')`).run();
    // The triggers came back with the table: a record added after the upgrade is found.
    addRecord(b.store.sqlite, 'later.txt', 'Methocarbamol 500 mg.');
    expect(await names('meth')).toEqual(['later.txt', 'meds.txt']);
  });
});
