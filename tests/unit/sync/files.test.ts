/**
 * Document files follow their rows through the clinic server: filed on one computer, opened
 * on another byte for byte; interrupted transfers resume; the size limit and a damaged upload
 * are refused; only the device's own clinic's complete files are served.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createEnrolCode, ensureClinic } from '../../../src-server/devices/enrolment';
import { parseRange } from '../../../src-server/blobs/routes';
import type { HandlerContext } from '../../../src-main/backend/api/context';
import type { WriteContext } from '../../../src-main/backend/db/mutate';
import { saveGeneratedDocument } from '../../../src-main/backend/documents/store';
import { dataFileSize } from '../../../src-main/backend/security/data-files';
import { documentFilePath } from '../../../src-main/backend/sync/files';
import { readLink } from '../../../src-main/backend/sync/state';
import { HttpTransport, type FetchLike } from '../../../src-main/backend/sync/transport';
import { BLOB_CHUNK_BYTES, BLOB_MISMATCH_MESSAGE, BLOB_NOT_FOUND_MESSAGE, blobTooLargeMessage, MAX_BLOB_BYTES } from '../../../src-shared/sync/blobs';
import { SERVER_KINDS, startTestServer, type TestClinicServer } from '../../support/clinic-server';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A fetch that records blob calls and can fail or damage chosen ones. */
function tap() {
  const calls: { method: string; path: string; range: string | null; status: number | null }[] = [];
  let failWhen: ((c: { method: string; path: string; n: number }) => boolean) | null = null;
  let damageWhen: ((c: { method: string; path: string }) => boolean) | null = null;
  const fetchImpl: FetchLike = async (url, init) => {
    const path = new URL(url).pathname;
    const method = init.method ?? 'GET';
    const headers = (init.headers ?? {}) as Record<string, string>;
    const entry = { method, path, range: headers.range ?? null, status: null as number | null };
    if (path.startsWith('/v1/blobs/')) calls.push(entry);
    const n = calls.filter((c) => c.method === method && c.path.startsWith('/v1/blobs/')).length;
    if (path.startsWith('/v1/blobs/') && failWhen?.({ method, path, n })) throw new TypeError('fetch failed');
    let body = init.body;
    if (body instanceof Uint8Array && damageWhen?.({ method, path })) {
      const copy = new Uint8Array(body);
      copy[0] = copy[0]! ^ 0xff;
      body = copy;
    }
    const res = await fetch(url, { ...init, body: body ?? null });
    entry.status = res.status;
    return res;
  };
  return {
    fetchImpl,
    calls,
    puts: () => calls.filter((c) => c.method === 'PUT').map((c) => Number(c.path.split('/').pop())),
    gets: () => calls.filter((c) => c.method === 'GET').map((c) => c.range),
    failIf: (f: typeof failWhen) => void (failWhen = f),
    damageIf: (f: typeof damageWhen) => void (damageWhen = f),
    reset: () => void calls.splice(0),
  };
}

/** File a document with these bytes, as a screen's save would (file first, then its synced row). */
function fileDocument(b: TestBackend, patientId: string, bytes: Buffer, title = 'Referral letter') {
  const w = (b.sync as unknown as { w: WriteContext }).w;
  const ctx = { ...w, dataDir: b.dir } as unknown as HandlerContext;
  return saveGeneratedDocument(ctx, { patientId, docType: 'referral_letter', title, mimeType: 'application/pdf', extension: 'pdf', bytes });
}

const leftovers = (dir: string): string[] => {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!existsSync(d)) return;
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.(download|partial)$/.test(e.name)) out.push(join(d, e.name));
    }
  };
  walk(join(dir, 'documents'));
  return out;
};

