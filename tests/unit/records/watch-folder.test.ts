/**
 * The records pipeline end to end, against a real temporary folder with the watcher running
 * (short stability times): files found at start-up, files dropped in later, junk, a file that
 * grows in several writes, duplicates, renames, deletions, broken and oversize files, the
 * patient match with its reason, the document type with its rule, the inbox, confirming,
 * search, the chart's list, opening the original, and progress events.
 */
import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordSummary } from '../../../src-shared/api/schemas/records';
import { runtimeFor } from '../../../src-main/backend/records/runtime';
import { tempBackend, tempDir, validPatient, type TestBackend } from '../../support/temp-backend';
import { corruptPdf, docx, scanPng, textPdf, waitFor } from './fixtures';

const STABILITY_SECONDS = 0.3;

let b: TestBackend;
let inbox: string;
let ana: string;
let folderId: string;
const events: unknown[] = [];

async function records(): Promise<RecordSummary[]> {
  const all = await b.ok('records.inbox', { show: ['unmatched', 'suggested', 'matched', 'pending', 'failed', 'duplicate', 'missing'], limit: 200 });
  return all.items;
}

/** The record for a file name once the pipeline has settled on it (not waiting or being read). */
async function settled(fileName: string, timeoutMs = 20_000): Promise<RecordSummary> {
  return waitFor(
    async () => {
      const all = [...(await records()), ...(await confirmedOrRejected())];
      const r = all.find((x) => x.fileName === fileName);
      return r && r.status !== 'queued' && r.status !== 'extracting' ? r : undefined;
    },
    `${fileName} to be indexed`,
    timeoutMs,
  );
}

async function confirmedOrRejected(): Promise<RecordSummary[]> {
  const rows = b.store.sqlite.prepare(`SELECT id FROM record_files WHERE match_state IN ('confirmed', 'rejected')`).all() as { id: string }[];
  return Promise.all(rows.map(async (r) => (await b.ok('records.get', { id: r.id })) as RecordSummary));
}

const count = (where = '1') => (b.store.sqlite.prepare(`SELECT count(*) AS n FROM record_files WHERE ${where}`).get() as { n: number }).n;

beforeAll(async () => {
  inbox = tempDir('records-inbox-');
  // Already in the folder before it is watched: read like a new file.
  writeFileSync(
    join(inbox, 'block-report.pdf'),
    await textPdf([
      ['Procedure note', 'Patient: Ana Ramirez   DOB: 03/07/1984', 'Left stellate ganglion block under fluoroscopy.'],
      ['Injectate: bupivacaine 0.25%, 8 mL. Pain 7/10 before, 2/10 after.'],
    ]),
  );
  b = tempBackend({ records: { rescanIntervalMs: 60_000, progressThrottleMs: 20, limits: { maxFileBytes: 64 * 1024 } } });
  b.subscribe((e) => {
    if (e.topic === 'records.changed') events.push(e.payload);
  });
  ana = (await b.ok('patients.create', { ...validPatient, mrn: '004512' })).id;
  await b.ok('patients.create', { ...validPatient, firstName: 'Marcus', lastName: 'Lee', dateOfBirth: '1971-11-23', mrn: '007731' });
  folderId = (await b.ok('records.folders.add', { path: inbox, stabilitySeconds: STABILITY_SECONDS })).id;
}, 60_000);

afterAll(async () => {
  await runtimeFor(b.store.sqlite)?.close();
  b.dispose();
  rmSync(inbox, { recursive: true, force: true });
});

describe('watched folder settings', () => {
  it('refuses a folder that does not exist, a file, a relative path, the data folder and a folder watched twice', async () => {
    const missing = await b.fail('records.folders.add', { path: join(inbox, 'no-such-folder') });
    expect(missing).toMatchObject({ code: 'VALIDATION', field: 'path' });
    expect(missing.message).toMatch(/does not exist/);
    const file = join(tempDir(), 'a.txt');
    writeFileSync(file, 'x');
    expect((await b.fail('records.folders.add', { path: file })).message).toMatch(/is a file, not a folder/);
    expect((await b.fail('records.folders.add', { path: 'scans' })).message).toMatch(/full path/);
    expect((await b.fail('records.folders.add', { path: b.dir })).message).toMatch(/holds the app's own data folder/);
    expect(await b.fail('records.folders.add', { path: inbox })).toMatchObject({ code: 'CONFLICT' });
    expect((await b.fail('records.folders.add', { path: inbox, stabilitySeconds: 0 })).message).toMatch(/at least 0.1 seconds/);
    const list = await b.ok('records.folders.list', {});
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ path: inbox, stabilitySeconds: STABILITY_SECONDS, polling: false, watching: true, problem: null });
  });
});

