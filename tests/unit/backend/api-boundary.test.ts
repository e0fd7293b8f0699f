import { afterEach, describe, expect, it } from 'vitest';
import { mergeHandlers } from '../../../src-main/backend/api/context';
import { buildHandlerTable } from '../../../src-main/backend/backend';
import { METHOD_NAMES } from '../../../src-shared/api/contract';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

let b: TestBackend;
afterEach(() => b?.dispose());

describe('the API boundary', () => {
  it('every method in the contract has exactly one handler', () => {
    expect(Object.keys(buildHandlerTable()).sort()).toEqual([...METHOD_NAMES].sort());
    expect(() => mergeHandlers({ 'system.whoami': () => null as never }, { 'system.whoami': () => null as never })).toThrow(
      /registered twice/,
    );
  });

  it('refuses an unknown method and malformed input without touching the store', async () => {
    b = tempBackend();
    expect((await b.invoke('patients.drop', {})).ok).toBe(false);
    const r = await b.invoke('patients.search', { q: 42 });
    expect(r).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    const r2 = await b.invoke('patients.get', { id: "1' OR 1=1 --" });
    expect(r2).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'id' } });
  });

  it('checks the permission of the acting user', async () => {
    b = tempBackend();
    const { invoke } = await b.signedInAs('nurse', 'Night nurse');
    expect(await invoke('patients.search', { q: '' })).toMatchObject({ ok: true });
    const r = await invoke('patients.create', validPatient);
    expect(r).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((b.store.sqlite.prepare('SELECT count(*) AS n FROM patients').get() as { n: number }).n).toBe(0);
  });

  it('publishes a change event after a successful write only', async () => {
    b = tempBackend();
    const topics: string[] = [];
    b.subscribe((e) => topics.push(e.topic));
    await b.ok('patients.create', validPatient);
    await b.fail('patients.create', { ...validPatient, dateOfBirth: 'soon' });
    await b.ok('suites.create', { name: 'Suite 1' });
    expect(topics).toEqual(['patients.changed', 'clinic.changed']);
  });

  it('settings: refuses an unknown time zone and duplicate suite names', async () => {
    b = tempBackend();
    const err = await b.fail('settings.update', { name: 'X', timeZone: 'Mars/Olympus', openingHours: [] });
    expect(err).toMatchObject({ code: 'VALIDATION', field: 'timeZone' });
    await b.ok('suites.create', { name: 'Suite 1' });
    expect(await b.fail('suites.create', { name: 'suite 1' })).toMatchObject({ code: 'CONFLICT', field: 'name' });
    const hours = await b.fail('settings.update', {
      name: 'X',
      timeZone: 'America/Denver',
      openingHours: [{ day: 1, open: '17:00', close: '08:00' }],
    });
    expect(hours).toMatchObject({ code: 'VALIDATION', field: 'openingHours.0.close' });
  });
});
