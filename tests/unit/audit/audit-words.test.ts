/** The audit screen's words: who, what, where, the kind filter, and the chain banner. */
import { describe, expect, it } from 'vitest';
import { AUDIT_KINDS } from '../../../src-shared/api/methods/audit';
import { accountText, computerText, KIND_CHOICES, kindsFor, patientText, roleText, statusWords, whoText } from '../../../src-renderer/src/features/audit/words';

const time = (t: number) => `T${t}`;

describe('audit screen words', () => {
  it('says who: the person, or the name typed at a failed sign-in', () => {
    expect(whoText({ kind: 'chartOpened', userId: 'u1', userName: 'Carla Mendes' })).toBe('Carla Mendes');
    expect(whoText({ kind: 'signInFailed', userId: null, userName: 'carla' })).toBe('Not signed in (tried “carla”)');
    expect(whoText({ kind: 'signInFailed', userId: null, userName: null })).toBe('Not signed in');
    expect(roleText('front_desk')).toBe('Front desk');
    expect(roleText(null)).toBeNull();
  });

  it('names the computer, and the patient or why there is no name', () => {
    expect(computerText({ deviceName: 'Front desk PC', thisDevice: false, device: 'a1b2c3d4e5f60718' })).toBe('Front desk PC');
    expect(computerText({ deviceName: 'Front desk PC', thisDevice: true, device: 'a1b2c3d4e5f60718' })).toBe('Front desk PC (this computer)');
    expect(computerText({ deviceName: null, thisDevice: true, device: 'a1b2c3d4e5f60718' })).toBe('This computer');
    expect(computerText({ deviceName: null, thisDevice: false, device: 'a1b2c3d4e5f60718' })).toBe('Computer a1b2c3…');
    expect(patientText({ patientId: null, patientName: null })).toBeNull();
    expect(patientText({ patientId: 'p', patientName: 'Ramirez, Ana' })).toBe('Ramirez, Ana');
    expect(patientText({ patientId: 'p', patientName: null })).toBe('A patient not on this computer');
  });

  it('says which account an administration event or a failed sign-in was about', () => {
    expect(accountText({ kind: 'userAdmin', subjectId: 'u2', subjectName: 'Nia Okafor', userId: 'u1' })).toBe('account: Nia Okafor');
    expect(accountText({ kind: 'userAdmin', subjectId: 'u1', subjectName: 'Eve Admin', userId: 'u1' })).toBe('their own account');
    expect(accountText({ kind: 'userAdmin', subjectId: 'front_desk', subjectName: 'the Front desk role', userId: 'u1' })).toBe('the Front desk role');
    expect(accountText({ kind: 'signInFailed', subjectId: null, subjectName: null, userId: null })).toBe('no such account');
    expect(accountText({ kind: 'signIn', subjectId: 'u1', subjectName: 'Eve Admin', userId: 'u1' })).toBeNull();
    expect(accountText({ kind: 'chartOpened', subjectId: null, subjectName: null, userId: 'u1' })).toBeNull();
  });

  it('offers every kind alone and in groups', () => {
    expect(kindsFor('all')).toBeUndefined();
    expect(kindsFor('reads')).toContain('chartOpened');
    for (const k of AUDIT_KINDS) {
      expect(kindsFor(`kind:${k}`)).toEqual([k]);
      expect(KIND_CHOICES.some((c) => c.key !== 'all' && !c.key.startsWith('kind:') && c.kinds?.includes(k)), `${k} belongs to a group`).toBe(true);
    }
  });

  it('says the chain is intact, or where it broke and what to do', () => {
    expect(statusWords({ ok: true, checkedRows: 1204, checkedAt: 5, checking: false, brokenAt: null }, time)).toEqual({
      tone: 'ok',
      headline: 'The audit trail is intact.',
      detail: "1,204 rows checked T5: every computer's chain of rows is complete and unchanged.",
    });
    expect(statusWords({ ok: true, checkedRows: 0, checkedAt: 5, checking: false, brokenAt: null }, time).detail).toBe('Checked T5, when nothing had been recorded yet.');
    expect(statusWords({ ok: true, checkedRows: 40_000, checkedAt: 5, checking: true, brokenAt: null }, time)).toMatchObject({
      tone: 'checking',
      detail: '40,000 rows checked so far, all in order. The app can be used meanwhile.',
    });
    const broken = statusWords(
      { ok: false, checkedRows: 50, checkedAt: 5, checking: false, brokenAt: { device: 'a1b2c3d4e5f60718', deviceName: 'Nurse laptop', thisDevice: false, seq: 12, at: 99, problem: 'missing' } },
      time,
    );
    expect(broken.tone).toBe('broken');
    expect(broken.headline).toBe('The audit trail was altered on Nurse laptop: a row is missing at row 12 (T99).');
    expect(broken.detail).toMatch(/security/);
    expect(
      statusWords({ ok: false, checkedRows: 1, checkedAt: 5, checking: false, brokenAt: { device: 'a1b2c3d4e5f60718', deviceName: null, thisDevice: false, seq: 1, at: null, problem: 'changed' } }, time).headline,
    ).toBe('The audit trail was altered on computer a1b2c3…: a row was changed after it was written at row 1.');
    expect(
      statusWords({ ok: false, checkedRows: 1, checkedAt: 5, checking: false, brokenAt: { device: 'a1b2c3d4e5f60718', deviceName: null, thisDevice: true, seq: 3, at: null, problem: 'link' } }, time).headline,
    ).toMatch(/^The audit trail was altered on this computer: a row does not follow/);
  });
});
