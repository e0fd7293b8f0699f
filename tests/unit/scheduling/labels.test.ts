import { describe, expect, it } from 'vitest';
import { describeSpan } from '../../../src-main/backend/scheduling/messages';
import { isConsultingRole, providerLabel } from '../../../src-main/backend/scheduling/rules/providers';
import { zonedToInstant } from '../../../src-main/backend/scheduling/zoned-time';

describe('who does consultations', () => {
  it.each([
    ['physician', true],
    ['anesthesiologist', true],
    ['crna', false],
    ['rn', false],
    ['front_desk', false],
    ['assistant', false],
  ])('%s: %s', (role, expected) => expect(isConsultingRole(role)).toBe(expected));
});

describe('providerLabel', () => {
  it.each([
    ['Grace Okafor, MD', 'Dr. Grace Okafor'],
    ['Sam Lee, DO', 'Dr. Sam Lee'],
    ['Dr. Ada Osei', 'Dr. Ada Osei'],
    ['dr Ada Osei', 'dr Ada Osei'],
    ['Pat Kim, CRNA', 'Pat Kim, CRNA'],
    ['Ana Ruiz', 'Ana Ruiz'],
  ])('%s → %s', (name, label) => expect(providerLabel(name)).toBe(label));
});

describe('describeSpan (clinic time)', () => {
  const Z = 'America/Chicago';
  const at = (d: string, t: string) => zonedToInstant(Z, d, t);
  it.each([
    [at('2026-06-08', '10:00'), at('2026-06-08', '11:00'), '10:00-11:00 on Mon, Jun 8'],
    [at('2026-06-08', '00:00'), at('2026-06-09', '00:00'), 'all day on Mon, Jun 8'],
    [at('2026-06-08', '00:00'), at('2026-06-13', '00:00'), 'Mon, Jun 8 to Fri, Jun 12'],
    [at('2026-06-08', '13:00'), at('2026-06-10', '12:00'), 'Mon, Jun 8 13:00 to Wed, Jun 10 12:00'],
  ])('%s-%s', (start, end, text) => expect(describeSpan(Z, start, end)).toBe(text));

  it('reads the same instant in another clinic zone', () => {
    expect(describeSpan('America/New_York', at('2026-06-08', '10:00'), at('2026-06-08', '11:00'))).toBe('11:00-12:00 on Mon, Jun 8');
  });
});
