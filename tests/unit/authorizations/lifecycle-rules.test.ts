import { describe, expect, it } from 'vitest';
import { AUTH_STATUSES } from '../../../src-shared/api/schemas/series';
import { AUTH_TRANSITIONS, FINAL_AUTH_STATUSES, stepIssues, transitionRefusal, type StepFacts } from '../../../src-shared/domain/authorizations/lifecycle';

const none: StepFacts = {
  submissionRoute: null, submittedAt: null, authNumber: null, approvedSessions: null, startDate: null, endDate: null, requestedSessions: null,
  requestedStartDate: null, requestedEndDate: null, denialDate: null, denialReason: null, p2pScheduledAt: null, appealFiledDate: null, finalDenialDate: null,
};

describe('the lifecycle table', () => {
  it('the documented path is allowed step by step', () => {
    const path = ['draft', 'ready', 'submitted', 'pending', 'denied', 'p2p_requested', 'p2p_scheduled', 'p2p_done', 'appealed', 'external_review', 'closed'] as const;
    for (let i = 1; i < path.length; i++) expect(transitionRefusal(path[i - 1]!, path[i]!)).toBeNull();
    expect(transitionRefusal('approved', 'expired')).toBeNull();
  });
  it('final statuses lead nowhere; every open state may be cancelled except approvals (they close or expire)', () => {
    for (const s of FINAL_AUTH_STATUSES) expect(AUTH_TRANSITIONS[s]).toEqual([]);
    for (const s of AUTH_STATUSES) {
      const open = !FINAL_AUTH_STATUSES.includes(s) && s !== 'approved' && s !== 'partially_approved' && s !== 'denied';
      expect(AUTH_TRANSITIONS[s].includes('cancelled'), s).toBe(open);
    }
  });
  it('needs_review only leaves to a decision, and only by a person', () => {
    expect([...AUTH_TRANSITIONS.needs_review].sort()).toEqual(['approved', 'cancelled', 'denied', 'partially_approved', 'pending']);
    expect(transitionRefusal('needs_review', 'approved', 'import')).toMatch(/only a person/);
    expect(transitionRefusal('needs_review', 'approved', 'person')).toBeNull();
    expect(transitionRefusal('draft', 'approved')).toBe('An authorization that is draft (not sent) cannot become approved. From here it can become: ready to send, sent to payer, cancelled.');
  });
  it('each step names what it lacks', () => {
    expect(stepIssues('appealed', none)).toEqual([{ field: 'appealFiledDate', message: 'An appeal needs the date the appeal was filed.' }]);
    expect(stepIssues('p2p_scheduled', none)[0]!.message).toBe('A scheduled peer-to-peer call needs when the peer-to-peer call is.');
    expect(stepIssues('external_review', none)[0]!.message).toBe('An external review needs the date of the final internal denial.');
    expect(stepIssues('pending', none)).toEqual([]);
  });
  it('a partial approval: fewer sessions, or a later start, or an earlier end than asked', () => {
    const approved = { ...none, authNumber: 'A', approvedSessions: 6, startDate: '2026-12-01', endDate: '2027-01-31', requestedSessions: 6, requestedStartDate: '2026-12-01', requestedEndDate: '2027-01-31' };
    expect(stepIssues('partially_approved', approved)).toHaveLength(1);
    expect(stepIssues('partially_approved', { ...approved, approvedSessions: 4 })).toEqual([]);
    expect(stepIssues('partially_approved', { ...approved, endDate: '2026-12-31' })).toEqual([]);
    expect(stepIssues('partially_approved', { ...approved, startDate: '2026-12-15' })).toEqual([]);
  });
});
