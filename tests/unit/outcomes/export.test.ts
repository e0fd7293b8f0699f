import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, scoresCsv } from '../../../src-main/backend/outcomes/export/csv';
import { fhirBundleSchema, unresolvedReferences } from '../../../src-main/backend/outcomes/export/fhir-check';
import { scoresBundle } from '../../../src-main/backend/outcomes/export/fhir';
import { parseCsv } from './csv-parse';
import { score, T0 } from './fixtures';


const patients = [{ id: 'p1', externalId: 'R-001', name: 'O\'Brien, "Pat"\nJr.' }];
const rows = () => {
  const a = score({ id: 'a', value: 8, timePoint: 'baseline', observedAt: T0 });
  const b = score({ id: 'b', value: 6, timePoint: 'pre_session', sessionId: 'ses1', observedAt: T0 + 3_600_000 });
  const bFix = score({ id: 'b2', value: 5, timePoint: 'pre_session', sessionId: 'ses1', observedAt: T0 + 3_600_000, supersedesId: 'b' });
  const v = score({ id: 'v', instrument: 'vas', value: 42, timePoint: 'post_session', sessionId: 'ses1', observedAt: Date.UTC(2026, 2, 3, 3, 30) });
  const bpi = score({ id: 'i', instrument: 'bpi_interference', value: 4.3, items: [4, 5, 4, 4, 5, 4, 4], timePoint: 'follow_up', followUp: '1 month', observedAt: T0 + 30 * 86_400_000 });
  return [a, b, bFix, v, bpi];
};

describe('scoresCsv', () => {
  it('header matches the documented columns (constant and markdown)', () => {
    const csv = scoresCsv(patients, [], [], 'America/New_York');
    expect(parseCsv(csv)[0]).toEqual(CSV_COLUMNS.map((c) => c.name));
    const md = readFileSync(join(__dirname, '../../../resources/outcomes/csv-columns.md'), 'utf8');
    const documented = [...md.matchAll(/^\| ([a-z_]+) \|/gm)].map((m) => m[1]).filter((n) => n !== 'column');
    expect(documented).toEqual(CSV_COLUMNS.map((c) => c.name));
  });
  it('round-trips values, quoting, UTC and clinic-local dates; superseded rows left out', () => {
    const csv = scoresCsv(patients, [{ id: 'ses1', seq: 1 }], rows(), 'America/New_York');
    const [head, ...data] = parseCsv(csv);
    const recs = data.map((r) => Object.fromEntries(head!.map((h, i) => [h, r[i]])));
    expect(recs.map((r) => r['score_id'])).toEqual(['a', 'b2', 'v', 'i']);
    expect(recs.every((r) => r['patient_name'] === patients[0]!.name)).toBe(true);
    expect(recs[1]).toMatchObject({ value: '5', session_seq: '1', time_point: 'pre_session', observed_at_utc: '2026-03-02T15:00:00.000Z' });
    // 03:30 UTC on 3 March is still 2 March in New York
    expect(recs[2]).toMatchObject({ instrument: 'vas', value: '42', observed_local_date: '2026-03-02', observed_at_utc: '2026-03-03T03:30:00.000Z' });
    expect(recs[3]).toMatchObject({ items: '4;5;4;4;5;4;4', follow_up: '1 month', value: '4.3' });
    expect(csv.endsWith('\r\n')).toBe(true);
  });
});

interface Obs {
  code: { coding: { system: string; code: string }[] };
  category: { coding: { code: string }[] }[];
  valueInteger?: number;
  valueQuantity?: { value: number; code: string };
  derivedFrom: { reference: string }[];
}

describe('scoresBundle (FHIR R4)', () => {
  let k = 0;
  const newId = () => `00000000-0000-4000-8000-${String(++k).padStart(12, '0')}`;
  const bundle = scoresBundle(
    rows(),
    { patientReference: () => 'urn:uuid:11111111-1111-4111-8111-111111111111', patients: [{ id: 'p1', fullUrl: 'urn:uuid:11111111-1111-4111-8111-111111111111' }], newId },
    T0,
  );
  it('validates against the R4 structure schema', () => {
    expect(() => fhirBundleSchema.parse(bundle)).not.toThrow();
  });
  it('every reference resolves to a fullUrl in the bundle', () => {
    expect(unresolvedReferences(bundle)).toEqual([]);
    const broken = scoresBundle(rows(), { patientReference: () => 'Patient/p1', newId }, T0);
    expect(unresolvedReferences(broken)).toContain('Patient/p1');
  });
  it('codes and values: NRS integer 72514-3, VAS mm 38214-3, BPI 77565-0; survey category; derivedFrom QR', () => {
    const obs = bundle.entry.filter((e) => e.resource.resourceType === 'Observation').map((e) => e.resource as unknown as Obs);
    expect(obs.map((o) => o.code.coding[0]!.code)).toEqual(['72514-3', '72514-3', '38214-3', '77565-0']);
    expect(obs[0]!.valueInteger).toBe(8);
    expect(obs[1]!.valueInteger).toBe(5); // the correction, not the superseded 6
    expect(obs[2]!.valueQuantity).toMatchObject({ value: 42, code: 'mm' });
    expect(obs.every((o) => o.category[0]!.coding[0]!.code === 'survey' && o.code.coding[0]!.system === 'http://loinc.org')).toBe(true);
    const byUrl = new Map(bundle.entry.map((e) => [e.fullUrl, e.resource]));
    for (const o of obs) expect(byUrl.get(o.derivedFrom[0]!.reference)?.resourceType).toBe('QuestionnaireResponse');
    expect(bundle.type).toBe('collection');
  });
});