describe.each(SERVER_KINDS)('document files reach other devices (%s)', (kind) => {
  let server: TestClinicServer;
  const backends: TestBackend[] = [];
  afterEach(async () => {
    for (const b of backends.splice(0)) b.dispose();
    await server?.dispose();
  });
  const device = (fetchImpl?: FetchLike) => {
    const b = tempBackend({ sync: { autoStart: false, ...(fetchImpl ? { fetch: fetchImpl } : {}) } });
    backends.push(b);
    return b;
  };
  const link = async (b: TestBackend, name: string, canAdmin = false) =>
    b.ok('sync.connect', { serverUrl: server.url, enrolCode: await server.enrolCode({ canAdmin }), deviceName: name, allowInsecure: false });
  const transportOf = (b: TestBackend) => {
    const l = readLink(b.store.sqlite)!;
    return new HttpTransport(l.serverUrl, l.token);
  };
  const readBytes = async (b: TestBackend, id: string) => Buffer.from((await b.ok('documents.read', { id })).base64, 'base64');
  const serverBlobs = async () =>
    (await server.db.query<{ sha256: string; complete: boolean; n: number }>(
      `SELECT b.sha256, b.complete, (SELECT count(*)::int FROM blob_chunks c WHERE c.clinic_id = b.clinic_id AND c.sha256 = b.sha256) AS n FROM blobs b ORDER BY b.created_at`,
    )).rows;

  it('the intake summary filed at the front desk opens on the nurse laptop, byte for byte', async () => {
    server = await startTestServer(kind);
    const ta = tap();
    const tb = tap();
    const a = device(ta.fetchImpl);
    const b = device(tb.fetchImpl);
    await link(a, 'Front desk PC');
    await link(b, 'Nurse laptop');
    const p = await a.ok('patients.create', validPatient);
    await a.ok('intake.addDiagnosis', { patientId: p.id, fields: { code: 'G90.512' } });
    const doc = await a.ok('documents.generateIntakeSummary', { patientId: p.id });
    const original = await readBytes(a, doc.id);

    await a.sync.round();
    expect(await serverBlobs()).toEqual([{ sha256: doc.sha256, complete: true, n: 1 }]);
    await b.sync.round();

    const copy = await readBytes(b, doc.id);
    expect(sha(copy)).toBe(doc.sha256);
    expect(copy.equals(original)).toBe(true);
    expect(leftovers(b.dir)).toEqual([]);
    expect(ta.puts()).toEqual([0]);
    expect(tb.gets()).toEqual([`bytes=0-${doc.sizeBytes - 1}`]);
    // Nothing more moves once both have it.
    ta.reset();
    tb.reset();
    await a.sync.round();
    await b.sync.round();
    expect([...ta.calls, ...tb.calls]).toEqual([]);
  });

  it('an upload cut after its first chunk resumes from the second; a download cut after its first range resumes from the next', async () => {
    server = await startTestServer(kind);
    const up = tap();
    const down = tap();
    const a = device(up.fetchImpl);
    const b = device(down.fetchImpl);
    await link(a, 'Front desk PC');
    await link(b, 'Nurse laptop');
    const p = await a.ok('patients.create', validPatient);
    const bytes = randomBytes(2 * BLOB_CHUNK_BYTES + 123_456);
    const doc = fileDocument(a, p.id, bytes);

    up.failIf((c) => c.method === 'PUT' && c.n === 2);
    await a.sync.round(); // rows go; the file stops after chunk 0
    expect((await a.ok('sync.status', {})).waiting).toBe(0);
    expect(await serverBlobs()).toEqual([{ sha256: doc.sha256, complete: false, n: 1 }]);
    expect(await transportOf(a).blobStatus(doc.sha256)).toEqual({ size: bytes.length, complete: false, chunks: 1, nextChunk: 1 });

    // The nurse laptop has the row but not yet the file: it says so and does not fail.
    await b.sync.round();
    expect((await b.fail('documents.read', { id: doc.id })).code).toBe('NOT_FOUND');
    expect(down.gets()).toEqual([]);

    up.failIf(null);
    up.reset();
    await a.sync.round();
    expect(up.puts()).toEqual([1, 2]);
    expect(await serverBlobs()).toEqual([{ sha256: doc.sha256, complete: true, n: 3 }]);

    down.failIf((c) => c.method === 'GET' && c.n === 2);
    await b.sync.round();
    expect(down.gets()).toEqual([`bytes=0-${BLOB_CHUNK_BYTES - 1}`, `bytes=${BLOB_CHUNK_BYTES}-${2 * BLOB_CHUNK_BYTES - 1}`]);
    expect((await b.fail('documents.read', { id: doc.id })).code).toBe('NOT_FOUND');
    const row = b.store.sqlite.prepare('SELECT stored_path FROM documents WHERE id = ?').get(doc.id) as { stored_path: string };
    expect(dataFileSize(`${join(b.dir, row.stored_path)}.download`)).toBe(BLOB_CHUNK_BYTES);

    down.failIf(null);
    down.reset();
    await b.sync.round();
    expect(down.gets()).toEqual([`bytes=${BLOB_CHUNK_BYTES}-${2 * BLOB_CHUNK_BYTES - 1}`, `bytes=${2 * BLOB_CHUNK_BYTES}-${bytes.length - 1}`]);
    expect(sha(await readBytes(b, doc.id))).toBe(doc.sha256);
    expect(leftovers(b.dir)).toEqual([]);
  });

  it('a file over the size limit is refused in plain words; the app keeps it and row sync goes on', async () => {
    server = await startTestServer(kind);
    const up = tap();
    const a = device(up.fetchImpl);
    await link(a, 'Front desk PC');
    const huge = MAX_BLOB_BYTES + 1;
    // The server refuses on the declared size, before reading the chunk.
    const refused = transportOf(a).putBlobChunk('a'.repeat(64), 0, huge, new Uint8Array(16));
    await expect(refused).rejects.toMatchObject({ code: 'TOO_LARGE', status: 413, message: blobTooLargeMessage(huge) });
    expect(blobTooLargeMessage(huge)).toBe('This file is 51 MB; the clinic server keeps files up to 50 MB, so it stays on the computer that has it.');

    // The device does not try: its row syncs, its file stays here.
    const p = await a.ok('patients.create', validPatient);
    const doc = fileDocument(a, p.id, Buffer.alloc(huge, 7), 'Imaging CD export');
    up.reset();
    await a.sync.round();
    expect(up.puts()).toEqual([]);
    expect((await a.ok('sync.status', {})).waiting).toBe(0);
    expect(await serverBlobs()).toEqual([]);
    expect(sha(await readBytes(a, doc.id))).toBe(doc.sha256);
    // Known not to be sendable: later rounds do not ask about it again.
    up.reset();
    await a.sync.round();
    expect(up.calls).toEqual([]);
  });

  it('a damaged chunk is refused when the file completes, the file is not served, and the next round sends it whole', async () => {
    server = await startTestServer(kind);
    const up = tap();
    const a = device(up.fetchImpl);
    const b = device();
    await link(a, 'Front desk PC');
    await link(b, 'Nurse laptop');
    const p = await a.ok('patients.create', validPatient);
    const bytes = randomBytes(BLOB_CHUNK_BYTES + 5000);
    const doc = fileDocument(a, p.id, bytes);

    up.damageIf((c) => c.method === 'PUT' && c.path.endsWith('/chunks/0'));
    await a.sync.round();
    // Chunk 0 was taken; the check at the last chunk found the whole wrong and discarded it.
    expect(up.calls.filter((c) => c.method === 'PUT').map((c) => c.status)).toEqual([200, 422]);
    expect(await serverBlobs()).toEqual([]);
    const direct = transportOf(b);
    await expect(direct.getBlobRange(doc.sha256, 0, 10)).rejects.toMatchObject({ code: 'NOT_FOUND', message: BLOB_NOT_FOUND_MESSAGE });
    expect(await direct.blobStatus(doc.sha256)).toBeNull();
    await b.sync.round();
    expect((await b.fail('documents.read', { id: doc.id })).code).toBe('NOT_FOUND');

    // A single damaged chunk on its own is refused with the words the app logs.
    const t = transportOf(a);
    const wrong = Buffer.from(bytes.subarray(BLOB_CHUNK_BYTES));
    wrong[0] = wrong[0]! ^ 1;
    await t.putBlobChunk(doc.sha256, 0, bytes.length, bytes.subarray(0, BLOB_CHUNK_BYTES));
    await expect(t.putBlobChunk(doc.sha256, 1, bytes.length, wrong)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: BLOB_MISMATCH_MESSAGE });
    expect(await serverBlobs()).toEqual([]);

    up.damageIf(null);
    await a.sync.round();
    await b.sync.round();
    expect(sha(await readBytes(b, doc.id))).toBe(doc.sha256);
  });

  it('serves byte ranges of complete files of the device’s own clinic only, and refuses a revoked device', async () => {
    server = await startTestServer(kind);
    const admin = device();
    const nurse = device();
    await link(admin, 'Front desk PC', true);
    await link(nurse, 'Nurse laptop');
    const p = await admin.ok('patients.create', validPatient);
    const bytes = randomBytes(BLOB_CHUNK_BYTES + 10);
    const doc = fileDocument(admin, p.id, bytes);
    await admin.sync.round();

    const t = transportOf(nurse);
    expect(Buffer.from(await t.getBlobRange(doc.sha256, BLOB_CHUNK_BYTES - 5, BLOB_CHUNK_BYTES + 9)).equals(bytes.subarray(BLOB_CHUNK_BYTES - 5))).toBe(true);
    expect(await t.blobsHave([doc.sha256, 'b'.repeat(64)])).toEqual([doc.sha256]);
    const whole = await fetch(`${server.url}/v1/blobs/${doc.sha256}`, { headers: { authorization: `Bearer ${readLink(nurse.store.sqlite)!.token}` } });
    expect(whole.status).toBe(200);
    expect(sha(new Uint8Array(await whole.arrayBuffer()))).toBe(doc.sha256);
    const none = await fetch(`${server.url}/v1/blobs/${doc.sha256}`);
    expect(none.status).toBe(401);

    // A device of another clinic on the same server does not see it.
    await ensureClinic(server.db, 'Other clinic', 'other');
    const stranger = device();
    await stranger.ok('sync.connect', {
      serverUrl: server.url,
      enrolCode: (await createEnrolCode(server.db, 'other')).code,
      deviceName: 'Elsewhere',
      allowInsecure: false,
    });
    await expect(transportOf(stranger).getBlobRange(doc.sha256, 0, 9)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await transportOf(stranger).blobStatus(doc.sha256)).toBeNull();

    const nurseId = (await admin.ok('sync.devices', {})).devices.find((d) => d.name === 'Nurse laptop')!.id;
    await admin.ok('sync.revokeDevice', { deviceId: nurseId });
    await expect(t.getBlobRange(doc.sha256, 0, 9)).rejects.toMatchObject({ code: 'REVOKED' });
    await expect(t.blobStatus(doc.sha256)).rejects.toMatchObject({ code: 'REVOKED' });
    await expect(t.putBlobChunk(doc.sha256, 0, bytes.length, bytes.subarray(0, BLOB_CHUNK_BYTES))).rejects.toMatchObject({ code: 'REVOKED' });
  });
});

