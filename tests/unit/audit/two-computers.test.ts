/**
 * The audit trail across the clinic's computers: each keeps its own chain, the rows reach the
 * others through the clinic server like any synced row, an administrator on either computer
 * sees both (with the computer each event happened on), and each chain verifies on its own —
 * a row of one computer changed on another is found and the computer named.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../../../src-main/backend/audit/chain';
import { applyRemoteChanges } from '../../../src-main/backend/sync/apply';
import { SERVER_KINDS, startTestServer, type TestClinicServer } from '../../support/clinic-server';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

const open: TestBackend[] = [];
let server: TestClinicServer | null = null;
afterEach(async () => {
  for (const b of open.splice(0)) b.dispose();
  await server?.dispose();
  server = null;
});

function computer(): TestBackend {
  const b = tempBackend({ sync: { autoStart: false } });
  open.push(b);
  return b;
}

describe.each(SERVER_KINDS)('two computers through a clinic server (%s)', (kind) => {
  it('each computer’s events reach the other, both chains verify apart, and the list names the computer', async () => {
    server = await startTestServer(kind);
    const desk = computer();
    const laptop = computer();
    await desk.ok('sync.connect', { serverUrl: server.url, enrolCode: await server.enrolCode({ canAdmin: true }), deviceName: 'Front desk PC', allowInsecure: false });
    await laptop.ok('sync.connect', { serverUrl: server.url, enrolCode: await server.enrolCode(), deviceName: 'Nurse laptop', allowInsecure: false });
    const p = await desk.ok('patients.create', validPatient);
    await desk.sync.round();
    await laptop.sync.round();
    await laptop.ok('patients.get', { id: p.id });
    await desk.ok('patients.get', { id: p.id });
    for (let i = 0; i < 3; i++) {
      await desk.sync.round();
      await laptop.sync.round();
    }

    for (const b of [desk, laptop]) {
      const report = verifyAuditChain(b.store.sqlite, { thisDevice: b.system.clock.node });
      expect(report).toMatchObject({ ok: true, devices: 2 });
      const opened = (await b.ok('audit.list', { patientId: p.id, kinds: ['chartOpened'] })).items;
      expect(opened.map((e) => e.deviceName).sort()).toEqual(['Front desk PC', 'Nurse laptop']);
      expect(opened.every((e) => e.patientName === 'Ramirez, Ana')).toBe(true);
      expect(opened.find((e) => e.device === b.system.clock.node)?.thisDevice).toBe(true);
    }
    // The same rows on both computers, byte for byte.
    const rows = (b: TestBackend) => b.store.sqlite.prepare(`SELECT id, body, hash FROM audit_events ORDER BY id`).all();
    expect(rows(laptop)).toEqual(rows(desk));

    // A received row changed on the laptop (sync cannot do it: the change is ignored) ...
    const deskRow = laptop.store.sqlite.prepare(`SELECT id FROM audit_events WHERE device = ? AND seq = 1`).pluck().get(desk.system.clock.node) as string;
    const before = rows(laptop);
    applyRemoteChanges(laptop.store.sqlite, [
      { hlc: `${new Date(Date.now() + 1000).toISOString()}-0000-00000000000000ee`, table: 'audit_events', row: deskRow, field: 'body', value: JSON.stringify('{"forged":true}') },
      { hlc: `${new Date(Date.now() + 1000).toISOString()}-0000-00000000000000ee`, table: 'audit_events', row: deskRow, field: 'device', value: JSON.stringify('ffffffffffffffff') },
    ]);
    expect(rows(laptop)).toEqual(before);
    // ... by hand, is found on the laptop and the desk PC named, while the laptop's own chain holds.
    laptop.store.sqlite.exec(`DROP TRIGGER audit_events_no_update`);
    laptop.store.sqlite.prepare(`UPDATE audit_events SET body = json_set(body, '$.user', NULL) WHERE id = ?`).run(deskRow);
    const broken = verifyAuditChain(laptop.store.sqlite, { thisDevice: laptop.system.clock.node });
    expect(broken.brokenAt).toMatchObject({ device: desk.system.clock.node, seq: 1, problem: 'changed' });
    expect((await laptop.ok('audit.status', { recheck: true })).brokenAt).toMatchObject({ deviceName: 'Front desk PC', thisDevice: false, seq: 1 });
  });
});

describe('rows copied between two computers the way sync applies them', () => {
  it('verify as two chains, and a row missing from one computer’s chain is named', async () => {
    const a = computer();
    const b = computer();
    const p = await a.ok('patients.create', validPatient);
    for (let i = 0; i < 20; i++) await a.ok('audit.exportCsv', { patientId: p.id });
    for (let i = 0; i < 10; i++) await b.ok('audit.exportCsv', {});
    const changes = a.store.sqlite
      .prepare(`SELECT hlc, table_name AS "table", row_id AS row, field, value FROM change_log WHERE table_name = 'audit_events' ORDER BY seq`)
      .all() as { hlc: string; table: string; row: string; field: string; value: string | null }[];
    // Row 7 of computer A never arrives.
    const seventh = a.store.sqlite.prepare(`SELECT id FROM audit_events WHERE seq = 7`).pluck().get() as string;
    b.store.sqlite.transaction(() => applyRemoteChanges(b.store.sqlite, changes.filter((c) => c.row !== seventh)))();
    expect(verifyAuditChain(b.store.sqlite, { thisDevice: b.system.clock.node })).toMatchObject({
      ok: false,
      brokenAt: { device: a.system.clock.node, seq: 7, problem: 'missing' },
    });
    b.store.sqlite.transaction(() => applyRemoteChanges(b.store.sqlite, changes.filter((c) => c.row === seventh)))();
    expect(verifyAuditChain(b.store.sqlite, { thisDevice: b.system.clock.node })).toEqual({ ok: true, checkedRows: 31, devices: 2, brokenAt: null });
  });
});
