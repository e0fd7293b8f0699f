/**
 * The readiness rule, pure: every shipped payer template × every diagnosis group, a complete
 * chart is ready and a chart missing one piece is "not ready: <that piece>" in the desk's words
 * (a CRPS chart without a failed sympathetic block: "not ready: failed sympathetic block not
 * recorded"); renewals ask for the last series' response; the request's own fields.
 */
import { describe, expect, it } from 'vitest';
import { payerRuleTemplates } from '../../../src-main/backend/authorizations/payer-rules-file';
import type { DiagnosisGroup } from '../../../src-shared/api/schemas/intake';
import type { ChartEvidence, EvidenceTreatment } from '../../../src-shared/domain/authorizations/evidence';
import { checkReadiness, monthsCovered, type ReadinessRequest } from '../../../src-shared/domain/authorizations/readiness';
import { isValidNpi as validNpi } from '../../../src-shared/domain/npi';

const TODAY = '2026-11-20';
const KEYS = ['aetna', 'cigna', 'uhc', 'bcbs', 'medicare', 'medicaid', 'other'];

const tx = (kind: EvidenceTreatment['kind'], name: string, startDate: string, endDate: string | null, outcome: EvidenceTreatment['outcome'] = 'failed'): EvidenceTreatment => ({
  kind,
  name,
  dose: null,
  sessions: null,
  startDate,
  endDate,
  outcome,
  response: null,
  cites: [],
});

/** A realistic chart for each group: the diagnosis, its tried treatments, baseline scores, screening, consultation. */
const CHARTS: Record<DiagnosisGroup, { code: string; treatments: EvidenceTreatment[] }> = {
  crps: {
    code: 'G90.512',
    treatments: [
      tx('physical_therapy', 'Graded motor imagery', '2025-02-10', '2025-06-30'),
      tx('medication', 'Gabapentin', '2025-02-01', '2025-08-01', 'intolerant'),
      tx('nerve_block', 'Stellate ganglion sympathetic block', '2025-05-01', '2025-07-15'),
    ],
  },
  fibromyalgia: {
    code: 'M79.7',
    treatments: [
      tx('medication', 'Duloxetine', '2025-01-05', '2025-05-01'),
      tx('medication', 'Pregabalin', '2025-05-10', '2025-09-01', 'intolerant'),
      tx('physical_therapy', 'Aquatic exercise programme', '2025-03-01', '2025-06-01', 'partial_relief'),
    ],
  },
  neuropathic: {
    code: 'G50.0',
    treatments: [tx('medication', 'Carbamazepine', '2024-10-01', '2025-03-01'), tx('medication', 'Amitriptyline', '2025-03-10', null, 'partial_relief')],
  },
  post_surgical: {
    code: 'G89.28',
    treatments: [tx('medication', 'Tramadol', '2025-01-01', '2025-05-01'), tx('physical_therapy', 'Post-operative physiotherapy', '2025-01-15', '2025-04-15')],
  },
  other_chronic_pain: {
    code: 'G89.4',
    treatments: [tx('psychological', 'Cognitive behavioural therapy', '2025-01-01', '2025-06-01')],
  },
};

function chart(group: DiagnosisGroup, over: Partial<ChartEvidence> = {}): ChartEvidence {
  const c = CHARTS[group];
  return {
    patient: { id: 'p1', firstName: 'Ana', lastName: 'Ramirez', dateOfBirth: '1984-03-07', sex: 'female', mrn: '000123' },
    coverage: { id: 'c1', payerId: 'pay1', payerName: 'Payer', memberId: 'W123', groupNumber: null, planName: null },
    diagnosisGroup: group,
    diagnoses: [{ code: c.code, description: 'As coded', isPrimary: true, onsetDate: '2024-09-01', cites: [] }],
    budapest:
      group === 'crps'
        ? {
            evaluatedOn: '2026-10-01',
            evaluatorName: 'Dr. Natarajan',
            disproportionatePain: true,
            noBetterDiagnosis: true,
            metClinical: true,
            metResearch: false,
            items: [{ category: 'sensory', kind: 'sign', finding: 'Allodynia to light touch' }],
          }
        : null,
    treatments: c.treatments,
    baseline: [
      { instrument: 'nrs', value: 8, takenAt: 0, takenOn: '1970-01-01' },
      { instrument: 'peg', value: 7, takenAt: 0, takenOn: '1970-01-01' },
    ],
    screening: { completedOn: '2026-11-02', contraindications: [], needsReview: false },
    consultation: { date: '2026-11-03', providerName: 'Dr. Quint', noteDocumentId: null },
    lastSeriesResponse: null,
    records: [],
    ...over,
  };
}

