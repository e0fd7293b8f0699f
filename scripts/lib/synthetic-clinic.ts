/**
 * A synthetic infusion clinic, as plain objects: settings, suites, staff, payers and any
 * number of patients with their insurance coverage. Pure: no database, no clock, no
 * Math.random. The same seed and patient count give the same clinic on every machine;
 * patient i depends only on the seed, i and the patient count (which spreads registration
 * times over the clinic's history), so any patient can be made without making the others.
 *
 * Everything here is fictional: names are drawn from public lists of common US names
 * (resources/seed/), phone numbers use the 555 exchange, e-mail addresses use the
 * example.com / example.org domains reserved for documentation (RFC 2606), and member IDs
 * only follow each payer's usual shape.
 */
import type { z } from 'zod';
import type { OpeningHours } from '../../src-shared/api/schemas/common';
import type { STAFF_ROLES } from '../../src-shared/api/schemas/clinic';
import type { coverageFieldsSchema, PatientFields } from '../../src-shared/api/schemas/patients';
import firstNameData from '../../resources/seed/first-names.json';
import surnameData from '../../resources/seed/surnames.json';
import { rngFor, uuidV7, WeightedTable, type Rng } from './prng';

/** The day the synthetic clinic is "today": ages and registration dates are relative to it. */
export const SEED_REFERENCE_DATE = '2026-06-01';
/** 09:00 in Chicago on the reference date. */
export const SEED_REFERENCE_INSTANT = Date.UTC(2026, 5, 1, 14, 0, 0);
/**
 * The clinic opened six years earlier; patients registered between then and the reference date.
 * Six years of treatment history is what gives a 5,000-patient clinic about 100,000 pain scores
 * (the outcomes benchmark size) with every session fitting its suite's hours.
 */
export const SEED_CLINIC_OPENED = Date.UTC(2020, 5, 1, 14, 0, 0);

export const MIN_AGE = 18;
export const MAX_AGE = 85;

type StaffRole = (typeof STAFF_ROLES)[number];
type Sex = PatientFields['sex'];
export type CoverageFields = z.output<typeof coverageFieldsSchema>;

export interface ClinicSettingsSeed {
  name: string;
  timeZone: string;
  openingHours: OpeningHours;
}

/** A row to insert: its id, the instant it is created, and its fields. */
export interface SeedRow<F> {
  id: string;
  createdAt: number;
  fields: F;
}

export type SuiteSeed = SeedRow<{ name: string; active: boolean; openingHours: OpeningHours | null; sortOrder: number }>;
export type StaffSeed = SeedRow<{ name: string; role: StaffRole; active: boolean }>;
export type PayerKey = 'medicare' | 'medicaid' | 'bcbs' | 'aetna' | 'cigna' | 'uhc' | 'humana' | 'tricare' | 'wc' | 'oscar';
export type PayerSeed = SeedRow<{ name: string; payerCode: string | null; phone: string | null }> & { key: PayerKey };

export interface CoverageSeed {
  id: string;
  fields: CoverageFields;
}

/** The API's validated patient fields, with the MRN the seed always assigns. */
export type SeedPatientFields = PatientFields & { mrn: string };

export interface PatientSeed {
  id: string;
  /** Index in the clinic, from 0; the MRN is index + 1, six digits. */
  index: number;
  createdAt: number;
  fields: SeedPatientFields;
  coverages: CoverageSeed[];
}

export interface ReferringProvider {
  name: string;
  phone: string;
}

export interface SyntheticClinic {
  seed: number;
  patientCount: number;
  referenceDate: string;
  settings: ClinicSettingsSeed;
  suites: SuiteSeed[];
  staff: StaffSeed[];
  payers: PayerSeed[];
  referringProviders: ReferringProvider[];
  /** Patient i (0-based). */
  patient(index: number): PatientSeed;
  /** Patients from..to-1, in order (all of them by default). */
  patients(from?: number, to?: number): Generator<PatientSeed>;
}

// ---------------------------------------------------------------------------------------
// Names

type Decade = keyof typeof firstNameData.byDecade;
const DECADES = Object.keys(firstNameData.byDecade).map(Number).sort((a, b) => a - b);

const FIRST_NAMES = Object.fromEntries(
  Object.entries(firstNameData.byDecade).map(([decade, lists]) => [
    decade,
    {
      female: new WeightedTable(lists.female, (_n, i) => (i + 1) ** -0.7),
      male: new WeightedTable(lists.male, (_n, i) => (i + 1) ** -0.7),
    },
  ]),
) as Record<Decade, { female: WeightedTable<string>; male: WeightedTable<string> }>;

