import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';
import { tempBackend, tempDir, validPatient, type TestBackend } from '../../support/temp-backend';

const ZONE = 'America/Chicago';
const at = (date: string, time: string) => zonedToInstant(ZONE, date, time);
const NOW = at('2026-06-03', '10:00');

let b: TestBackend;
let suite: string;
let rn: string;

const count = (table: string, where = '1') =>
  (b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table} WHERE ${where}`).get() as { n: number }).n;
// The clinic's data only: the audit trail records each save, also one that changed nothing.
const changes = () => count('change_log', "table_name <> 'audit_events'");

const sixOverTwoWeeks = {
  name: 'Initial series: 6 over 2 weeks',
  sessionCount: 6,
  windowDays: 14,
  minGapDays: 1,
  maxGapDays: 4,
  prepMinutes: 30,
  infusionMinutes: 240,
  recoveryMinutes: 60,
  supervisorRole: 'rn' as const,
};

beforeEach(async () => {
  b = tempBackend({ now: () => NOW });
  await b.ok('settings.update', {
    name: 'Lakeside Pain & Infusion',
    timeZone: ZONE,
    openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '08:00', close: '17:00' })),
  });
  suite = (await b.ok('suites.create', { name: 'Suite 1' })).id;
  rn = (await b.ok('staff.create', { name: 'Carla Diaz, RN', role: 'rn' })).id;
  await b.ok('patients.create', validPatient);
});
afterEach(() => b.dispose());

describe('series templates', () => {
  it('inserts the defaults file on first use, once', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'series'));
    const entry = { key: 'six', source: 'Test clinic protocol', ...sixOverTwoWeeks };
    writeFileSync(join(dir, 'series', 'templates.json'), JSON.stringify({ version: 1, templates: [entry] }));
    const saved = process.env.DESK_RESOURCES_DIR;
    process.env.DESK_RESOURCES_DIR = dir;
    try {
      expect((await b.ok('series.templates.list', {})).map((t) => t.name)).toEqual([sixOverTwoWeeks.name]);
      expect(await b.ok('series.templates.list', {})).toHaveLength(1);
      expect((await b.ok('series.templates.list', {}))[0]!.note).toBe('Test clinic protocol');
    } finally {
      if (saved === undefined) delete process.env.DESK_RESOURCES_DIR;
      else process.env.DESK_RESOURCES_DIR = saved;
    }
  });

  it('creates, lists and updates a template', async () => {
    const t = await b.ok('series.templates.create', sixOverTwoWeeks);
    expect(t).toMatchObject({ ...sixOverTwoWeeks, active: true, version: 1 });
    const list = await b.ok('series.templates.list', {});
    expect(list.map((x) => x.id)).toContain(t.id);
    const u = await b.ok('series.templates.update', { id: t.id, maxGapDays: 5, expectedVersion: 1 });
    expect(u).toMatchObject({ maxGapDays: 5, version: 2 });
  });

  it.each([
    [{ minGapDays: 5, maxGapDays: 2 }, 'minGapDays', /cannot be more than/],
    [{ windowDays: 4 }, 'windowDays', /window of at least 6 days/],
    [{ sessionCount: 0 }, 'sessionCount', /at least 1/],
    [{ infusionMinutes: 0 }, 'infusionMinutes', /at least 1/],
    [{ supervisorRole: 'front_desk' }, 'supervisorRole', /anesthesiologist, CRNA or RN/],
  ])('refuses %o naming the field, saving nothing', async (patch, field, message) => {
    await b.ok('series.templates.list', {});
    const before = [count('series_templates'), changes()];
    const e = await b.fail('series.templates.create', { ...sixOverTwoWeeks, ...patch });
    expect(e.code).toBe('VALIDATION');
    expect(e.issues?.[0]?.field ?? e.field).toBe(field);
    expect(e.message).toMatch(message);
    expect([count('series_templates'), changes()]).toEqual(before);
  });

  it('refuses an update that breaks the gap rule and keeps the template', async () => {
    const t = await b.ok('series.templates.create', sixOverTwoWeeks);
    const before = changes();
    const e = await b.fail('series.templates.update', { id: t.id, minGapDays: 6 });
    expect(e.field).toBe('minGapDays');
    expect(changes()).toBe(before);
  });
});

describe('suite closures', () => {
  it('adds, lists and removes a closure', async () => {
    const c = await b.ok('closures.add', { suiteId: suite, startsAt: at('2026-06-10', '08:00'), endsAt: at('2026-06-10', '17:00'), reason: 'Deep clean' });
    expect(c).toMatchObject({ suiteName: 'Suite 1', reason: 'Deep clean' });
    const all = await b.ok('closures.add', { suiteId: null, startsAt: at('2026-07-04', '00:00'), endsAt: at('2026-07-05', '00:00'), reason: 'Holiday' });
    expect(all.suiteName).toBeNull();
    expect((await b.ok('closures.list', {})).map((x) => x.id)).toEqual([c.id, all.id]);
    await b.ok('closures.remove', { id: c.id, expectedVersion: 1 });
    expect((await b.ok('closures.list', {})).map((x) => x.id)).toEqual([all.id]);
  });

  it('refuses an end before the start, saving nothing', async () => {
    const before = [count('suite_closures'), changes()];
    const e = await b.fail('closures.add', { suiteId: suite, startsAt: at('2026-06-10', '17:00'), endsAt: at('2026-06-10', '08:00'), reason: 'x' });
    expect(e).toMatchObject({ code: 'VALIDATION', field: 'endsAt' });
    expect([count('suite_closures'), changes()]).toEqual(before);
  });
});

describe('staff shifts', () => {
  it('sets and lists weekly shifts; saving the same rota writes nothing', async () => {
    const shifts = [
      { weekday: 1, startTime: '07:30', endTime: '15:30', maxConcurrent: 3 },
      { weekday: 2, startTime: '07:30', endTime: '15:30', validFrom: '2026-06-01', validTo: null, maxConcurrent: 2 },
    ];
    const set = await b.ok('shifts.setWeekly', { staffId: rn, shifts });
    expect(set.shifts.map((s) => [s.weekday, s.maxConcurrent])).toEqual([[1, 3], [2, 2]]);
    const before = changes();
    await b.ok('shifts.setWeekly', { staffId: rn, shifts });
    expect(changes()).toBe(before);
    expect((await b.ok('shifts.list', {})).find((p) => p.staffId === rn)?.shifts).toHaveLength(2);
    await b.ok('shifts.setWeekly', { staffId: rn, shifts: [] });
    expect((await b.ok('shifts.list', { staffId: rn }))[0]!.shifts).toEqual([]);
  });

  it('refuses overlapping shifts and non-supervising staff, saving nothing', async () => {
    const desk = (await b.ok('staff.create', { name: 'Dee Front', role: 'front_desk' })).id;
    const before = [count('staff_shifts'), changes()];
    const e = await b.fail('shifts.setWeekly', {
      staffId: rn,
      shifts: [
        { weekday: 1, startTime: '07:30', endTime: '15:30', maxConcurrent: 2 },
        { weekday: 1, startTime: '12:00', endTime: '18:00', maxConcurrent: 2 },
      ],
    });
    expect(e.message).toMatch(/overlaps Monday 07:30-15:30/);
    const f = await b.fail('shifts.setWeekly', { staffId: desk, shifts: [] });
    expect(f.field).toBe('staffId');
    expect([count('staff_shifts'), changes()]).toEqual(before);
  });
});