const request = (group: DiagnosisGroup, over: Partial<ReadinessRequest> = {}): ReadinessRequest => ({
  authorizationId: 'a1',
  memberId: 'W123',
  orderingProvider: { name: 'Dr. Quint', npi: '1234567893' },
  serviceLines: [{ code: '96365', unitsPerSession: 1 }],
  requestedStartDate: '2027-01-04',
  requestedEndDate: '2027-01-29',
  requestedSessions: 6,
  renewal: false,
  diagnosisGroup: group,
  ...over,
});

const templates = payerRuleTemplates();
const check = (key: string, e: ChartEvidence, r: ReadinessRequest, checkRequest = true) =>
  checkReadiness(templates.find((t) => t.key === key)!, e, r, { today: TODAY, checkRequest });

/** Each group with one piece taken away, and the words the summary must say. */
const MISSING: Record<DiagnosisGroup, { take: (e: ChartEvidence) => ChartEvidence; says: string }> = {
  crps: { take: (e) => ({ ...e, treatments: e.treatments.filter((t) => t.kind !== 'nerve_block') }), says: 'not ready: failed sympathetic block not recorded' },
  fibromyalgia: {
    take: (e) => ({ ...e, treatments: e.treatments.filter((t) => t.name !== 'Pregabalin') }),
    says: 'not ready: at least 2 failed medications (e.g. duloxetine, pregabalin, amitriptyline): 1 of 2 recorded',
  },
  neuropathic: {
    // Two short trials: 2025-01-01..2025-03-15 together, 73 days.
    take: (e) => ({ ...e, treatments: [tx('medication', 'Gabapentin', '2025-01-01', '2025-03-01'), tx('medication', 'Duloxetine', '2025-02-01', '2025-03-15')] }),
    says: 'not ready: at least 3 months of failed conservative therapy: only 2.3 of 3 months recorded',
  },
  post_surgical: { take: (e) => ({ ...e, treatments: e.treatments.filter((t) => t.kind !== 'physical_therapy') }), says: 'not ready: failed physical therapy not recorded' },
  other_chronic_pain: { take: (e) => ({ ...e, baseline: e.baseline.filter((s) => s.instrument !== 'nrs') }), says: 'not ready: baseline pain score (NRS or VAS) not recorded' },
};

describe('readiness for each shipped payer template and diagnosis group', () => {
  it('ships the seven templates', () => {
    expect(templates.map((t) => t.key).sort()).toEqual([...KEYS].sort());
  });

  for (const key of KEYS) {
    for (const group of Object.keys(CHARTS) as DiagnosisGroup[]) {
      it(`${key} × ${group}: a complete chart is ready; one piece missing is named`, () => {
        const ok = check(key, chart(group), request(group));
        expect(ok.items.filter((i) => !i.met)).toEqual([]);
        expect(ok.ready).toBe(true);
        expect(ok.summary).toBe(`ready: all ${ok.items.length} items met`);
        const m = MISSING[group];
        const bad = check(key, m.take(chart(group)), request(group));
        expect(bad.ready).toBe(false);
        expect(bad.summary).toBe(m.says);
        expect(bad.items.filter((i) => !i.met)).toHaveLength(1);
        expect(bad.items.find((i) => !i.met)!.fixAt.route).toBe('#/patients/p1');
      });
    }
  }

  it('CRPS needs a Budapest evaluation meeting the clinical criteria, named with the evaluation', () => {
    const e = chart('crps');
    expect(check('bcbs', { ...e, budapest: null }, request('crps')).summary).toBe('not ready: Budapest evaluation not recorded');
    const unmet = check('bcbs', { ...e, budapest: { ...e.budapest!, metClinical: false } }, request('crps'));
    expect(unmet.summary).toBe('not ready: Budapest clinical criteria not met');
    expect(unmet.items.find((i) => i.kind === 'budapest')!.fixAt).toMatchObject({ section: 'budapest', place: 'Intake → Budapest criteria' });
  });

  it('a block that helped, or a nerve block that is not sympathetic, does not count', () => {
    const e = chart('crps');
    const helped = e.treatments.map((t) => (t.kind === 'nerve_block' ? { ...t, outcome: 'helped' as const } : t));
    expect(check('aetna', { ...e, treatments: helped }, request('crps')).summary).toBe('not ready: failed sympathetic block not recorded');
    const other = e.treatments.map((t) => (t.kind === 'nerve_block' ? { ...t, name: 'Brachial plexus block' } : t));
    expect(check('aetna', { ...e, treatments: other }, request('crps')).summary).toBe('not ready: failed sympathetic block not recorded');
  });
});

