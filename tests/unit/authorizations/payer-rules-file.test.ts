import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadPayerRules, payerRulesPath, setPayerRulesPath } from '../../../src-main/backend/authorizations/payer-rules-file';
import { tempBackend, tempDir } from '../../support/temp-backend';

const shipped = () => JSON.parse(readFileSync(payerRulesPath(), 'utf8')) as { source: string; ruleSets: Record<string, unknown>[] };

function writeBroken(change: (f: ReturnType<typeof shipped>) => void): string {
  const f = shipped();
  change(f);
  const path = join(tempDir('payer-rules-'), 'payer-rules.json');
  writeFileSync(path, JSON.stringify(f));
  return path;
}

afterEach(() => setPayerRulesPath(null));

describe('payer rule templates (resources/authorizations/payer-rules.json)', () => {
  it('ships aetna, cigna, uhc, bcbs, medicare, medicaid and other, each a template with its policy and clocks', () => {
    const f = loadPayerRules(payerRulesPath());
    expect(f.ruleSets.map((r) => r.key)).toEqual(['aetna', 'cigna', 'uhc', 'bcbs', 'medicare', 'medicaid', 'other']);
    const by = new Map(f.ruleSets.map((r) => [r.key, r]));
    expect(f.ruleSets.every((r) => r.template)).toBe(true);
    expect(by.get('aetna')!.policy.reference).toBe('Aetna CPB 0447');
    expect(by.get('bcbs')!.policy.reference).toContain('MP-446');
    expect(by.get('bcbs')!.policy.reference).toContain('5.01.16');
    expect(by.get('cigna')!.policy.stance).toMatch(/No Cigna ketamine policy was found/);
    expect(by.get('uhc')!.policy.stance).toMatch(/No UnitedHealthcare ketamine policy was found/);
    for (const k of ['medicare', 'medicaid']) {
      expect(by.get(k)!.clocks).toMatchObject({ cms0057f: true, decisionStandardDays: 7, decisionExpeditedHours: 72 });
    }
    expect(by.get('aetna')!.clocks).toMatchObject({ cms0057f: false, appealDays: 180, externalReviewMonths: 4 });
    const crps = by.get('aetna')!.evidence.crps!;
    expect(crps.map((e) => e.label)).toEqual(
      expect.arrayContaining(['Budapest criteria met, item by item', 'At least 3 months of failed conservative therapy', 'Failed physical therapy', 'Failed sympathetic block']),
    );
    expect(by.get('aetna')!.codes.administration.map((c) => c.code)).toEqual(['96365', '96366']);
    expect(by.get('aetna')!.codes.drug.map((c) => c.code)).toEqual(['J3490']);
  });

  it('refuses a broken file naming the file and the field', () => {
    const path = writeBroken((f) => {
      (f.ruleSets[0]!.clocks as Record<string, unknown>).appealDays = 'soon';
    });
    expect(() => loadPayerRules(path)).toThrow(new RegExp(`payer rule templates file ${path.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is not valid: ruleSets\\.0\\.clocks\\.appealDays: ruleSets → item 1 → clocks → appeal \\(days\\) must be a number`));
  });

  it('refuses a file without the "other" rule set, and one that is not JSON', () => {
    const noOther = writeBroken((f) => {
      f.ruleSets = f.ruleSets.filter((r) => r.key !== 'other');
    });
    expect(() => loadPayerRules(noOther)).toThrow(/a rule set with the key "other" is needed/);
    const bad = join(tempDir('payer-rules-'), 'payer-rules.json');
    writeFileSync(bad, '{ "source": ');
    expect(() => loadPayerRules(bad)).toThrow(/payer-rules\.json cannot be read: it is not valid JSON/);
  });

  it('a broken file stops the backend from starting, naming it', () => {
    const path = writeBroken((f) => {
      delete (f.ruleSets[2] as Record<string, unknown>).policy;
    });
    setPayerRulesPath(path);
    expect(() => tempBackend()).toThrow(/payer rule templates file .*payer-rules\.json is not valid: ruleSets\.2\.policy: ruleSets → item 3 → policy is missing/);
  });
});
