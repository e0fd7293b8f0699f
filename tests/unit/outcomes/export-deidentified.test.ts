/** The de-identified registry CSV and the export's progress, on a real SQLite file. */
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ageBand, ageOnDate, DEIDENTIFIED_COLUMNS } from '../../../src-main/backend/outcomes/export/deidentify';
import { at, OutcomesClinic } from './api-clinic';
import { parseCsv } from './csv-parse';

let c: OutcomesClinic;
let ana: string;
let luis: string;

beforeAll(async () => {
  c = await OutcomesClinic.open(at('2026-05-20', '10:00'));
  ana = await c.patient('Anastasia', 'Quillfeather', { mrn: 'R-7001', dateOfBirth: '1935-02-11', phone: '(312) 555-0147' });
  const s = c.series(ana, { count: 3, firstDate: '2026-04-06' });
  await c.scores(ana, 8, s.sessions, [8, 7, 6], [5, 4, 4]);
  luis = await c.patient('Luisito', 'Brightwater', { mrn: 'R-7002', dateOfBirth: '1984-06-30', phone: '(773) 555-0199' });
  const l = c.series(luis, { count: 2, firstDate: '2026-05-04' });
  await c.scores(luis, 6, l.sessions, [6, 5]);
});
afterAll(() => c.dispose());

const identified = () => c.b.ok('outcomes.exportCsv', {});
const deidentified = (dates: 'shift' | 'keep' = 'shift') => c.b.ok('outcomes.exportCsv', { deidentify: true, dates });
const column = (text: string, name: string) => {
  const [header, ...rows] = parseCsv(text);
  return rows.map((r) => r[header!.indexOf(name)]!);
};

describe('de-identified registry CSV', () => {
  it('has no name, MRN, phone, date of birth or internal id anywhere in the file', async () => {
    const out = await deidentified();
    const [header] = parseCsv(out.text);
    expect(header).toEqual(DEIDENTIFIED_COLUMNS.map((col) => col.name));
    expect(out.count).toBe(7 + 3);
    for (const word of ['Anastasia', 'Quillfeather', 'Luisito', 'Brightwater', 'R-7001', 'R-7002', '1935-02-11', '1984-06-30', '02/11/1935', '5550147', '555-0147', '5550199', ana, luis]) {
      expect(out.text, word).not.toContain(word);
    }
    expect(out.fileName).toMatch(/^outcomes-deidentified-clinic-2026-05-20\.csv$/);
    // The identified file does carry them: the test would see a leak.
    expect((await identified()).text).toContain('Quillfeather');
  });

  it('gives one patient one code throughout an export, and other codes in the next export', async () => {
    const first = await deidentified();
    const second = await deidentified();
    const codes = (text: string) => {
      const [header, ...rows] = parseCsv(text);
      const byAge = new Map<string, Set<string>>();
      for (const r of rows) {
        const band = r[header!.indexOf('age_band')]!;
        const set = byAge.get(band) ?? new Set();
        set.add(r[header!.indexOf('patient_code')]!);
        byAge.set(band, set);
      }
      return byAge;
    };
    const a = codes(first.text);
    const b = codes(second.text);
    // Anastasia is 91 (90+), Luis 41: one code each within an export.
    expect([...a.keys()].sort()).toEqual(['40-44', '90+']);
    expect(a.get('90+')!.size).toBe(1);
    expect(a.get('40-44')!.size).toBe(1);
    expect(new Set(column(first.text, 'patient_code')).size).toBe(2);
    expect([...a.get('90+')!][0]).toMatch(/^P-[0-9A-F]{12}$/);
    expect([...b.get('90+')!][0]).not.toBe([...a.get('90+')!][0]);
    expect([...b.get('40-44')!][0]).not.toBe([...a.get('40-44')!][0]);
  });

  it('moves each patient’s dates back together (the days between scores stay), or keeps them when asked', async () => {
    const real = column((await identified()).text, 'observed_local_date');
    const kept = await deidentified('keep');
    expect(column(kept.text, 'observed_date').sort()).toEqual([...real].sort());
    expect(new Set(column(kept.text, 'date_shifted'))).toEqual(new Set(['no']));

    const shifted = await deidentified('shift');
    const [header, ...rows] = parseCsv(shifted.text);
    const code = header!.indexOf('patient_code');
    const date = header!.indexOf('observed_date');
    const dates = (p: string) => rows.filter((r) => r[code] === p).map((r) => Date.parse(r[date]!));
    const [p1, p2] = [...new Set(rows.map((r) => r[code]!))];
    const idRows = parseCsv((await identified()).text);
    const realDates = (first: string) => idRows.slice(1).filter((r) => r[idRows[0]!.indexOf('patient_name')]!.endsWith(first)).map((r) => Date.parse(r[idRows[0]!.indexOf('observed_local_date')]!));
    for (const p of [p1!, p2!]) {
      const moved = dates(p);
      const original = moved.length === 7 ? realDates('Anastasia') : realDates('Luisito');
      const shift = original[0]! - moved[0]!;
      expect(shift).toBeGreaterThan(0);
      expect(shift).toBeLessThanOrEqual(365 * 86_400_000);
      // Every date of the patient moved by the same days.
      expect(moved.map((m, i) => original[i]! - m)).toEqual(moved.map(() => shift));
    }
    expect(new Set(column(shifted.text, 'date_shifted'))).toEqual(new Set(['yes']));
  });

  it('says how far it got under the id the screen gave, and refuses a bad choice of dates', async () => {
    const exportId = uuidv7();
    expect((await c.b.ok('outcomes.exportProgress', { exportId })).progress).toBeNull();
    const out = await c.b.ok('outcomes.exportCsv', { deidentify: true, exportId });
    expect((await c.b.ok('outcomes.exportProgress', { exportId })).progress).toEqual({ phase: 'done', done: out.count, total: out.count });
    expect((await c.b.fail('outcomes.exportCsv', { deidentify: true, dates: 'fuzz' })).code).toBe('VALIDATION');
  });
});

describe('age bands', () => {
  it.each([
    ['1984-06-30', '2026-06-29', 41, '40-44'],
    ['1984-06-30', '2026-06-30', 42, '40-44'],
    ['1981-05-14', '2026-05-14', 45, '45-49'],
    ['1936-05-21', '2026-05-20', 89, '85-89'],
    ['1936-05-20', '2026-05-20', 90, '90+'],
  ])('born %s, on %s: %i, %s', (dob, day, age, band) => {
    expect(ageOnDate(dob, day)).toBe(age);
    expect(ageBand(age)).toBe(band);
  });
});