const SURNAMES = new WeightedTable(surnameData.ranked, (_n, i) => (i + 1) ** -0.5);

function decadeOf(year: number): Decade {
  const d = Math.floor(year / 10) * 10;
  const clamped = Math.min(Math.max(d, DECADES[0]!), DECADES[DECADES.length - 1]!);
  return String(clamped) as Decade;
}

function firstName(rng: Rng, sex: 'female' | 'male', birthYear: number, accentedShare = 0.03): string {
  if (rng.chance(accentedShare)) return rng.pick(firstNameData.accented[sex]);
  return FIRST_NAMES[decadeOf(birthYear)][sex].draw(rng);
}

function surname(rng: Rng): string {
  const r = rng.next();
  if (r < 0.015) {
    // Hyphenated: two different common names.
    const a = SURNAMES.draw(rng);
    let b = SURNAMES.draw(rng);
    while (b === a) b = SURNAMES.draw(rng);
    return `${a}-${b}`;
  }
  if (r < 0.045) return rng.pick(surnameData.accented);
  if (r < 0.075) return rng.pick(surnameData.extra);
  return SURNAMES.draw(rng);
}

/** "Peña O'Brien-Núñez" → "penaobriennunez": e-mail local parts are plain ASCII. */
function asciiSlug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

// ---------------------------------------------------------------------------------------
// Contact details

/** Chicago-area codes; exchange 555 keeps every number fictional. */
const AREA_CODES = ['312', '773', '630', '847'] as const;

/** E.164, as the API stores it: +1 AAA 555 NNNN. */
function phone(rng: Rng): string {
  return `+1${rng.pick(AREA_CODES)}555${rng.digits(4)}`;
}

function email(rng: Rng, first: string, last: string): string {
  const f = asciiSlug(first);
  const l = asciiSlug(last);
  const local = rng.weighted<string>([
    [`${f}.${l}`, 4],
    [`${f[0] ?? 'x'}${l}`, 3],
    [`${f}${l}${rng.int(1, 99)}`, 2],
    [`${l}.${f}${rng.int(1950, 2005)}`, 1],
  ]);
  return `${local}@${rng.weighted([['example.com', 3], ['example.org', 1]] as const)}`;
}

// ---------------------------------------------------------------------------------------
// Dates

function parseDate(iso: string): { y: number; m: number; d: number } {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { y, m, d };
}

const DAY_MS = 86_400_000;

function isoFromUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * A date of birth that makes the patient exactly `age` on `today`: uniform between the day
 * after their (age+1)th birthday would fall and their age-th birthday.
 */
function dateOfBirthForAge(rng: Rng, age: number, today: string): string {
  const t = parseDate(today);
  // Birthday on which they turned `age` (Feb 29 rolls to Mar 1 in Date.UTC, which is still <= today).
  const latest = Date.UTC(t.y - age, t.m - 1, t.d);
  const earliest = Date.UTC(t.y - age - 1, t.m - 1, t.d) + DAY_MS;
  const days = Math.round((latest - earliest) / DAY_MS);
  return isoFromUtc(earliest + rng.int(0, days) * DAY_MS);
}

/** Chronic-pain clinic ages: centred near 50, 18 to 85 (truncated normal). */
function age(rng: Rng): number {
  for (;;) {
    const a = Math.floor(rng.normal(50, 14));
    if (a >= MIN_AGE && a <= MAX_AGE) return a;
  }
}

// ---------------------------------------------------------------------------------------
// Clinic reference data

const CLINIC_HOURS: OpeningHours = [
  ...[1, 2, 3, 4, 5].map((day) => ({ day, open: '07:00', close: '18:00' })),
  { day: 6, open: '08:00', close: '12:00' },
];

const SUITE_HOURS: Record<number, OpeningHours> = {
  // Suite 7 keeps office hours; Suite 8 runs early sessions three weekdays and Saturdays.
  7: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:00' })),
  8: [
    ...[1, 3, 5].map((day) => ({ day, open: '07:00', close: '15:00' })),
    { day: 6, open: '08:00', close: '12:00' },
  ],
};

