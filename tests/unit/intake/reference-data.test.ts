import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { intakeResourcesDir, loadIntakeResources } from '../../../src-main/backend/intake/resources';
import { searchIcd10 } from '../../../src-main/backend/intake/rules/icd10-search';
import { tempDir } from '../../support/temp-backend';

const res = loadIntakeResources();
const codes = res.icd10.codes;
const find = (q: string, opts = { limit: 50, includeHeaders: true }) => searchIcd10(codes, q, opts).items.map((e) => e.code);

describe('the ICD-10 list', () => {
  it.each([
    ['CRPS I', ['G90.50', 'G90.511', 'G90.512', 'G90.513', 'G90.519', 'G90.521', 'G90.522', 'G90.523', 'G90.529', 'G90.59']],
    ['CRPS II', ['G56.40', 'G56.41', 'G56.42', 'G56.43', 'G57.70', 'G57.71', 'G57.72', 'G57.73']],
    ['fibromyalgia', ['M79.7']],
    ['neuropathic', ['M79.2', 'G89.29', 'G89.0']],
    ['post-surgical', ['G89.28', 'G89.22', 'G89.21', 'G89.4']],
  ])('covers the %s codes in DOMAIN.md, all billable', (_n, list) => {
    for (const code of list) expect(res.icd10ByCode.get(code)?.billable, code).toBe(true);
  });

  it('groups CRPS codes and carries laterality and site', () => {
    expect(res.icd10ByCode.get('G90.512')).toMatchObject({ group: 'crps', laterality: 'left', site: 'upper limb' });
    expect(res.icd10ByCode.get('G57.73')).toMatchObject({ group: 'crps', laterality: 'bilateral', site: 'lower limb' });
    expect(res.icd10ByCode.get('M79.7')).toMatchObject({ group: 'fibromyalgia', laterality: null });
    expect(res.icd10ByCode.get('G89.28')?.group).toBe('post_surgical');
  });

  it('leaves out acute postprocedural pain (G89.18) and does not invent M79.7x', () => {
    expect(res.icd10ByCode.has('G89.18')).toBe(false);
    expect(codes.filter((c) => c.code.startsWith('M79.7'))).toHaveLength(1);
  });
});

describe('ICD-10 search', () => {
  it.each([
    ['G90.5', ['G90.5', 'G90.50', 'G90.51', 'G90.511', 'G90.512', 'G90.513', 'G90.519', 'G90.52', 'G90.521', 'G90.522', 'G90.523', 'G90.529', 'G90.59']],
    ['g90512', ['G90.512']],
    ['crps left arm', ['G90.512', 'G56.42']],
    ['crps right leg', ['G90.521', 'G57.71']],
    ['fibro', ['M79.7']],
    ['causalgia bilateral', ['G56.43', 'G57.73']],
    ['rsd left', ['G90.512', 'G90.522']],
    ['thoracotomy', ['G89.22']],
    ['zzz', []],
  ])('%s → %j', (q, expected) => {
    expect(find(q)).toEqual(expected);
  });

  it('puts an exact code first', () => {
    expect(find('M79.7')).toEqual(['M79.7']);
    expect(find('G89.2')).toEqual(['G89.2', 'G89.21', 'G89.22', 'G89.28', 'G89.29']);
    // the list's own order otherwise (M79.7 is listed before M79.2)
    expect(find('M79')).toEqual(['M79.7', 'M79.2']);
    expect(find('G89.29 G89')).toEqual(['G89.29']);
  });

  it('can leave out category headers, and limits with a "more" flag', () => {
    expect(find('G90.51', { limit: 50, includeHeaders: false })).toEqual(['G90.511', 'G90.512', 'G90.513', 'G90.519']);
    const r = searchIcd10(codes, '', { limit: 5, includeHeaders: true });
    expect(r.items).toHaveLength(5);
    expect(r.more).toBe(true);
  });
});

describe('loading the reference files', () => {
  let dir: string;
  afterEach(() => undefined);

  const copyTo = () => {
    dir = join(tempDir('intake-res-'), 'intake');
    mkdirSync(dir, { recursive: true });
    for (const f of readdirSync(intakeResourcesDir())) writeFileSync(join(dir, f), readFileSync(join(intakeResourcesDir(), f)));
    return dir;
  };

  it('finds resources/intake from the source tree and validates every shipped file', () => {
    expect(intakeResourcesDir()).toMatch(/resources[\\/]intake$/);
    expect(Object.keys(res.budapestIds)).toEqual(['sensory', 'vasomotor', 'sudomotor', 'motor_trophic']);
    expect(res.treatments.kinds).toHaveLength(6);
  });

  it('a file that is not JSON: the error names the file', () => {
    const d = copyTo();
    writeFileSync(join(d, 'screening.json'), '{ "items": [');
    expect(() => loadIntakeResources(d)).toThrow(/screening\.json cannot be read: it is not valid JSON/);
  });

  it('a file with a wrong field: the error names the file and the field', () => {
    const d = copyTo();
    const icd = JSON.parse(readFileSync(join(d, 'icd10.json'), 'utf8'));
    icd.codes[3].group = 'migraine';
    writeFileSync(join(d, 'icd10.json'), JSON.stringify(icd));
    expect(() => loadIntakeResources(d)).toThrow(/icd10\.json is not valid: codes\.3\.group/);
  });

  it('a completeness list naming an unknown item is refused', () => {
    const d = copyTo();
    const c = JSON.parse(readFileSync(join(d, 'completeness.json'), 'utf8'));
    c.groups.crps.push('budapest_research');
    writeFileSync(join(d, 'completeness.json'), JSON.stringify(c));
    expect(() => loadIntakeResources(d)).toThrow(/completeness\.json is not valid: groups\.crps\.8: unknown item budapest_research/);
  });

  it('a missing file is named', () => {
    expect(() => loadIntakeResources(join(tempDir('intake-none-'), 'intake'))).toThrow(/icd10\.json cannot be read: it does not exist/);
  });
});