describe('files in the folder', () => {
  it('reads a file that was there before the folder was watched, matches it by name and date of birth, and types it', async () => {
    const r = await settled('block-report.pdf');
    expect(r).toMatchObject({
      status: 'indexed',
      method: 'text',
      pages: 2,
      bucket: 'matched',
      hasCopy: true,
      match: { state: 'matched', patientId: ana, kind: 'name_dob', reason: 'name and date of birth on page 1', patientName: 'Ramirez, Ana' },
      type: { docType: 'nerve_block_report', ruleId: 'nerve-block', confirmed: false },
    });
    expect(r.type.reason).toBe('Rule "Nerve block report" fired on: stellate ganglion (page 1), fluoroscopy (page 1), injectate (page 2), bupivacaine (page 2) and 1 more.');
    // Attached: the chart lists it by type, and the documents list has its synced row.
    const chart = await b.ok('records.listForPatient', { patientId: ana });
    expect(chart.groups.map((g) => [g.label, g.items.map((i) => i.fileName)])).toEqual([['Nerve block report', ['block-report.pdf']]]);
    const docs = await b.ok('documents.listForPatient', { patientId: ana });
    expect(docs.find((d) => d.id === r.documentId)).toMatchObject({ origin: 'watched_folder', docType: 'nerve_block_report', title: 'block-report.pdf' });
  });

  it('matches by MRN in a Word document and says so', async () => {
    writeFileSync(join(inbox, 'meds.docx'), docx(['Medication list', 'Patient: Marcus Lee  MRN: 007731', 'Gabapentin 300 mg by mouth three times daily', 'Duloxetine 60 mg once daily']));
    const r = await settled('meds.docx');
    expect(r.match).toMatchObject({ state: 'matched', kind: 'mrn', reason: 'MRN 007731 on page 1', patientName: 'Lee, Marcus' });
    expect(r.type).toMatchObject({ docType: 'medication_list', ruleId: 'medication-list' });
  });

  it('suggests (never attaches) a patient whose name is only close, and a person confirms it', async () => {
    writeFileSync(
      join(inbox, 'pt-note.txt'),
      'Physical therapy progress note\nName: Ana Ramirex   Date of birth: March 7, 1984\nRange of motion improved; home exercise program reviewed.',
    );
    const r = await settled('pt-note.txt');
    expect(r).toMatchObject({ bucket: 'suggested', documentId: null });
    expect(r.match).toMatchObject({ state: 'suggested', patientId: ana, kind: 'name_dob', reason: 'date of birth 03/07/1984 and a similar name on page 1' });
    expect((await b.ok('records.listForPatient', { patientId: ana })).groups.flatMap((g) => g.items.map((i) => i.fileName))).not.toContain('pt-note.txt');

    const inboxNow = await b.ok('records.inbox', {});
    expect(inboxNow.items.map((i) => i.fileName)).toContain('pt-note.txt');
    expect(inboxNow.counts.suggested).toBe(1);

    const stale = await b.fail('records.confirm', { id: r.id, expectedVersion: r.version - 1 });
    expect(stale.code).toBe('CONFLICT');
    const confirmed = await b.ok('records.confirm', { id: r.id, expectedVersion: r.version });
    expect(confirmed).toMatchObject({ bucket: null, match: { state: 'confirmed', patientId: ana, reason: r.match.reason }, type: { docType: 'physical_therapy_note', confirmed: true } });
    expect(confirmed.documentId).not.toBeNull();
    expect((await b.ok('records.inbox', {})).items.map((i) => i.fileName)).not.toContain('pt-note.txt');
    const chart = await b.ok('records.listForPatient', { patientId: ana });
    expect(chart.groups.map((g) => g.docType)).toEqual(['nerve_block_report', 'physical_therapy_note']);
  });

  it('finds records by a word from their body, with highlighted snippets and filters', async () => {
    const hits = await b.ok('records.search', { q: 'exercise' });
    expect(hits.items.map((h) => h.record.fileName)).toEqual(['pt-note.txt']);
    expect(hits.items[0]!.snippet.filter((p) => p.hit).map((p) => p.text)).toEqual(['exercise']);
    expect(hits.items[0]!.snippet.map((p) => p.text).join('')).toContain('home exercise program');
    // Accents and case folded, last word a prefix.
    expect((await b.ok('records.search', { q: 'STELLA' })).items.map((h) => h.record.fileName)).toEqual(['block-report.pdf']);
    expect((await b.ok('records.search', { q: 'daily', docType: 'nerve_block_report' })).items).toEqual([]);
    expect((await b.ok('records.search', { q: 'mg', patientId: ana })).items.map((h) => h.record.fileName)).toEqual([]);
    expect((await b.ok('records.search', { q: 'bupivacaine', patientId: ana })).items.map((h) => h.record.fileName)).toEqual(['block-report.pdf']);
    // Confirmed by a person a moment ago: the patient filter follows at once.
    expect((await b.ok('records.search', { q: 'exercise', patientId: ana, docType: 'physical_therapy_note' })).items.map((h) => h.record.fileName)).toEqual(['pt-note.txt']);
    expect((await b.ok('records.search', { q: 'bupivacaine', from: '2100-01-01' })).total).toBe(0);
    // FTS5 syntax typed by accident is read as plain words.
    expect((await b.ok('records.search', { q: 'NEAR(" OR *' })).items).toEqual([]);
    expect((await b.fail('records.search', { q: '   ' })).message).toBe('Enter words to search for.');
  });

  it('ignores junk and temporary files', async () => {
    for (const name of ['Thumbs.db', '.DS_Store', 'desktop.ini', '._scan.pdf', '~$letter.docx', 'fax.pdf.part', 'download.crdownload', 'scan.tmp']) {
      writeFileSync(join(inbox, name), 'junk');
    }
    writeFileSync(join(inbox, 'marker.txt'), 'marker file');
    await settled('marker.txt');
    expect(count(`file_name IN ('Thumbs.db', '.DS_Store', 'desktop.ini', '._scan.pdf', '~$letter.docx', 'fax.pdf.part', 'download.crdownload', 'scan.tmp')`)).toBe(0);
  });

  it('waits for a file that is still being written, then reads it whole, once', async () => {
    const file = join(inbox, 'scanner-output.txt');
    writeFileSync(file, 'Page one of the referral.\n');
    for (const part of ['Page two: reason for referral, CRPS of the left hand.\n', 'Page three: referring physician Dr. Patel.\n']) {
      await new Promise((r) => setTimeout(r, 120));
      expect(count(`file_name = 'scanner-output.txt'`)).toBe(0);
      appendFileSync(file, part);
    }
    const r = await settled('scanner-output.txt');
    expect(count(`file_name = 'scanner-output.txt'`)).toBe(1);
    const detail = await b.ok('records.get', { id: r.id });
    expect(detail.pageTexts.map((p) => p.text).join('')).toContain('referring physician Dr. Patel.');
    expect(r.type).toMatchObject({ docType: 'referral_letter', ruleId: 'referral' });
  });

  it('reads a scan by OCR in the worker pool', async () => {
    writeFileSync(join(inbox, 'fax-scan.png'), scanPng(['Three phase bone scan', 'Impression: findings consistent with CRPS']));
    const r = await settled('fax-scan.png', 30_000);
    expect(r).toMatchObject({ status: 'indexed', method: 'ocr', pages: 1, ocrPages: 1, type: { docType: 'imaging_report' } });
    expect((await b.ok('records.search', { q: 'bone scan' })).items.map((h) => h.record.fileName)).toEqual(['fax-scan.png']);
  });

  it('lists broken, empty and oversize files with their reasons, and reads the rest', async () => {
    writeFileSync(join(inbox, 'broken.pdf'), corruptPdf());
    writeFileSync(join(inbox, 'empty.pdf'), '');
    writeFileSync(join(inbox, 'huge.txt'), 'x'.repeat(100 * 1024));
    writeFileSync(join(inbox, 'after-broken.txt'), 'Denial letter: adverse determination, right to appeal within 180 days.');
    expect(await settled('broken.pdf')).toMatchObject({ status: 'failed', bucket: 'failed', failureCode: 'corrupt', failureReason: 'The PDF is damaged and could not be read. Ask the sender for a new copy.' });
    expect(await settled('empty.pdf')).toMatchObject({ status: 'failed', failureCode: 'empty', hasCopy: false });
    expect(await settled('huge.txt')).toMatchObject({
      status: 'failed',
      failureCode: 'too_large',
      hasCopy: false,
      failureReason: 'The file is too large to read (100 KB; the limit is 64 KB). The app keeps a reference to the original only.',
    });
    expect(await settled('after-broken.txt')).toMatchObject({ status: 'indexed', type: { docType: 'payer_letter' } });
    const failed = await b.ok('records.inbox', { show: ['failed'] });
    expect(failed.items.map((i) => i.fileName).sort()).toEqual(['broken.pdf', 'empty.pdf', 'huge.txt']);
    const huge = failed.items.find((i) => i.fileName === 'huge.txt')!;
    expect((await b.fail('records.confirm', { id: huge.id, patientId: ana })).message).toMatch(/no copy of this file/);
  });

  it('shows a second copy of the same content as a duplicate of the first', async () => {
    copyFileSync(join(inbox, 'block-report.pdf'), join(inbox, 'block-report (1).pdf'));
    const original = await settled('block-report.pdf');
    const dup = await settled('block-report (1).pdf');
    expect(dup).toMatchObject({ status: 'duplicate', bucket: 'duplicate', duplicateOf: { id: original.id, fileName: 'block-report.pdf' }, sha256: original.sha256 });
    expect((await b.fail('records.confirm', { id: dup.id, patientId: ana })).message).toMatch(/copy of another record/);
    // One copy kept for both.
    expect(count(`stored_path = (SELECT stored_path FROM record_files WHERE id = '${original.id}')`)).toBe(2);
  });

  it('keeps the index entry of a renamed or moved file, and marks a deleted one missing without forgetting it', async () => {
    const before = await settled('meds.docx');
    mkdirSync(join(inbox, '2026', 'march'), { recursive: true });
    renameSync(join(inbox, 'meds.docx'), join(inbox, '2026', 'march', 'meds-renamed.docx'));
    const moved = await settled('meds-renamed.docx');
    expect(moved).toMatchObject({ id: before.id, status: 'indexed', originalPath: join(inbox, '2026', 'march', 'meds-renamed.docx'), match: before.match });
    expect(count(`file_name = 'meds.docx'`)).toBe(0);

    rmSync(join(inbox, 'after-broken.txt'));
    const gone = await waitFor(async () => {
      const r = (await records()).find((x) => x.fileName === 'after-broken.txt');
      return r?.status === 'missing' ? r : undefined;
    }, 'the deleted file to be marked missing');
    expect(gone.missingSince).not.toBeNull();
    // Still searchable, and still openable from the app's copy.
    expect((await b.ok('records.search', { q: 'adverse determination' })).items.map((h) => h.record.id)).toEqual([gone.id]);
    const opened = await b.ok('records.open', { id: gone.id });
    expect(opened).toMatchObject({ originalExists: false, fromCopy: true });
    expect(Buffer.from(opened.base64, 'base64').toString()).toContain('adverse determination');
  });

  it('never changes the originals', async () => {
    const file = join(inbox, 'block-report.pdf');
    const s = statSync(file);
    const sha = createHash('sha256').update(readFileSync(file)).digest('hex');
    await b.ok('records.rescan', { folderId });
    const original = await settled('block-report.pdf');
    expect(original.sha256).toBe(sha);
    expect(statSync(file).mtimeMs).toBe(s.mtimeMs);
  });

  it('reports progress on request and as records.changed events', async () => {
    const p = await b.ok('records.progress', {});
    expect(p).toMatchObject({ busy: false, queued: 0, extracting: 0, failed: 3, missing: 1, folders: [{ id: folderId, watching: true, problem: null }] });
    expect(p.done).toBe(p.total - p.failed - p.missing);
    expect(events.length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ progress: { busy: false } });
  });

  it('rejects a record, takes it out of the inbox, and can reopen it', async () => {
    const r = await settled('marker.txt');
    const rejected = await b.ok('records.reject', { id: r.id, reason: 'not a clinical record' });
    expect(rejected).toMatchObject({ bucket: null, match: { state: 'rejected', patientId: null } });
    expect((await b.ok('records.inbox', {})).items.map((i) => i.id)).not.toContain(r.id);
    expect((await b.ok('records.search', { q: 'marker' })).items).toEqual([]);
    expect((await b.ok('records.reopen', { id: r.id })).match.state).toBe('unmatched');
    expect((await b.ok('records.search', { q: 'marker' })).items.map((h) => h.record.id)).toEqual([r.id]);
  });
});