const STAFFING: readonly (readonly [StaffRole, number, string])[] = [
  ['anesthesiologist', 2, ', MD'],
  ['crna', 2, ', CRNA'],
  ['rn', 6, ', RN'],
  ['physician', 2, ', MD'],
  ['front_desk', 3, ''],
  ['assistant', 2, ''],
];

interface PayerDef {
  key: PayerKey;
  name: string;
  /** Electronic payer ID, only where it is widely published; null otherwise. */
  payerCode: string | null;
}

const PAYERS: readonly PayerDef[] = [
  { key: 'medicare', name: 'Medicare Part B', payerCode: null },
  { key: 'medicaid', name: 'Illinois Medicaid (HFS)', payerCode: null },
  { key: 'bcbs', name: 'Blue Cross and Blue Shield of Illinois', payerCode: '00621' },
  { key: 'aetna', name: 'Aetna', payerCode: '60054' },
  { key: 'cigna', name: 'Cigna Healthcare', payerCode: '62308' },
  { key: 'uhc', name: 'UnitedHealthcare', payerCode: '87726' },
  { key: 'humana', name: 'Humana', payerCode: '61101' },
  { key: 'tricare', name: 'TRICARE East', payerCode: null },
  // Fictional carrier: workers' compensation claims (CRPS often follows a workplace injury).
  { key: 'wc', name: "Prairie State Workers' Compensation Mutual", payerCode: null },
  { key: 'oscar', name: 'Oscar Health', payerCode: null },
];

const SPECIALTIES: readonly (readonly [string, number])[] = [
  ['Neurology', 8],
  ['Pain Medicine', 8],
  ['Rheumatology', 6],
  ['Orthopedic Surgery', 5],
  ['Physical Medicine & Rehabilitation', 5],
  ['Family Medicine', 4],
  ['Internal Medicine', 2],
  ['Psychiatry', 2],
];

