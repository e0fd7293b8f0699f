import { describe, expect, it } from 'vitest';
import type { Authorization } from '../../../src-shared/api/schemas/series';
import { authorizationProblem, paymentStart } from '../../../src-renderer/src/features/series/payment-default';

const ZONE = 'America/Chicago';
const TODAY = '2026-12-05';
const auth = (over: Partial<Authorization>): Authorization => ({
  id: 'a1', version: 1, patientId: 'p1', payerId: null, authNumber: 'A-1', status: 'approved', approvedSessions: 6,
  startDate: '2026-12-01', endDate: '2027-02-28', cptCodes: null, icd10Codes: null, decisionDate: null, denialReason: null, note: null,
  sessionsUsed: 0, sessionsBooked: 0,
  memberId: null, groupNumber: null, coverageId: null, ruleSetKey: null, diagnosisGroup: null, templateId: null, requestedSessions: null,
  requestedStartDate: null, requestedEndDate: null, serviceLines: null, orderingProviderId: null, submissionRoute: null, referenceNumber: null,
  expedited: false, renewalOfId: null, submittedAt: null, decisionDueAt: null, denialDate: null, denialCode: null, denialPolicy: null,
  p2pDueDate: null, p2pScheduledAt: null, appealDueDate: null, appealFiledDate: null, finalDenialDate: null, externalReviewDueDate: null,
  closedReason: null, ...over,
});

describe('"Paid by" in the series planner', () => {
  it('starts on the valid authorization, not an expired 2020 one with 0 sessions left listed first', () => {
    const expired = auth({ id: 'old', authNumber: 'OLD', startDate: '2020-01-06', endDate: '2020-03-31', sessionsUsed: 6 });
    const valid = auth({ id: 'now', authNumber: 'NOW' });
    expect(paymentStart([expired, valid], [], TODAY, ZONE, 6)).toEqual({ payment: 'now', notice: null });
    expect(authorizationProblem(expired, TODAY, ZONE)).toBe('ended Mar 31, 2020');
  });

  it('prefers one with enough sessions for the series', () => {
    const few = auth({ id: 'few', approvedSessions: 6, sessionsBooked: 4 });
    const enough = auth({ id: 'enough' });
    expect(paymentStart([few, enough], [], TODAY, ZONE, 6).payment).toBe('enough');
    expect(paymentStart([few], [], TODAY, ZONE, 6).payment).toBe('few');
  });

  it('coverage without an authorization is not self-pay: nothing is chosen and it says why', () => {
    expect(paymentStart([], [{ payerName: 'Aetna' }], TODAY, ZONE, 6)).toEqual({
      payment: '',
      notice: 'The patient has Aetna coverage but no authorization for this series. Request or renew an authorization, or choose Self-pay if the patient pays.',
    });
  });

  it('only unusable authorizations: each is named with its reason', () => {
    const r = paymentStart([auth({ authNumber: 'OLD', endDate: '2020-03-31', startDate: '2020-01-01' }), auth({ authNumber: 'P-2', status: 'pending' }), auth({ authNumber: 'U-3', sessionsUsed: 6 })], [], TODAY, ZONE, 6);
    expect(r.payment).toBe('');
    expect(r.notice).toBe(
      'No authorization covers this series: Authorization OLD: ended Mar 31, 2020; Authorization P-2: pending; Authorization U-3: 0 sessions left. Request or renew an authorization, or choose Self-pay if the patient pays.',
    );
  });

  it('no coverage and no authorization: says so, self-pay only when chosen', () => {
    expect(paymentStart([], [], TODAY, ZONE, 6)).toEqual({ payment: '', notice: 'The patient has no coverage or authorization on file. Choose Self-pay if the patient pays.' });
  });
});
