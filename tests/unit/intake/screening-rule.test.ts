import { describe, expect, it } from 'vitest';
import { loadIntakeResources } from '../../../src-main/backend/intake/resources';
import { evaluateScreening, firstUnanswered, type ScreeningAnswers } from '../../../src-main/backend/intake/rules/screening';
import type { ScreeningAnswer } from '../../../src-shared/api/schemas/intake';

const items = loadIntakeResources().screening.items;
const all = (answer: ScreeningAnswer): Record<string, { answer: ScreeningAnswer; note?: string | null }> =>
  Object.fromEntries(items.map((i) => [i.id, { answer }]));

describe('contraindication screening rule', () => {
  it('ships the DOMAIN checklist, each item flagged on "yes" with a reason', () => {
    expect(items.map((i) => i.id)).toEqual([
      'cardiovascular',
      'pregnancy',
      'psychosis',
      'hepatic',
      'intracranial_pressure',
      'intraocular_pressure',
      'substance_misuse',
      'ketamine_hypersensitivity',
    ]);
    for (const i of items) expect(i.reason.length).toBeGreaterThan(5);
  });

  it('all "no" is clear', () => {
    expect(evaluateScreening(items, all('no'))).toEqual({ status: 'clear', label: 'clear', reasons: [] });
  });

  it.each([
    ['one yes', { pregnancy: { answer: 'yes' as const, note: 'LMP 6 weeks ago' } }, ['pregnancy'], /Pregnancy/],
    ['one unsure', { hepatic: { answer: 'unsure' as const } }, ['hepatic'], /^Unsure: Severe hepatic disease/],
    [
      'yes and unsure, in checklist order',
      { substance_misuse: { answer: 'unsure' as const }, cardiovascular: { answer: 'yes' as const } },
      ['cardiovascular', 'substance_misuse'],
      /hypertension/,
    ],
  ])('%s needs physician review with the reasons listed', (_n, change, flagged, firstReason) => {
    const r = evaluateScreening(items, { ...all('no'), ...change });
    expect(r.status).toBe('needs_review');
    expect(r.label).toBe('needs physician review');
    expect(r.reasons.map((x) => x.itemId)).toEqual(flagged);
    expect(r.reasons[0]!.reason).toMatch(firstReason);
  });

  it('keeps the note with a flagged answer', () => {
    const r = evaluateScreening(items, { ...all('no'), pregnancy: { answer: 'yes', note: 'LMP 6 weeks ago' } });
    expect(r.reasons[0]).toMatchObject({ itemId: 'pregnancy', answer: 'yes', note: 'LMP 6 weeks ago' });
  });

  it('an item not asked (added to the checklist later) needs review', () => {
    const answers: ScreeningAnswers = { ...all('no'), ketamine_hypersensitivity: undefined };
    const r = evaluateScreening(items, answers);
    expect(r.status).toBe('needs_review');
    expect(r.reasons[0]).toMatchObject({ itemId: 'ketamine_hypersensitivity', answer: null });
    expect(r.reasons[0]!.reason).toMatch(/^Not asked/);
  });

  it('firstUnanswered names the first missing item in checklist order', () => {
    const { psychosis: _p, intraocular_pressure: _i, ...rest } = all('no');
    expect(firstUnanswered(items, rest)?.id).toBe('psychosis');
    expect(firstUnanswered(items, all('no'))).toBeNull();
  });
});
