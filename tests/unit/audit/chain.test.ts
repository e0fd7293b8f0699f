/**
 * The hash chain: 1,000 events verify; a row changed, removed, reordered (even with its hash
 * computed again), or cut off the end is found and named (computer, row, time); the table
 * ignores UPDATE and DELETE; a break found at start-up is kept for audit.status and logged
 * in one line without data.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sha256Hex, verifyAuditChain } from '../../../src-main/backend/audit/chain';
import { appendAuditEvent, checkAuditTrail, whenAuditChecked, type AuditActor } from '../../../src-main/backend/audit/trail';
import { setQuietLogs } from '../../../src-main/backend/log';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const open: TestBackend[] = [];
afterEach(() => {
  for (const b of open.splice(0)) b.dispose();
  setQuietLogs(true);
  vi.restoreAllMocks();
});

function backend(dataDir?: string): TestBackend {
  const b = tempBackend({ sync: { autoStart: false }, ...(dataDir ? { dataDir } : {}) });
  open.push(b);
  return b;
}

const people: AuditActor[] = [
  { id: '01900000-0000-7000-8000-000000000001', displayName: 'Carla Mendes', role: 'front_desk' },
  { id: '01900000-0000-7000-8000-000000000002', displayName: 'Nia Okafor', role: 'nurse' },
];
const PATIENT = '01900000-0000-7000-8000-00000000abcd';

function fill(b: TestBackend, n: number): void {
  for (let i = 0; i < n; i++) {
    appendAuditEvent(b.system, { kind: i % 3 ? 'chartOpened' : 'change', method: i % 3 ? 'patients.get' : 'patients.update', actor: people[i % 2]!, patientId: PATIENT });
  }
}

/** What someone with the database file and a SQLite shell could do: first drop the guards. */
function dropGuards(b: TestBackend): void {
  b.store.sqlite.exec(`DROP TRIGGER audit_events_no_update; DROP TRIGGER audit_events_no_delete;`);
}

const row = (b: TestBackend, seq: number) =>
  b.store.sqlite.prepare(`SELECT id, body, hash, at FROM audit_events WHERE seq = ?`).get(seq) as { id: string; body: string; hash: string; at: number };

/** Rewrite a row's body and, like a careful forger, its hash too. */
function forge(b: TestBackend, seq: number, change: (body: Record<string, unknown>) => void): void {
  const r = row(b, seq);
  const body = JSON.parse(r.body) as Record<string, unknown>;
  change(body);
  const text = JSON.stringify(body);
  b.store.sqlite.prepare(`UPDATE audit_events SET body = ?, hash = ? WHERE id = ?`).run(text, sha256Hex(text), r.id);
}