/** A full name not already in `taken` (which it joins). */
function uniqueName(taken: Set<string>, make: () => string): string {
  for (;;) {
    const name = make();
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
}

function adultName(rng: Rng, sex: 'female' | 'male', birthYear: number): string {
  return `${firstName(rng, sex, birthYear, 0.02)} ${surname(rng)}`;
}

// ---------------------------------------------------------------------------------------
// Coverage

const MBI_LETTERS = 'ACDEFGHJKMNPQRTUVWXY'; // no S, L, O, I, B, Z
const DIGITS = '0123456789';

/** Medicare Beneficiary Identifier shape: 1 A AN 9 A AN 9 A A 9 9 (11 characters). */
function mbi(rng: Rng): string {
  const an = MBI_LETTERS + DIGITS;
  return (
    rng.chars('123456789', 1) +
    rng.chars(MBI_LETTERS, 1) +
    rng.chars(an, 1) +
    rng.chars(DIGITS, 1) +
    rng.chars(MBI_LETTERS, 1) +
    rng.chars(an, 1) +
    rng.chars(DIGITS, 1) +
    rng.chars(MBI_LETTERS, 2) +
    rng.chars(DIGITS, 2)
  );
}

const UPPER = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

interface PolicyShape {
  memberId: string;
  groupNumber: string | null;
  planName: string;
}

function policy(rng: Rng, key: PayerKey, ctx: { age: number; medigap: boolean; secondary: boolean }): PolicyShape {
  switch (key) {
    case 'medicare':
      return { memberId: mbi(rng), groupNumber: null, planName: 'Original Medicare' };
    case 'medicaid':
      return {
        memberId: rng.digits(9),
        groupNumber: null,
        planName: ctx.secondary ? 'Medicaid (dual eligible)' : rng.pick(['HealthChoice Illinois', 'Medicaid fee-for-service']),
      };
    case 'bcbs':
      return ctx.medigap
        ? { memberId: `${rng.chars(UPPER, 3)}${rng.digits(9)}`, groupNumber: null, planName: rng.pick(['Medicare Supplement Plan G', 'Medicare Supplement Plan N']) }
        : {
            memberId: `${rng.chars(UPPER, 3)}${rng.digits(9)}`,
            groupNumber: rng.digits(6),
            planName: rng.pick(['Blue Choice PPO', 'Blue Advantage HMO', 'BlueCare Direct', 'Blue Precision HMO']),
          };
    case 'aetna':
      return ctx.medigap
        ? { memberId: `W${rng.digits(9)}`, groupNumber: null, planName: 'Aetna Medicare Supplement Plan G' }
        : { memberId: `W${rng.digits(9)}`, groupNumber: rng.digits(rng.int(7, 8)), planName: rng.pick(['Open Access Managed Choice', 'Choice POS II', 'Aetna HMO']) };
    case 'cigna':
      return { memberId: `U${rng.digits(8)}01`, groupNumber: rng.digits(7), planName: rng.pick(['Open Access Plus', 'LocalPlus', 'Cigna PPO']) };
    case 'uhc':
      return ctx.medigap
        ? { memberId: `${rng.digits(9)}-1`, groupNumber: null, planName: 'AARP Medicare Supplement Plan G' }
        : { memberId: rng.digits(9), groupNumber: rng.digits(6), planName: rng.pick(['Choice Plus', 'Navigate HMO', 'Options PPO']) };
    case 'humana':
      return ctx.age >= 65
        ? { memberId: `H${rng.digits(8)}`, groupNumber: null, planName: rng.pick(['Humana Gold Plus HMO (Medicare Advantage)', 'Humana Choice PPO (Medicare Advantage)']) }
        : { memberId: `H${rng.digits(8)}`, groupNumber: rng.digits(6), planName: 'Humana National POS' };
    case 'tricare':
      return { memberId: rng.digits(11), groupNumber: null, planName: ctx.age >= 65 ? 'TRICARE For Life' : rng.pick(['TRICARE Prime', 'TRICARE Select']) };
    case 'wc':
      return { memberId: `WC${rng.int(19, 26)}-${rng.digits(6)}`, groupNumber: null, planName: "Workers' compensation claim" };
    case 'oscar':
      return { memberId: `${rng.digits(8)}-01`, groupNumber: null, planName: rng.pick(['Oscar Bronze Classic', 'Oscar Silver Simple']) };
  }
}

const PRIMARY_UNDER_65: readonly (readonly [PayerKey, number])[] = [
  ['bcbs', 28],
  ['uhc', 15],
  ['aetna', 12],
  ['medicaid', 12],
  ['cigna', 10],
  ['medicare', 8], // on disability (SSDI)
  ['wc', 6],
  ['oscar', 4],
  ['tricare', 3],
  ['humana', 2],
];
const PRIMARY_65_PLUS: readonly (readonly [PayerKey, number])[] = [
  ['medicare', 78],
  ['humana', 12], // Medicare Advantage
  ['bcbs', 4],
  ['uhc', 4],
  ['aetna', 2],
];
const SECONDARY_TO_MEDICARE: readonly (readonly [PayerKey, number])[] = [
  ['bcbs', 33],
  ['uhc', 30],
  ['medicaid', 22],
  ['aetna', 10],
  ['tricare', 5],
];
const SECONDARY_OTHER: readonly (readonly [PayerKey, number])[] = [
  ['bcbs', 30],
  ['uhc', 20],
  ['aetna', 15],
  ['cigna', 15],
  ['medicaid', 15],
  ['tricare', 5],
];

// ---------------------------------------------------------------------------------------
// Emergency contact

const RELATIONS: readonly (readonly [string, number])[] = [
  ['Spouse', 40],
  ['Partner', 8],
  ['Daughter', 12],
  ['Son', 10],
  ['Mother', 8],
  ['Father', 4],
  ['Sister', 7],
  ['Brother', 4],
  ['Friend', 7],
];

interface Contact {
  name: string;
  relation: string;
}

function emergencyContact(rng: Rng, patient: { sex: Sex; lastName: string; birthYear: number; age: number }): Contact {
  const allowed = RELATIONS.filter(([r]) => {
    if (r === 'Mother' || r === 'Father') return patient.age < 62;
    if (r === 'Daughter' || r === 'Son') return patient.age >= 38;
    return true;
  });
  const relation = rng.weighted(allowed);
  const keepSurname = (p: number) => (rng.chance(p) ? patient.lastName : surname(rng));
  const opposite: 'female' | 'male' = patient.sex === 'male' ? 'female' : patient.sex === 'female' ? 'male' : rng.pick(['female', 'male']);
  switch (relation) {
    case 'Spouse': {
      const sex = rng.chance(0.93) ? opposite : opposite === 'male' ? 'female' : 'male';
      return { relation, name: `${firstName(rng, sex, patient.birthYear + rng.int(-4, 4))} ${keepSurname(0.7)}` };
    }
    case 'Partner':
      return { relation, name: `${firstName(rng, rng.chance(0.85) ? opposite : opposite === 'male' ? 'female' : 'male', patient.birthYear + rng.int(-5, 5))} ${surname(rng)}` };
    case 'Daughter':
    case 'Son':
      return { relation, name: `${firstName(rng, relation === 'Daughter' ? 'female' : 'male', patient.birthYear + rng.int(22, 34))} ${keepSurname(0.75)}` };
    case 'Mother':
    case 'Father':
      return { relation, name: `${firstName(rng, relation === 'Mother' ? 'female' : 'male', patient.birthYear - rng.int(22, 34))} ${keepSurname(0.8)}` };
    case 'Sister':
    case 'Brother':
      return { relation, name: `${firstName(rng, relation === 'Sister' ? 'female' : 'male', patient.birthYear + rng.int(-6, 6))} ${keepSurname(0.7)}` };
    default:
      return { relation, name: adultName(rng, rng.pick(['female', 'male']), patient.birthYear + rng.int(-8, 8)) };
  }
}

// ---------------------------------------------------------------------------------------
// The clinic

export interface GenerateOptions {
  seed: number;
  patients: number;
}

export function generateClinic(opts: GenerateOptions): SyntheticClinic {
  const { seed, patients: patientCount } = opts;
  if (!Number.isInteger(patientCount) || patientCount < 0) throw new Error(`patient count must be a whole number, got ${patientCount}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`seed must be a whole number from 0 to 4294967295, got ${seed}`);

  // Reference data is created in the clinic's first hour, one row a minute.
  let tick = 0;
  const refAt = () => SEED_CLINIC_OPENED + ++tick * 60_000;

  const idRng = rngFor(seed, 'reference-ids');

  const suites: SuiteSeed[] = Array.from({ length: 8 }, (_, i) => {
    const createdAt = refAt();
    return {
      id: uuidV7(createdAt, idRng),
      createdAt,
      fields: { name: `Suite ${i + 1}`, active: true, openingHours: SUITE_HOURS[i + 1] ?? null, sortOrder: i + 1 },
    };
  });

  const staffRng = rngFor(seed, 'staff');
  const staffNames = new Set<string>();
  const staff: StaffSeed[] = [];
  for (const [role, count, suffix] of STAFFING) {
    for (let k = 0; k < count; k++) {
      const sex = staffRng.chance(role === 'rn' || role === 'front_desk' || role === 'assistant' ? 0.8 : 0.45) ? 'female' : 'male';
      const name = uniqueName(staffNames, () => adultName(staffRng, sex, staffRng.int(1965, 1998)));
      const createdAt = refAt();
      staff.push({ id: uuidV7(createdAt, idRng), createdAt, fields: { name: `${name}${suffix}`, role, active: true } });
    }
  }

  const payerPhoneRng = rngFor(seed, 'payer-phones');
  const payers: PayerSeed[] = PAYERS.map((p, i) => {
    const createdAt = refAt();
    return {
      id: uuidV7(createdAt, idRng),
      createdAt,
      key: p.key,
      // 800-555-0100..0199: the range reserved for fiction.
      fields: { name: p.name, payerCode: p.payerCode, phone: `+1800555${String(100 + i * 7 + payerPhoneRng.int(0, 6)).padStart(4, '0')}` },
    };
  });
  const payerId = Object.fromEntries(payers.map((p) => [p.key, p.id])) as Record<PayerKey, string>;

  const providerRng = rngFor(seed, 'referring-providers');
  const providerNames = new Set<string>();
  const referringProviders: ReferringProvider[] = SPECIALTIES.flatMap(([specialty, count]) =>
    Array.from({ length: count }, () => {
      const name = uniqueName(providerNames, () =>
        adultName(providerRng, providerRng.chance(0.5) ? 'female' : 'male', providerRng.int(1955, 1992)),
      );
      return { name: `Dr. ${name}, ${specialty}`, phone: phone(providerRng) };
    }),
  );

  const firstPatientAt = SEED_CLINIC_OPENED + DAY_MS;
  const span = SEED_REFERENCE_INSTANT - firstPatientAt;

  function patient(index: number): PatientSeed {
    if (!Number.isInteger(index) || index < 0 || index >= patientCount) throw new Error(`no patient ${index} in a clinic of ${patientCount}`);
    const rng = rngFor(seed, 'patient', index);
    const createdAt = firstPatientAt + Math.floor((index * span) / Math.max(patientCount, 1));
    const id = uuidV7(createdAt, rng);

    const sex = rng.weighted<Sex>([
      ['female', 0.65],
      ['male', 0.345],
      ['other', 0.003],
      ['unknown', 0.002],
    ]);
    const years = age(rng);
    const dateOfBirth = dateOfBirthForAge(rng, years, SEED_REFERENCE_DATE);
    const birthYear = parseDate(dateOfBirth).y;
    const nameSex: 'female' | 'male' = sex === 'female' || sex === 'male' ? sex : rng.pick(['female', 'male']);
    const first = firstName(rng, nameSex, birthYear);
    const last = surname(rng);

    const phoneNumber = rng.chance(0.97) ? phone(rng) : null;
    const mail = rng.chance(0.7) ? email(rng, first, last) : null;
    const channels: (readonly [PatientFields['preferredContact'], number])[] = [['none', 0.04]];
    if (phoneNumber) channels.push(['sms', 0.55], ['phone', 0.27]);
    if (mail) channels.push(['email', phoneNumber ? 0.14 : 1]);
    const preferredContact = rng.weighted(channels);

    const referral = rng.chance(0.85) ? rng.pick(referringProviders) : null;
    const contact = rng.chance(0.88) ? emergencyContact(rng, { sex, lastName: last, birthYear, age: years }) : null;

    const fields: SeedPatientFields = {
      firstName: first,
      lastName: last,
      dateOfBirth,
      sex,
      phone: phoneNumber,
      email: mail,
      preferredContact,
      mrn: String(index + 1).padStart(6, '0'),
      referringProvider: referral?.name ?? null,
      referringProviderPhone: referral?.phone ?? null,
      emergencyContactName: contact?.name ?? null,
      emergencyContactPhone: contact ? phone(rng) : null,
      emergencyContactRelation: contact?.relation ?? null,
      emergencyContactIsDriver: contact ? rng.chance(0.8) : false,
    };

    const coverages: CoverageSeed[] = [];
    if (rng.chance(0.9)) {
      const primary = rng.weighted(years >= 65 ? PRIMARY_65_PLUS : PRIMARY_UNDER_65);
      const onMedicare = primary === 'medicare';
      const p = policy(rng, primary, { age: years, medigap: false, secondary: false });
      let subscriberRelation: CoverageFields['subscriberRelation'] = 'self';
      let subscriberName: string | null = null;
      const commercial = primary === 'bcbs' || primary === 'aetna' || primary === 'cigna' || primary === 'uhc' || primary === 'oscar';
      if (commercial && years < 26 && rng.chance(0.6)) {
        subscriberRelation = 'child';
        subscriberName =
          contact && (contact.relation === 'Mother' || contact.relation === 'Father')
            ? contact.name
            : `${firstName(rng, rng.pick(['female', 'male']), birthYear - rng.int(24, 34))} ${last}`;
      } else if (commercial && contact?.relation === 'Spouse' && rng.chance(0.3)) {
        subscriberRelation = 'spouse';
        subscriberName = contact.name;
      }
      coverages.push({
        id: uuidV7(createdAt, rng),
        fields: { payerId: payerId[primary], priority: 'primary', subscriberRelation, subscriberName, ...p },
      });

      const secondaryChance = onMedicare || years >= 65 ? 0.55 : 0.2;
      if (rng.chance(secondaryChance)) {
        let secondary = rng.weighted(onMedicare ? SECONDARY_TO_MEDICARE : SECONDARY_OTHER);
        while (secondary === primary) secondary = rng.weighted(SECONDARY_OTHER);
        const s = policy(rng, secondary, { age: years, medigap: onMedicare, secondary: true });
        coverages.push({
          id: uuidV7(createdAt, rng),
          fields: { payerId: payerId[secondary], priority: 'secondary', subscriberRelation: 'self', subscriberName: null, ...s },
        });
      }
    }

    return { id, index, createdAt, fields, coverages };
  }

  function* patients(from = 0, to = patientCount): Generator<PatientSeed> {
    for (let i = from; i < Math.min(to, patientCount); i++) yield patient(i);
  }

  return {
    seed,
    patientCount,
    referenceDate: SEED_REFERENCE_DATE,
    settings: { name: 'Lakeside Pain & Infusion Center', timeZone: 'America/Chicago', openingHours: CLINIC_HOURS },
    suites,
    staff,
    payers,
    referringProviders,
    patient,
    patients,
  };
}
