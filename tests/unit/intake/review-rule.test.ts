import { describe, expect, it } from 'vitest';
import type { SignOff } from '../../../src-shared/api/schemas/intake';
import { loadIntakeResources } from '../../../src-main/backend/intake/resources';
import { evaluateReview, reviewedMismatch, reviewItems } from '../../../src-main/backend/intake/rules/review';

const res = loadIntakeResources();
const items = res.screening.items;
const rules = res.interactions.rules;
const allNo = Object.fromEntries(items.map((i) => [i.id, { answer: 'no' as const }]));

const signOff = (keys: string[]): SignOff => ({
  id: '01900000-0000-7000-8000-000000000001',
  patientId: '01900000-0000-7000-8000-000000000002',
  signedAt: 1,
  signedByUserId: 'u',
  signedByName: 'Dr. Priya Natarajan',
  signedByRole: 'physician',
  comment: null,
  reviewed: keys.map((key) => ({ key, kind: 'screening', label: key, detail: '' })),
});

describe('review items', () => {
  it('a clear screening and unflagged medications: nothing to review', () => {
    expect(reviewItems(items, allNo, [{ drug: 'Acetaminophen' }, { drug: 'Omeprazole' }], rules)).toEqual([]);
  });

  it('a yes, an unsure and a question not asked each need review, in checklist order, with the note', () => {
    const answers = { ...allNo, pregnancy: { answer: 'unsure' as const, note: 'LMP uncertain' }, cardiovascular: { answer: 'yes' as const } } as Record<string, { answer: 'yes' | 'no' | 'unsure'; note?: string }>;
    delete answers['ketamine_hypersensitivity'];
    const r = reviewItems(items, answers, [], rules);
    expect(r.map((i) => i.key)).toEqual(['screening:cardiovascular:yes', 'screening:pregnancy:unsure', 'screening:ketamine_hypersensitivity:not_asked']);
    expect(r[0]!.label).toBe('Poorly controlled cardiovascular disease or hypertension (answered yes)');
    expect(r[1]).toMatchObject({ kind: 'screening', label: 'Pregnancy or possible pregnancy (answered unsure)' });
    expect(r[1]!.detail).toMatch(/pregnant.*Answered unsure\. Note: LMP uncertain$/);
    expect(r[2]!.label).toBe('Prior hypersensitivity to ketamine (not asked)');
  });

  it('medications with a "review" interaction need review; "caution" ones do not; the same drug twice is one item', () => {
    const cautionOnly = rules.find((x) => x.severity === 'caution')!.match[0]!;
    const r = reviewItems(items, allNo, [{ drug: 'Ativan' }, { drug: cautionOnly }, { drug: 'ATIVAN ' }, { drug: 'Lamictal' }], rules);
    expect(r.map((i) => [i.key, i.label])).toEqual([
      ['interaction:benzodiazepines:ativan', 'Ativan: Benzodiazepines'],
      ['interaction:lamotrigine:lamictal', 'Lamictal: Lamotrigine'],
    ]);
    expect(r[0]!.detail).toMatch(/blunt ketamine/);
  });

  it('no screening yet: only the medications', () => {
    expect(reviewItems(items, null, [{ drug: 'Xanax' }], rules).map((i) => i.kind)).toEqual(['interaction']);
  });
});

describe('the review and the sign-off', () => {
  const two = reviewItems(items, { ...allNo, pregnancy: { answer: 'unsure' } }, [{ drug: 'Lorazepam' }], rules);

  it('items without a sign-off are open: waiting for the physician', () => {
    const r = evaluateReview(two, [], true);
    expect(r).toMatchObject({ status: 'open', openCount: 2, blockedReason: null, summary: 'Waiting for the physician’s sign-off: 2 items to review.' });
    expect(r.items.every((i) => i.open)).toBe(true);
  });

  it('a sign-off that reviewed every item closes it', () => {
    const r = evaluateReview(two, [signOff(two.map((i) => i.key))], true);
    expect(r).toMatchObject({ status: 'signed_off', openCount: 0, summary: 'Signed off by Dr. Priya Natarajan.' });
    expect(r.blockedReason).toMatch(/already covers/);
  });

  it('a new review item after the sign-off reopens it; only the new one is open, listed first', () => {
    const three = reviewItems(items, { ...allNo, pregnancy: { answer: 'unsure' } }, [{ drug: 'Lorazepam' }, { drug: 'Theophylline' }], rules);
    const r = evaluateReview(three, [signOff(two.map((i) => i.key))], true);
    expect(r.status).toBe('open');
    expect(r.summary).toBe('Waiting for the physician’s sign-off again: 1 item new since the last sign-off.');
    expect(r.items.map((i) => [i.key, i.open])).toEqual([
      ['interaction:theophylline:theophylline', true],
      ['screening:pregnancy:unsure', false],
      ['interaction:benzodiazepines:lorazepam', false],
    ]);
  });

  it('a changed screening answer (unsure to yes) is a new item', () => {
    const yes = reviewItems(items, { ...allNo, pregnancy: { answer: 'yes' } }, [{ drug: 'Lorazepam' }], rules);
    expect(evaluateReview(yes, [signOff(two.map((i) => i.key))], true).openCount).toBe(1);
  });

  it('only the latest sign-off counts (newest first)', () => {
    const r = evaluateReview(two, [signOff([two[0]!.key]), signOff(two.map((i) => i.key))], true);
    expect(r.openCount).toBe(1);
  });

  it('cannot be signed off before the screening, nor with nothing to review', () => {
    expect(evaluateReview(reviewItems(items, null, [{ drug: 'Xanax' }], rules), [], false).blockedReason).toBe(
      'Record the contraindication screening first: the sign-off covers its answers.',
    );
    const none = evaluateReview([], [], true);
    expect(none.status).toBe('not_needed');
    expect(none.blockedReason).toMatch(/^Nothing needs the physician’s review/);
  });

  it('the reviewed list must name every open item and nothing that is gone', () => {
    const r = evaluateReview(two, [], true);
    expect(reviewedMismatch(r, two.map((i) => i.key))).toBeNull();
    expect(reviewedMismatch(r, [two[0]!.key])).toBe(
      'Something new needs review since this chart was loaded: Lorazepam: Benzodiazepines. Look at it, then sign off again.',
    );
    expect(reviewedMismatch(r, [...two.map((i) => i.key), 'screening:psychosis:yes'])).toMatch(/changed since this chart was loaded/);
  });
});