describe('file sync helpers', () => {
  it('reads one byte range per request, as HTTP says', () => {
    expect(parseRange(undefined, 100)).toBeNull();
    expect(parseRange('bytes=0-9', 100)).toEqual([0, 9]);
    expect(parseRange('bytes=90-', 100)).toEqual([90, 99]);
    expect(parseRange('bytes=-10', 100)).toEqual([90, 99]);
    expect(parseRange('bytes=95-200', 100)).toEqual([95, 99]);
    expect(parseRange('bytes=100-', 100)).toBe('unsatisfiable');
    expect(parseRange('bytes=0-1,5-6', 100)).toBe('unsatisfiable');
  });

  it('writes a received file only under documents/ or records/ in the data folder', () => {
    const dir = '/data/clinic';
    expect(documentFilePath(dir, 'documents/2026-12/0190.pdf')).toBe('/data/clinic/documents/2026-12/0190.pdf');
    expect(documentFilePath(dir, `records/ab/${'ab'.repeat(32)}.pdf`)).not.toBeNull();
    for (const bad of ['../etc/passwd', 'documents/../clinic.sqlite', '/etc/passwd', 'clinic.sqlite', 'documents\\x.pdf', 'documents/x.pdf.download', 'documents//x']) {
      expect(documentFilePath(dir, bad)).toBeNull();
    }
  });
});