describe('the audit chain', () => {
  it('verifies after 1,000 events', () => {
    const b = backend();
    fill(b, 1000);
    const report = verifyAuditChain(b.store.sqlite, { thisDevice: b.system.clock.node, pageSize: 300 });
    expect(report).toEqual({ ok: true, checkedRows: 1000, devices: 1, brokenAt: null });
  });

  it('ignores UPDATE and DELETE of audit rows (a row is never changed, nor removed by sync)', () => {
    const b = backend();
    fill(b, 5);
    const before = b.store.sqlite.prepare(`SELECT * FROM audit_events ORDER BY seq`).all();
    const upd = b.store.sqlite.prepare(`UPDATE audit_events SET body = '{}', hash = 'x'`).run();
    const del = b.store.sqlite.prepare(`DELETE FROM audit_events`).run();
    expect([upd.changes, del.changes]).toEqual([0, 0]);
    expect(b.store.sqlite.prepare(`SELECT * FROM audit_events ORDER BY seq`).all()).toEqual(before);
  });

  it('finds a row whose user was changed, naming the computer, the row and its time', () => {
    const b = backend();
    fill(b, 1000);
    dropGuards(b);
    const target = row(b, 500);
    b.store.sqlite.prepare(`UPDATE audit_events SET body = json_set(body, '$.user', ?) WHERE id = ?`).run('01900000-0000-7000-8000-0000000000ff', target.id);
    const r = verifyAuditChain(b.store.sqlite, { thisDevice: b.system.clock.node });
    expect(r.ok).toBe(false);
    expect(r.brokenAt).toEqual({ device: b.system.clock.node, seq: 500, at: target.at, problem: 'changed' });
  });

  it('finds a changed row even when its hash was computed again: the next row no longer follows it', () => {
    const b = backend();
    fill(b, 1000);
    dropGuards(b);
    forge(b, 500, (body) => (body.userName = 'Somebody else'));
    expect(verifyAuditChain(b.store.sqlite).brokenAt).toMatchObject({ seq: 501, problem: 'link' });
  });

  it('finds a row deleted in the middle', () => {
    const b = backend();
    fill(b, 1000);
    dropGuards(b);
    const after = row(b, 301);
    b.store.sqlite.prepare(`DELETE FROM audit_events WHERE seq = 300`).run();
    expect(verifyAuditChain(b.store.sqlite).brokenAt).toEqual({ device: b.system.clock.node, seq: 300, at: after.at, problem: 'missing' });
  });

  it('finds two rows reordered (their places swapped and both hashes computed again)', () => {
    const b = backend();
    fill(b, 1000);
    dropGuards(b);
    const [a, c] = [row(b, 200), row(b, 201)];
    forge(b, 200, (body) => (body.seq = -1));
    b.store.sqlite.prepare(`UPDATE audit_events SET body = json_set(body, '$.seq', 200) WHERE id = ?`).run(c.id);
    b.store.sqlite.prepare(`UPDATE audit_events SET hash = ? WHERE id = ?`).run(sha256Hex(row(b, 200).body), c.id);
    forge(b, -1, (body) => (body.seq = 201));
    expect(row(b, 200).id).toBe(c.id);
    expect(row(b, 201).id).toBe(a.id);
    expect(verifyAuditChain(b.store.sqlite).brokenAt).toMatchObject({ device: b.system.clock.node, seq: 200, problem: 'link' });
  });

  it('finds rows cut off the end of this computer’s chain (it keeps its chain’s head)', () => {
    const b = backend();
    fill(b, 1000);
    dropGuards(b);
    b.store.sqlite.prepare(`DELETE FROM audit_events WHERE seq > 997`).run();
    const node = b.system.clock.node;
    expect(verifyAuditChain(b.store.sqlite, { thisDevice: node }).brokenAt).toMatchObject({ device: node, seq: 998, problem: 'missing' });
    // Every row removed.
    b.store.sqlite.prepare(`DELETE FROM audit_events`).run();
    expect(verifyAuditChain(b.store.sqlite, { thisDevice: node }).brokenAt).toMatchObject({ device: node, seq: 1, problem: 'missing' });
  });

  it('keeps writing after the head, so a deleted row stays a gap even after new events', () => {
    const b = backend();
    fill(b, 10);
    dropGuards(b);
    b.store.sqlite.prepare(`DELETE FROM audit_events WHERE seq = 10`).run();
    fill(b, 2);
    expect(verifyAuditChain(b.store.sqlite).brokenAt).toMatchObject({ seq: 10, problem: 'missing' });
  });

  it('walks a long trail in slices between calls, saying so meanwhile, and finds a break past the first slice', async () => {
    const b = backend();
    fill(b, 1000);
    const first = checkAuditTrail(b.system, { sliceRows: 100 });
    expect(first).toMatchObject({ checking: true, checkedRows: 100, ok: true });
    expect(await b.ok('audit.status', {})).toMatchObject({ checking: true, brokenAt: null });
    expect(await whenAuditChecked(b.store.sqlite)).toMatchObject({ checking: false, ok: true, checkedRows: 1000 });
    expect(await b.ok('audit.status', {})).toMatchObject({ checking: false, ok: true, checkedRows: 1000 });

    dropGuards(b);
    b.store.sqlite.prepare(`UPDATE audit_events SET body = json_set(body, '$.patient', NULL) WHERE seq = 750`).run();
    // Events keep being written while it walks; they are checked too, and are no break.
    checkAuditTrail(b.system, { sliceRows: 100 });
    fill(b, 5);
    expect(await whenAuditChecked(b.store.sqlite)).toMatchObject({ checking: false, ok: false, brokenAt: { seq: 750, problem: 'changed' } });
  });

  it('reports a break found at start-up through audit.status, and logs one line without data', async () => {
    let b = backend();
    const p = await b.ok('patients.create', validPatient);
    await b.ok('patients.get', { id: p.id });
    fill(b, 20);
    expect(await b.ok('audit.status', { recheck: true })).toMatchObject({ ok: true, checkedRows: 22, brokenAt: null });
    dropGuards(b);
    const changed = row(b, 2);
    b.store.sqlite.prepare(`UPDATE audit_events SET body = json_set(body, '$.kind', 'patientRead') WHERE id = ?`).run(changed.id);
    const node = b.system.clock.node;
    const dir = b.dir;
    b.close();
    open.pop();

    // Opened again: the check at start-up finds it, and audit.status says where.
    b = backend(dir);
    const status = await b.ok('audit.status', {});
    expect(status).toMatchObject({ ok: false, brokenAt: { device: node, seq: 2, at: changed.at, problem: 'changed', deviceName: null, thisDevice: true } });

    // The warning it logs is one line, with no data.
    setQuietLogs(false);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    checkAuditTrail(b.system);
    const lines = warn.mock.calls.map((c) => c.join(' '));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`computer ${node} broken at row 2 (changed)`);
    expect(lines[0]).not.toMatch(/Ramirez|Ana|1984|patient/i);
  });
});
