import { describe, expect, it } from 'vitest';
import { seriesCoverage } from '../../../src-main/backend/authorizations/rules/coverage';

const auth = { authNumber: '12345', status: 'approved', approvedSessions: 6, startDate: '2026-12-01', endDate: '2026-12-31' };
const six = [1, 2, 3, 4, 5, 6].map((seq) => ({ seq, date: `2026-12-${String(seq * 2).padStart(2, '0')}` }));

describe('seriesCoverage', () => {
  it('covers a series within the count and dates', () => {
    expect(seriesCoverage(six, auth, false, 0)).toEqual({ covered: true, label: 'Covered by auth 12345: 6 of 6 sessions, 12/01-12/31', outside: [] });
  });
  it('self-pay is always covered', () => {
    expect(seriesCoverage(six, null, true, 0)).toMatchObject({ covered: true, label: 'Self-pay' });
  });
  it('names sessions beyond the remaining count', () => {
    const c = seriesCoverage(six, auth, false, 2);
    expect(c.covered).toBe(false);
    expect(c.outside.map((o) => o.seq)).toEqual([5, 6]);
    expect(c.outside[0]!.why).toMatch(/2 used by other series/);
  });
  it('names sessions outside the dates', () => {
    const c = seriesCoverage([...six.slice(0, 5), { seq: 6, date: '2027-01-02' }], auth, false, 0);
    expect(c.outside).toEqual([{ seq: 6, why: '01/02/2027 is after auth 12345 ends (12/31/2026).' }]);
  });
  it('an unapproved or missing authorization covers nothing', () => {
    expect(seriesCoverage(six, { ...auth, status: 'pending' }, false, 0).outside).toHaveLength(6);
    expect(seriesCoverage(six, null, false, 0).covered).toBe(false);
  });
});