describe('renewals and the request', () => {
  it('a renewal asks for the last series’ response: 45% meets the 30% expected, 20% does not, none is named', () => {
    const r = request('crps', { renewal: true });
    const e = chart('crps');
    expect(check('aetna', { ...e, lastSeriesResponse: { seriesId: 's1', percentChange: 45, category: 'substantial', sessionsGiven: 6 } }, r).ready).toBe(true);
    expect(check('aetna', { ...e, lastSeriesResponse: { seriesId: 's1', percentChange: 20, category: 'minimal', sessionsGiven: 6 } }, r).summary).toBe(
      'not ready: response to the last series below 30%',
    );
    expect(check('aetna', e, r).summary).toBe('not ready: response to the last series not recorded');
    // Not asked of a first request.
    expect(check('aetna', e, request('crps')).ready).toBe(true);
  });

  it('names each missing request field, and an NPI whose check digit is wrong', () => {
    const r = check('cigna', chart('crps'), request('crps', { memberId: ' ', orderingProvider: { name: 'Dr. Quint', npi: '1234567890' }, serviceLines: [], requestedSessions: null, requestedEndDate: '2027-01-01' }));
    expect(r.summary).toBe(
      'not ready: member ID missing; NPI of Dr. Quint not valid; service lines missing; dates of service end before they start; number of sessions missing',
    );
    // Where to fix it says what is wrong with the number, in the same words Settings → Staff uses.
    expect(r.items.find((i) => i.key === 'request.orderingProvider')!.detail).toBe(
      "Dr. Quint's NPI 1234567890 is not valid: This NPI’s check digit (the last one) does not match: it is probably mistyped. Check it on NPPES.",
    );
  });

  it('a patient-level check (no request yet) asks for the coverage, not the request', () => {
    const noRequest = request('crps', { authorizationId: null, memberId: null, orderingProvider: null, serviceLines: null, requestedSessions: null, diagnosisGroup: null });
    expect(check('aetna', chart('crps'), noRequest, false).ready).toBe(true);
    expect(check('aetna', chart('crps', { coverage: null }), noRequest, false).summary).toBe('not ready: primary insurance not recorded');
    expect(check('aetna', chart('crps', { diagnosisGroup: null, diagnoses: [] }), noRequest, false).summary).toBe('not ready: diagnosis not recorded');
  });

  it('says dates as the desk reads them', () => {
    const r = check('aetna', chart('crps'), request('crps'));
    expect(r.items.find((i) => i.label === 'Failed sympathetic block')!.detail).toBe('Stellate ganglion sympathetic block (05/01/2025 to 07/15/2025, failed) (1 without a linked record)');
    expect(r.items.find((i) => i.kind === 'budapest')!.detail).toBe('Clinical criteria met on 10/01/2026 (Dr. Natarajan): Allodynia to light touch (sign)');
    expect(r.items.find((i) => i.key === 'request.dates')!.detail).toBe('01/04/2027 to 01/29/2027');
  });

  it('months covered join overlapping treatments; an ongoing one runs to today; NPI check digits', () => {
    expect(monthsCovered([tx('medication', 'a', '2025-01-01', '2025-03-01'), tx('medication', 'b', '2025-02-01', '2025-03-15')], TODAY)).toBeCloseTo(73 / 30.436875, 5);
    expect(monthsCovered([tx('medication', 'a', '2026-08-20', null)], TODAY)).toBeCloseTo(92 / 30.436875, 5);
    expect(validNpi('1234567893')).toBe(true);
    expect(validNpi('1234567890')).toBe(false);
    expect(validNpi('123456789')).toBe(false);
  });
});
