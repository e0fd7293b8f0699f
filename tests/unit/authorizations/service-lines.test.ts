import { describe, expect, it } from 'vitest';
import { additionalHourUnits, defaultServiceLines } from '../../../src-shared/domain/authorizations/service-lines';
import { payerRuleTemplate } from '../../../src-main/backend/authorizations/payer-rules-file';

describe('service lines a request asks for', () => {
  it('counts 96366 units by the CPT more-than-30-minutes rule', () => {
    const cases: [number, number][] = [
      [40, 0], [60, 0], [90, 0], [91, 1], [100, 1], [120, 1], [150, 1], [151, 2], [240, 3], [270, 3], [271, 4],
    ];
    for (const [minutes, units] of cases) expect([minutes, additionalHourUnits(minutes)]).toEqual([minutes, units]);
  });

  it("fills the payer's codes with 96366 units from the template's infusion length", () => {
    const aetna = payerRuleTemplate('aetna')!;
    const fourHours = defaultServiceLines(aetna, 240).map((l) => `${l.code}×${l.unitsPerSession}`);
    expect(fourHours).toEqual(['96365×1', '96366×3', 'J3490×1']);
    // Within the first hour there is no additional hour to ask for.
    expect(defaultServiceLines(aetna, 45).map((l) => l.code)).toEqual(['96365', 'J3490']);
    // No template: the rule set's own units.
    expect(defaultServiceLines(aetna, null).map((l) => `${l.code}×${l.unitsPerSession}`)).toEqual(['96365×1', '96366×1', 'J3490×1']);
  });
});
