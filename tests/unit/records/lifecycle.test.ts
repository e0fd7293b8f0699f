/**
 * The records pipeline across restarts and settings changes: a polled folder (network share),
 * files deleted or added while the app was closed, removing and switching off a folder
 * (records kept), correcting the type, reading a failed file again, and linking an intake
 * prior-treatment entry to a record.
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runtimeFor } from '../../../src-main/backend/records/runtime';
import type { RecordSummary } from '../../../src-shared/api/schemas/records';
import { tempBackend, tempDir, validPatient, type TestBackend } from '../../support/temp-backend';
import { textPdf, waitFor } from './fixtures';

const open: TestBackend[] = [];
const folders: string[] = [];

function backend(dataDir?: string): TestBackend {
  const b = tempBackend({ ...(dataDir ? { dataDir } : {}), records: { progressThrottleMs: 20, rescanIntervalMs: 60_000 } });
  open.push(b);
  return b;
}

async function closeBackend(b: TestBackend): Promise<void> {
  await runtimeFor(b.store.sqlite)?.close();
  b.close();
  open.splice(open.indexOf(b), 1);
}

afterEach(async () => {
  for (const b of open.splice(0)) {
    await runtimeFor(b.store.sqlite)?.close();
    b.dispose();
  }
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

function folder(): string {
  const f = tempDir('records-folder-');
  folders.push(f);
  return f;
}

async function all(b: TestBackend): Promise<RecordSummary[]> {
  const ids = b.store.sqlite.prepare(`SELECT id FROM record_files ORDER BY created_at`).all() as { id: string }[];
  return Promise.all(ids.map(async ({ id }) => (await b.ok('records.get', { id })) as RecordSummary));
}

async function indexed(b: TestBackend, fileName: string): Promise<RecordSummary> {
  return waitFor(async () => (await all(b)).find((r) => r.fileName === fileName && r.status !== 'queued' && r.status !== 'extracting'), `${fileName} to be read`);
}

describe('a polled folder (a network share sends no events)', () => {
  it('finds a new file by polling', async () => {
    const b = backend();
    const dir = folder();
    const f = await b.ok('records.folders.add', { path: dir, polling: true, pollIntervalSeconds: 1, stabilitySeconds: 0.2 });
    expect(f).toMatchObject({ polling: true, pollIntervalSeconds: 1 });
    await waitFor(async () => (await b.ok('records.folders.list', {}))[0]!.watching, 'the folder to be watched');
    writeFileSync(join(dir, 'polled.txt'), 'Referral: reason for referral is CRPS; please evaluate for ketamine.');
    expect(await indexed(b, 'polled.txt')).toMatchObject({ status: 'indexed', type: { docType: 'referral_letter' } });
  });
});

describe('across a restart', () => {
  it('marks files deleted while the app was closed missing, and reads files added meanwhile', async () => {
    const dir = folder();
    let b = backend();
    const dataDir = b.dir;
    await b.ok('records.folders.add', { path: dir, stabilitySeconds: 0.2 });
    writeFileSync(join(dir, 'kept.txt'), 'Medication list: gabapentin 300 mg by mouth at bedtime.');
    writeFileSync(join(dir, 'deleted.txt'), 'Physical therapy note: range of motion, home exercise program.');
    await indexed(b, 'kept.txt');
    const deletedId = (await indexed(b, 'deleted.txt')).id;
    await closeBackend(b);

    rmSync(join(dir, 'deleted.txt'));
    writeFileSync(join(dir, 'new.pdf'), await textPdf([['Imaging report', 'MRI findings and impression, technique: contrast']]));

    b = backend(dataDir);
    expect(runtimeFor(b.store.sqlite)?.isStarted).toBe(true);
    expect(await indexed(b, 'new.pdf')).toMatchObject({ status: 'indexed', type: { docType: 'imaging_report' } });
    const gone = await waitFor(async () => (await all(b)).find((r) => r.id === deletedId && r.status === 'missing'), 'the deleted file to be missing');
    expect(gone.fileName).toBe('deleted.txt');
    expect((await all(b)).filter((r) => r.fileName === 'kept.txt')).toHaveLength(1);
  });

  it('does not start the pipeline when no folder is configured', () => {
    const b = backend();
    expect(runtimeFor(b.store.sqlite)?.isStarted).toBe(false);
  });
});

describe('a folder that goes away (a network share disconnects)', () => {
  it('keeps its records instead of marking them missing, shows the problem, and recovers', async () => {
    const b = backend();
    const dir = folder();
    const f = await b.ok('records.folders.add', { path: dir, stabilitySeconds: 0.2 });
    writeFileSync(join(dir, 'share.txt'), 'Medication list: duloxetine 60 mg once daily by mouth.');
    const r = await indexed(b, 'share.txt');
    renameSync(dir, `${dir}-offline`);
    const down = await waitFor(async () => (await b.ok('records.folders.list', {}))[0]!.problem ?? undefined, 'the folder problem');
    expect(down).toBe('The folder cannot be found. If it is on a network share, check that the share is connected.');
    expect(((await b.ok('records.get', { id: r.id })) as RecordSummary).status).toBe('indexed');

    renameSync(`${dir}-offline`, dir);
    const progress = await b.ok('records.rescan', { folderId: f.id });
    expect(progress.folders[0]).toMatchObject({ problem: null });
    expect(((await b.ok('records.get', { id: r.id })) as RecordSummary).status).toBe('indexed');
    // Watching again: a new file is noticed.
    writeFileSync(join(dir, 'after.txt'), 'Referral letter; reason for referral: CRPS; please evaluate.');
    expect((await indexed(b, 'after.txt')).status).toBe('indexed');
  });
});

describe('changing and removing folders', () => {
  it('switching a folder off stops watching it; removing it keeps its records', async () => {
    const b = backend();
    const dir = folder();
    const f = await b.ok('records.folders.add', { path: dir, stabilitySeconds: 0.2 });
    writeFileSync(join(dir, 'first.txt'), 'Referral letter, reason for referral: CRPS. Please evaluate.');
    await indexed(b, 'first.txt');

    const off = await b.ok('records.folders.update', { id: f.id, enabled: false, stabilitySeconds: 1.5 });
    expect(off).toMatchObject({ enabled: false, watching: false, stabilitySeconds: 1.5, files: 1 });
    writeFileSync(join(dir, 'while-off.txt'), 'not read while the folder is off');
    await new Promise((r) => setTimeout(r, 600));
    expect((await all(b)).map((r) => r.fileName)).toEqual(['first.txt']);

    await b.ok('records.folders.remove', { id: f.id });
    expect(await b.ok('records.folders.list', {})).toEqual([]);
    const kept = await all(b);
    expect(kept).toHaveLength(1);
    expect(kept[0]).toMatchObject({ fileName: 'first.txt', folderId: null, status: 'indexed' });
    expect((await b.fail('records.folders.update', { id: f.id, enabled: true })).code).toBe('NOT_FOUND');
  });
});

describe('decisions on a record', () => {
  it('corrects the type, reads a failed file again, and links a prior treatment to the record', async () => {
    const b = backend();
    const dir = folder();
    const patientId = (await b.ok('patients.create', { ...validPatient, mrn: '004512' })).id;
    const other = (await b.ok('patients.create', { ...validPatient, firstName: 'Marcus', lastName: 'Lee', dateOfBirth: '1971-11-23' })).id;
    await b.ok('records.folders.add', { path: dir, stabilitySeconds: 0.2 });
    writeFileSync(join(dir, 'block.txt'), 'MRN 004512. Ana Ramirez. Lumbar sympathetic block under fluoroscopy; relief 3 days.');
    const r = await indexed(b, 'block.txt');
    expect(r.match).toMatchObject({ state: 'matched', patientId });

    const typed = await b.ok('records.setType', { id: r.id, docType: 'imaging_report', expectedVersion: r.version });
    expect(typed.type).toMatchObject({ docType: 'imaging_report', confirmed: true, ruleId: null, reason: 'Set by Clinic administrator' });
    const doc = (await b.ok('documents.listForPatient', { patientId })).find((d) => d.id === r.documentId);
    expect(doc?.docType).toBe('imaging_report');

    const treatment = await b.ok('intake.addTreatment', {
      patientId,
      fields: { kind: 'nerve_block', name: 'Lumbar sympathetic block', outcome: 'partial_relief' },
    });
    const linked = await b.ok('records.linkTreatment', { treatmentId: treatment.id, recordId: r.id, expectedVersion: treatment.version });
    expect(linked.documentId).toBe(r.documentId);
    const otherTreatment = await b.ok('intake.addTreatment', { patientId: other, fields: { kind: 'medication', name: 'Gabapentin', outcome: 'failed' } });
    expect((await b.fail('records.linkTreatment', { treatmentId: otherTreatment.id, recordId: r.id })).message).toBe(
      'This record is not attached to the same patient. Confirm it for this patient first.',
    );
    expect((await b.ok('records.linkTreatment', { treatmentId: treatment.id, recordId: null })).documentId).toBeNull();

    // A failed file with a copy can be read again; one that was read cannot be "retried".
    expect((await b.fail('records.retry', { id: r.id })).message).toBe('Only a record that could not be read can be read again.');
    b.store.sqlite.prepare(`UPDATE record_files SET status = 'failed', failure_code = 'timeout', failure_reason = 'x' WHERE id = ?`).run(r.id);
    await b.ok('records.retry', { id: r.id });
    const again = await waitFor(async () => {
      const x = (await b.ok('records.get', { id: r.id })) as RecordSummary;
      return x.status === 'indexed' ? x : undefined;
    }, 'the record to be read again');
    expect(again).toMatchObject({ failureCode: null, type: { docType: 'imaging_report', confirmed: true } });

    // Moving it to another patient detaches it from the first.
    const moved = await b.ok('records.confirm', { id: r.id, patientId: other });
    expect(moved.match).toMatchObject({ state: 'confirmed', patientId: other, kind: 'manual', reason: 'Chosen by Clinic administrator' });
    expect((await b.ok('records.listForPatient', { patientId })).groups).toEqual([]);
    expect((await b.ok('records.listForPatient', { patientId: other })).groups[0]!.items[0]!.id).toBe(r.id);

    // The file is replaced in the folder: read again, the person's decision kept, the document follows the new copy.
    writeFileSync(join(dir, 'block.txt'), 'Corrected report: lumbar sympathetic block under fluoroscopy; relief 5 days.');
    const replaced = await waitFor(async () => {
      const x = (await b.ok('records.get', { id: r.id })) as RecordSummary;
      return x.sha256 !== r.sha256 && x.status === 'indexed' ? x : undefined;
    }, 'the replaced file to be read');
    expect(replaced.match).toMatchObject({ state: 'confirmed', patientId: other });
    expect((await b.ok('documents.listForPatient', { patientId: other })).find((d) => d.id === replaced.documentId)?.sha256).toBe(replaced.sha256);
    expect((await b.ok('records.search', { q: 'corrected' })).items.map((h) => h.record.id)).toEqual([r.id]);
  });
});
