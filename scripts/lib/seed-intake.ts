/**
 * Intake for the synthetic clinic: diagnoses, Budapest evaluations, prior treatments,
 * current medications, contraindication screenings and baseline scores, for about 40 % of
 * the patients, as a clinic that has run for four years would hold them.
 *
 *  - Diagnoses: 1-2 billable ICD-10-CM codes from resources/intake/icd10.json, one primary;
 *    primary group CRPS 35 %, fibromyalgia 25 %, neuropathic 20 %, post-surgical 15 %, other
 *    chronic pain 5 %; onset 6 months to 10 years before the clinic's "today", after the
 *    patient turned 12 and before they registered.
 *  - CRPS: 80 % have a Budapest evaluation by one of the clinic's physicians in the last six
 *    months, most meeting the clinical criteria.
 *  - Prior treatments (names from treatments.json's suggestions), current medications (some
 *    that raise interaction flags, most not), screening, NRS / VAS and PEG (or BPI
 *    interference) at the intake visit, shortly after registration.
 *  - About 15 % of the intakes are deliberately incomplete, in different ways (no Budapest
 *    evaluation or one that does not meet the criteria, one failed medication, an undated
 *    one, no therapy, no screening, no function or pain score, only a diagnosis so far), and
 *    more often among recent registrations, so the work list looks like a real one.
 *
 * Pure where it can be: `intakeGenerator(...).forPatient(p)` turns the seed and a patient into
 * plain rows (ids from the seeded PRNG, creation instants simulated), the same on every run.
 * `seedIntake` writes them through insertRow, a transaction per 1000 patients.
 */
import { performance } from 'node:perf_hooks';
import { meanOf, type Completeness, type DiagnosisGroup, type TreatmentKind, type TreatmentOutcome } from '../../src-shared/api/schemas/intake';
import { HybridLogicalClock } from '../../src-shared/hlc';
import { BUDAPEST_CATEGORIES, evaluateBudapest, type BudapestCategory } from '../../src-shared/domain/budapest';
import { insertRow, type InsertFields, type WriteContext } from '../../src-main/backend/db/mutate';
import { intakeResources, type IntakeResources } from '../../src-main/backend/intake/resources';
import { evaluateCompleteness } from '../../src-main/backend/intake/rules/completeness';
import { openItems, reviewItems } from '../../src-main/backend/intake/rules/review';
import { budapestEvaluations, currentMedications, diagnoses, intakeSignoffs, priorTreatments, screenings } from '../../src-main/backend/intake/schema';
import { scores } from '../../src-main/backend/outcomes/schema';
import { localDateAt, zonedToInstant } from '../../src-main/backend/scheduling/zoned-time';
import { fmtInt } from './cli';
import { rngFor, uuidV7, WeightedTable, type Rng } from './prng';
import { SEED_REFERENCE_DATE, SEED_REFERENCE_INSTANT, type PatientSeed, type SyntheticClinic } from './synthetic-clinic';

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

/** Share of patients with an intake. */
export const INTAKE_SHARE = 0.4;
/** Share of intakes missing something other than the Budapest evaluation (older patients / recent ones). */
const GAP_SHARE = { settled: 0.03, recent: 0.45 } as const;
/** Registered this many days before "today" or later: the intake may still be in progress. */
const RECENT_DAYS = 120;

// ---------------------------------------------------------------------------------------
// Rows

/** Every column the API writes, nulls included (as the services do), without id and patientId. */
type Fields<T extends Parameters<typeof insertRow>[1]> = Required<Omit<InsertFields<T>, 'id' | 'patientId'>>;
export type DiagnosisRow = Fields<typeof diagnoses>;
export type BudapestRow = Fields<typeof budapestEvaluations>;
export type TreatmentRow = Fields<typeof priorTreatments>;
export type MedicationRow = Fields<typeof currentMedications>;
export type ScreeningRow = Fields<typeof screenings>;
export type ScoreRow = Fields<typeof scores>;
/** The signer's user id is the seeding user's, filled in when written. */
export type SignOffRow = Omit<Fields<typeof intakeSignoffs>, 'signedByUserId'>;

/** A row to insert: its id, the instant it is entered, and its fields (without patientId). */
export interface IntakeSeedRow<F> {
  id: string;
  createdAt: number;
  fields: F;
}

/** What was left out on purpose; [] for an intake meant to be complete. */
export type IntakeGap =
  | 'no_budapest'
  | 'budapest_not_met'
  | 'one_failed_medication'
  | 'undated_medication'
  | 'no_therapy'
  | 'no_screening'
  | 'no_pain_score'
  | 'no_function_score'
  | 'diagnosis_only'
  /** Something needs the physician's review and they have not signed off yet. */
  | 'awaiting_signoff';

export interface PatientIntake {
  patientId: string;
  index: number;
  /** The visit the intake was taken at (clinic calendar date). */
  intakeDate: string;
  primaryGroup: DiagnosisGroup;
  gaps: IntakeGap[];
  /** The app's completeness rule applied to these rows. */
  completeness: Completeness;
  diagnoses: IntakeSeedRow<DiagnosisRow>[];
  budapest: IntakeSeedRow<BudapestRow>[];
  treatments: IntakeSeedRow<TreatmentRow>[];
  medications: IntakeSeedRow<MedicationRow>[];
  screenings: IntakeSeedRow<ScreeningRow>[];
  scores: IntakeSeedRow<ScoreRow>[];
  /** The physician's sign-off of what needs review, when there is something and it was given. */
  signOffs: IntakeSeedRow<SignOffRow>[];
}

export const rowCount = (i: PatientIntake): number =>
  i.diagnoses.length + i.budapest.length + i.treatments.length + i.medications.length + i.screenings.length + i.scores.length;

// ---------------------------------------------------------------------------------------
// Calendar helpers (dates are YYYY-MM-DD; day numbers count days since 1970-01-01)

const dayNum = (iso: string) => Math.round(Date.parse(`${iso}T00:00:00Z`) / DAY_MS);
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const TODAY = dayNum(SEED_REFERENCE_DATE);

// ---------------------------------------------------------------------------------------
// Clinical content

const GROUP_MIX: readonly (readonly [DiagnosisGroup, number])[] = [
  ['crps', 35],
  ['fibromyalgia', 25],
  ['neuropathic', 20],
  ['post_surgical', 15],
  ['other_chronic_pain', 5],
];

/** Relative frequency of each code within its group; codes not listed weigh 1. */
const CODE_WEIGHTS: Record<string, number> = {
  // CRPS I by limb and side; CRPS II (causalgia) is rarer; unspecified rarer still.
  'G90.511': 14,
  'G90.512': 14,
  'G90.513': 3,
  'G90.519': 1,
  'G90.521': 16,
  'G90.522': 16,
  'G90.523': 3,
  'G90.529': 1,
  'G90.50': 1,
  'G90.59': 2,
  'G56.41': 2,
  'G56.42': 2,
  'G57.71': 2,
  'G57.72': 2,
  'M54.16': 8,
  'M54.17': 5,
  'M54.12': 4,
  'E11.42': 7,
  'B02.23': 4,
  'M79.2': 4,
  'G62.9': 3,
  'G50.0': 2,
  'G54.6': 2,
  'G89.0': 2,
  'G89.28': 8,
  'M96.1': 6,
  'G89.21': 4,
  'G89.22': 2,
  'G89.4': 3,
  'G89.29': 2,
};

/** A second diagnosis: a comorbid condition, by the primary's group. */
const SECOND_DIAGNOSIS: Record<DiagnosisGroup, readonly (readonly [string, number])[]> = {
  crps: [['G89.4', 5], ['M79.7', 2], ['G89.21', 2], ['M54.16', 1]],
  fibromyalgia: [['G89.4', 4], ['M54.16', 2], ['G89.29', 2], ['M79.2', 1]],
  neuropathic: [['G89.4', 4], ['G89.29', 2], ['M79.7', 2], ['M96.1', 1]],
  post_surgical: [['G89.4', 4], ['M54.16', 3], ['M79.2', 1], ['M79.7', 1]],
  other_chronic_pain: [['M79.7', 2], ['M54.16', 2], ['M79.2', 1]],
};

interface Drug {
  name: string;
  doses: readonly string[];
  frequency: readonly string[];
}

/** Prior medications: names from treatments.json's suggestions, with plausible doses. */
const PRIOR_MEDICATIONS: Record<string, { doses: readonly string[]; groups: Partial<Record<DiagnosisGroup, number>> }> = {
  Gabapentin: { doses: ['300 mg TID', '600 mg TID', '800 mg TID', 'titrated to 1200 mg TID'], groups: { crps: 5, neuropathic: 6, post_surgical: 4, fibromyalgia: 2, other_chronic_pain: 3 } },
  Pregabalin: { doses: ['75 mg BID', '150 mg BID', '300 mg BID'], groups: { crps: 3, neuropathic: 4, fibromyalgia: 5, post_surgical: 2, other_chronic_pain: 2 } },
  Duloxetine: { doses: ['30 mg daily', '60 mg daily', '60 mg BID'], groups: { crps: 2, neuropathic: 3, fibromyalgia: 5, post_surgical: 2, other_chronic_pain: 3 } },
  Amitriptyline: { doses: ['10 mg at bedtime', '25 mg at bedtime', '50 mg at bedtime'], groups: { crps: 2, neuropathic: 3, fibromyalgia: 4, post_surgical: 1, other_chronic_pain: 2 } },
  Nortriptyline: { doses: ['25 mg at bedtime', '50 mg at bedtime', '75 mg at bedtime'], groups: { crps: 2, neuropathic: 3, fibromyalgia: 2, post_surgical: 1, other_chronic_pain: 1 } },
  'Prednisone (oral steroid burst)': { doses: ['60 mg tapered over 10 days', '40 mg tapered over 14 days'], groups: { crps: 3 } },
  Bisphosphonate: { doses: ['alendronate 70 mg weekly', 'pamidronate 60 mg IV, 3 infusions'], groups: { crps: 1 } },
  NSAID: { doses: ['naproxen 500 mg BID', 'meloxicam 15 mg daily', 'ibuprofen 800 mg TID', 'celecoxib 200 mg daily'], groups: { crps: 2, neuropathic: 1, fibromyalgia: 2, post_surgical: 3, other_chronic_pain: 3 } },
  'Topical lidocaine': { doses: ['5% patch, 12 h on / 12 h off', '4% cream TID'], groups: { crps: 1, neuropathic: 2, post_surgical: 2, other_chronic_pain: 1 } },
  Opioid: { doses: ['tramadol 50 mg q6h PRN', 'oxycodone 5 mg q6h PRN', 'hydrocodone/APAP 5/325 mg q6h PRN', 'tapentadol ER 100 mg BID'], groups: { crps: 2, neuropathic: 1, fibromyalgia: 1, post_surgical: 3, other_chronic_pain: 3 } },
};

const MEDICATION_RESPONSES: Record<'failed' | 'intolerant' | 'partial_relief' | 'other', readonly string[]> = {
  failed: [
    'No meaningful relief after 8 weeks at target dose',
    'No change in pain scores after 3 months',
    'Less than 10% relief at maximum tolerated dose',
    'Initial benefit lost within 6 weeks',
  ],
  intolerant: [
    'Dizziness and daytime sedation',
    'Nausea and dizziness; stopped after 3 weeks',
    'Weight gain and brain fog',
    'Dry mouth, constipation and next-day drowsiness',
    'Peripheral oedema',
    'GI upset despite taking with food',
  ],
  partial_relief: ['About 30% relief; pain still limits work', 'Helps sleep, little effect on daytime pain', 'Some relief at night only'],
  other: ['Stopped when insurance would no longer cover it', 'Patient unsure of the effect'],
};

interface TreatmentTemplate {
  kind: TreatmentKind;
  name: string;
  /** Weeks from start to end. */
  weeks: readonly [number, number];
  sessions?: readonly [number, number];
  doses?: readonly string[];
  outcomes: readonly (readonly [TreatmentOutcome, number])[];
  responses: Partial<Record<TreatmentOutcome, readonly string[]>>;
  groups: Partial<Record<DiagnosisGroup, number>>;
}

const BLOCK_OUTCOMES = [['partial_relief', 6], ['failed', 4], ['helped', 1]] as const;
const THERAPY_OUTCOMES = [['partial_relief', 5], ['failed', 4], ['stopped_cost', 1], ['helped', 1]] as const;

const THERAPIES: readonly TreatmentTemplate[] = [
  {
    kind: 'physical_therapy', name: 'Physical therapy', weeks: [6, 16], sessions: [8, 24], outcomes: THERAPY_OUTCOMES,
    responses: { partial_relief: ['Improved range of motion, pain unchanged', 'Some functional gains; flare-ups after sessions'], failed: ['Could not tolerate sessions because of pain'], stopped_cost: ['Visit limit reached'] },
    groups: { crps: 5, fibromyalgia: 6, neuropathic: 6, post_surgical: 7, other_chronic_pain: 6 },
  },
  {
    kind: 'physical_therapy', name: 'Occupational therapy', weeks: [6, 12], sessions: [6, 16], outcomes: THERAPY_OUTCOMES,
    responses: { partial_relief: ['Better hand function; allodynia persists'] }, groups: { crps: 3, neuropathic: 1, post_surgical: 1 },
  },
  {
    kind: 'physical_therapy', name: 'Graded motor imagery', weeks: [6, 12], sessions: [6, 12], outcomes: THERAPY_OUTCOMES,
    responses: { partial_relief: ['Less guarding of the limb'] }, groups: { crps: 2 },
  },
  {
    kind: 'physical_therapy', name: 'Mirror therapy', weeks: [4, 10], sessions: [6, 12], outcomes: THERAPY_OUTCOMES,
    responses: {}, groups: { crps: 1 },
  },
  {
    kind: 'physical_therapy', name: 'Desensitization therapy', weeks: [4, 10], sessions: [6, 12], outcomes: THERAPY_OUTCOMES,
    responses: { partial_relief: ['Tolerates clothing on the limb again'] }, groups: { crps: 2, neuropathic: 1 },
  },
];

const EXTRAS: readonly TreatmentTemplate[] = [
  {
    kind: 'nerve_block', name: 'Stellate ganglion block', weeks: [2, 8], sessions: [1, 4], doses: ['10 mL 0.25% bupivacaine', '8 mL 0.5% ropivacaine'], outcomes: BLOCK_OUTCOMES,
    responses: { partial_relief: ['Relief for 3 days after each block', 'Warmth and 50% relief for about a week'], failed: ['Horner sign present, no pain relief'] },
    groups: { crps: 5 },
  },
  {
    kind: 'nerve_block', name: 'Lumbar sympathetic block', weeks: [2, 8], sessions: [1, 3], doses: ['15 mL 0.25% bupivacaine'], outcomes: BLOCK_OUTCOMES,
    responses: { partial_relief: ['Relief for 2 to 4 days after each block'], failed: ['Limb warmed, pain unchanged'] },
    groups: { crps: 5 },
  },
  {
    kind: 'nerve_block', name: 'Epidural steroid injection', weeks: [0, 12], sessions: [1, 3], doses: ['triamcinolone 80 mg', 'dexamethasone 10 mg'], outcomes: BLOCK_OUTCOMES,
    responses: { partial_relief: ['Relief for about 3 weeks'], failed: ['No relief'] },
    groups: { neuropathic: 4, post_surgical: 4, other_chronic_pain: 2 },
  },
  {
    kind: 'nerve_block', name: 'Peripheral nerve block', weeks: [0, 4], sessions: [1, 2], outcomes: BLOCK_OUTCOMES,
    responses: { partial_relief: ['Relief for the duration of the anaesthetic only'] }, groups: { neuropathic: 2, post_surgical: 2, crps: 1 },
  },
  {
    kind: 'nerve_block', name: 'Brachial plexus block', weeks: [0, 2], sessions: [1, 2], outcomes: BLOCK_OUTCOMES,
    responses: {}, groups: { crps: 1 },
  },
  {
    kind: 'psychological', name: 'Cognitive behavioural therapy', weeks: [8, 16], sessions: [8, 16], outcomes: [['partial_relief', 5], ['helped', 2], ['stopped_cost', 1]],
    responses: { partial_relief: ['Better coping; pain intensity unchanged'] }, groups: { crps: 2, fibromyalgia: 4, neuropathic: 2, post_surgical: 2, other_chronic_pain: 3 },
  },
  {
    kind: 'psychological', name: 'Pain psychology', weeks: [6, 20], sessions: [6, 12], outcomes: [['partial_relief', 4], ['helped', 2], ['unknown', 1]],
    responses: {}, groups: { crps: 2, fibromyalgia: 2, neuropathic: 1, post_surgical: 1, other_chronic_pain: 2 },
  },
  {
    kind: 'psychological', name: 'Biofeedback', weeks: [4, 10], sessions: [4, 10], outcomes: [['partial_relief', 2], ['failed', 2]],
    responses: {}, groups: { fibromyalgia: 1, crps: 1 },
  },
  {
    kind: 'psychological', name: 'Acceptance and commitment therapy', weeks: [8, 12], sessions: [8, 12], outcomes: [['partial_relief', 3], ['helped', 1]],
    responses: {}, groups: { fibromyalgia: 1, other_chronic_pain: 1 },
  },
  {
    kind: 'procedure', name: 'Radiofrequency ablation', weeks: [0, 4], sessions: [1, 2], outcomes: [['partial_relief', 4], ['failed', 3]],
    responses: { partial_relief: ['About 40% relief for 4 months'] }, groups: { neuropathic: 2, post_surgical: 3, other_chronic_pain: 2 },
  },
  {
    kind: 'procedure', name: 'Trigger point injections', weeks: [0, 12], sessions: [2, 6], doses: ['1% lidocaine'], outcomes: [['partial_relief', 4], ['failed', 3]],
    responses: { partial_relief: ['Relief for a few days after each session'] }, groups: { fibromyalgia: 4, other_chronic_pain: 2 },
  },
  {
    kind: 'procedure', name: 'Botulinum toxin injections', weeks: [0, 12], sessions: [1, 3], doses: ['100 units'], outcomes: [['failed', 3], ['partial_relief', 2]],
    responses: {}, groups: { crps: 1, neuropathic: 1 },
  },
  {
    kind: 'spinal_cord_stimulation', name: 'Spinal cord stimulator trial', weeks: [1, 1], outcomes: [['failed', 3], ['partial_relief', 3], ['intolerant', 1]],
    responses: { failed: ['Less than 50% relief during the 7-day trial; not implanted'], partial_relief: ['About 40% relief during the trial; patient declined implant'] },
    groups: { crps: 2, post_surgical: 3, neuropathic: 1 },
  },
  {
    kind: 'spinal_cord_stimulation', name: 'Dorsal root ganglion stimulation', weeks: [1, 1], outcomes: [['failed', 2], ['partial_relief', 2]],
    responses: { failed: ['Trial did not give enough relief'] }, groups: { crps: 1 },
  },
];

/** Current medications; `flag` = expected to raise an interaction flag (checked in the tests). */
const CURRENT_MEDICATIONS: readonly (readonly [Drug & { flag: boolean }, number])[] = [
  // Raise a flag (resources/intake/interactions.json).
  [{ name: 'Lorazepam', doses: ['0.5 mg', '1 mg'], frequency: ['at bedtime as needed', 'twice daily as needed'], flag: true }, 3],
  [{ name: 'Clonazepam', doses: ['0.5 mg', '1 mg'], frequency: ['twice daily', 'at bedtime'], flag: true }, 2],
  [{ name: 'Alprazolam', doses: ['0.25 mg', '0.5 mg'], frequency: ['as needed for anxiety'], flag: true }, 1],
  [{ name: 'Lamotrigine', doses: ['100 mg', '150 mg', '200 mg'], frequency: ['twice daily', 'daily'], flag: true }, 2],
  [{ name: 'Levothyroxine', doses: ['50 mcg', '75 mcg', '88 mcg', '100 mcg'], frequency: ['daily before breakfast'], flag: true }, 5],
  [{ name: 'Lisinopril', doses: ['10 mg', '20 mg'], frequency: ['daily'], flag: true }, 4],
  [{ name: 'Amlodipine', doses: ['5 mg', '10 mg'], frequency: ['daily'], flag: true }, 3],
  [{ name: 'Metoprolol succinate', doses: ['25 mg', '50 mg'], frequency: ['daily'], flag: true }, 2],
  [{ name: 'Cyclobenzaprine', doses: ['5 mg', '10 mg'], frequency: ['at bedtime'], flag: true }, 3],
  [{ name: 'Tizanidine', doses: ['2 mg', '4 mg'], frequency: ['at bedtime', 'three times daily as needed'], flag: true }, 2],
  [{ name: 'Tramadol', doses: ['50 mg'], frequency: ['every 6 hours as needed'], flag: true }, 2],
  [{ name: 'Trazodone', doses: ['50 mg', '100 mg'], frequency: ['at bedtime'], flag: true }, 2],
  [{ name: 'Zolpidem', doses: ['5 mg'], frequency: ['at bedtime as needed'], flag: true }, 1],
  [{ name: 'Methylphenidate', doses: ['10 mg', '20 mg'], frequency: ['twice daily'], flag: true }, 0.5],
  // No flag.
  [{ name: 'Acetaminophen', doses: ['500 mg', '650 mg', '1000 mg'], frequency: ['every 8 hours as needed', 'three times daily'], flag: false }, 10],
  [{ name: 'Omeprazole', doses: ['20 mg', '40 mg'], frequency: ['daily'], flag: false }, 6],
  [{ name: 'Pantoprazole', doses: ['40 mg'], frequency: ['daily'], flag: false }, 3],
  [{ name: 'Vitamin D3', doses: ['1000 IU', '2000 IU', '5000 IU'], frequency: ['daily'], flag: false }, 7],
  [{ name: 'Magnesium glycinate', doses: ['200 mg', '400 mg'], frequency: ['at bedtime'], flag: false }, 3],
  [{ name: 'Ibuprofen', doses: ['400 mg', '600 mg'], frequency: ['as needed'], flag: false }, 4],
  [{ name: 'Meloxicam', doses: ['7.5 mg', '15 mg'], frequency: ['daily'], flag: false }, 2],
  [{ name: 'Sertraline', doses: ['50 mg', '100 mg'], frequency: ['daily'], flag: false }, 4],
  [{ name: 'Escitalopram', doses: ['10 mg', '20 mg'], frequency: ['daily'], flag: false }, 3],
  [{ name: 'Bupropion XL', doses: ['150 mg', '300 mg'], frequency: ['daily'], flag: false }, 2],
  [{ name: 'Atorvastatin', doses: ['20 mg', '40 mg'], frequency: ['daily'], flag: false }, 4],
  [{ name: 'Cetirizine', doses: ['10 mg'], frequency: ['daily'], flag: false }, 2],
  [{ name: 'Montelukast', doses: ['10 mg'], frequency: ['at bedtime'], flag: false }, 1],
  [{ name: 'Fish oil', doses: ['1000 mg'], frequency: ['daily'], flag: false }, 2],
  [{ name: 'Lidocaine 5% patch', doses: ['1 patch'], frequency: ['12 hours on, 12 hours off'], flag: false }, 2],
];
const METFORMIN: Drug = { name: 'Metformin', doses: ['500 mg', '1000 mg'], frequency: ['twice daily'] };

/** What a 'yes' or 'unsure' answer comes with; an item not listed here gets a general note. */
const SCREENING_NOTES: Record<string, { yes?: readonly string[]; unsure?: readonly string[] }> = {
  cardiovascular: {
    yes: ['BP 156/94 at intake on lisinopril; PCP adjusting medication', 'Atrial fibrillation, rate controlled; cardiology note requested'],
    unsure: ['Told of "borderline" blood pressure; no readings on file', 'Palpitations last year, work-up not completed'],
  },
  pregnancy: { unsure: ['Last menstrual period uncertain; pregnancy test before first infusion'] },
  psychosis: {
    yes: ['Brief psychotic episode in 2015, none since; psychiatrist letter requested'],
    unsure: ['Hospitalised in her twenties, diagnosis not known; records requested'],
  },
  hepatic: {
    yes: ['Fatty liver on 2024 ultrasound; ALT mildly raised'],
    unsure: ['Hepatitis C treated in 2019; current liver tests not on file'],
  },
  intracranial_pressure: { unsure: ['Concussion 3 months ago; no imaging on file'] },
  intraocular_pressure: {
    yes: ['Open-angle glaucoma on latanoprost, followed by ophthalmology'],
    unsure: ['Optometrist mentioned "high eye pressure"; no follow-up yet'],
  },
  substance_misuse: {
    yes: ['Drinks 3-4 beers most evenings; counselled'],
    unsure: ['Cannabis daily for pain; amount unclear'],
  },
  ketamine_hypersensitivity: { unsure: ['Rash after surgery in 2018, anaesthetic agents not known; records requested'] },
};

const BUDAPEST_NOTES_MET = [
  'Affected limb 1.5 °C cooler than the other side',
  'Mottled, shiny skin over the dorsum of the hand',
  'Pitting oedema of the foot, worse at the end of the day',
  'Guarding; light brushing reproduces burning pain',
];

const GAP_MIX: readonly (readonly [IntakeGap, number])[] = [
  ['no_screening', 5],
  ['no_function_score', 4],
  ['one_failed_medication', 4],
  ['undated_medication', 2],
  ['no_therapy', 3],
  ['no_pain_score', 1],
  ['diagnosis_only', 2],
];

// ---------------------------------------------------------------------------------------
// The generator

export interface IntakeGenerator {
  /** The intake of patient `p`, or null when the patient has none. Depends only on the seed and `p`. */
  forPatient(p: PatientSeed): PatientIntake | null;
}

export interface IntakeGeneratorOptions {
  seed: number;
  clinic: SyntheticClinic;
  /** Reference data; resources/intake by default. */
  resources?: IntakeResources;
}

function groupTable<T>(items: readonly T[], weight: (item: T) => number | undefined): WeightedTable<T> | null {
  const usable = items.filter((i) => (weight(i) ?? 0) > 0);
  return usable.length ? new WeightedTable(usable, (i) => weight(i)!) : null;
}

export function intakeGenerator(opts: IntakeGeneratorOptions): IntakeGenerator {
  const res = opts.resources ?? intakeResources();
  const { clinic, seed } = opts;
  const zone = clinic.settings.timeZone;

  const billable = res.icd10.codes.filter((c) => c.billable);
  const codesByGroup = new Map<DiagnosisGroup, WeightedTable<string>>();
  for (const [group] of GROUP_MIX) {
    const codes = billable.filter((c) => c.group === group);
    if (codes.length === 0) throw new Error(`resources/intake/icd10.json has no billable ${group} code`);
    codesByGroup.set(group, new WeightedTable(codes.map((c) => c.code), (c) => CODE_WEIGHTS[c] ?? 1));
  }
  const known = new Set(billable.map((c) => c.code));
  const groupOf = (code: string) => res.icd10ByCode.get(code)!.group;

  // Treatment names must be the file's suggestions: a clinic that edits them gets what it lists.
  const suggested = (kind: TreatmentKind) => new Set(res.treatments.suggestions[kind] ?? []);
  const medNames = suggested('medication');
  const priorMeds = new Map<DiagnosisGroup, WeightedTable<string>>();
  const therapies = new Map<DiagnosisGroup, WeightedTable<TreatmentTemplate> | null>();
  const extras = new Map<DiagnosisGroup, WeightedTable<TreatmentTemplate> | null>();
  const usable = (t: TreatmentTemplate) => suggested(t.kind).has(t.name);
  for (const [group] of GROUP_MIX) {
    const meds = groupTable(Object.keys(PRIOR_MEDICATIONS).filter((n) => medNames.has(n)), (n) => PRIOR_MEDICATIONS[n]!.groups[group]);
    if (!meds) throw new Error(`resources/intake/treatments.json suggests no medication the seed knows for ${group}`);
    priorMeds.set(group, meds);
    therapies.set(group, groupTable(THERAPIES.filter(usable), (t) => t.groups[group]));
    extras.set(group, groupTable(EXTRAS.filter(usable), (t) => t.groups[group]));
  }
  const currentMeds = new WeightedTable(CURRENT_MEDICATIONS, ([, w]) => w);

  const physicians = clinic.staff.filter((s) => s.fields.role === 'physician' && s.fields.active);
  const nurses = clinic.staff.filter((s) => (s.fields.role === 'rn' || s.fields.role === 'crna') && s.fields.active).map((s) => s.fields.name);
  if (physicians.length === 0 || nurses.length === 0) throw new Error('the synthetic clinic has no physician or nurse to take intakes');

  // Clinic-local instants: 12:00 local that day minus 12 h, plus the minutes (right on DST days).
  const noon = new Map<string, number>();
  const localInstant = (date: string, minutes: number) => {
    let n = noon.get(date);
    if (n === undefined) noon.set(date, (n = zonedToInstant(zone, date, 12 * 60)));
    return n + (minutes - 12 * 60) * MINUTE_MS;
  };

  function forPatient(p: PatientSeed): PatientIntake | null {
    const rng = rngFor(seed, 'intake', p.index);
    if (!rng.chance(INTAKE_SHARE)) return null;
    const registered = dayNum(localDateAt(zone, p.createdAt));
    // Registered yesterday or today: too new for an intake.
    if (registered > TODAY - 2) return null;
    const born = dayNum(p.fields.dateOfBirth);
    const recent = registered >= TODAY - RECENT_DAYS;

    // The intake visit: 1-21 days after registration, by yesterday; 08:00-16:30.
    const intakeDay = Math.min(registered + rng.int(1, 21), TODAY - 1);
    const intakeDate = isoOf(intakeDay);
    const visit = localInstant(intakeDate, 8 * 60 + rng.int(0, 17) * 30);
    let clock = visit;
    const next = (minutes: number) => (clock += rng.int(1, minutes) * MINUTE_MS);

    // What is left out.
    const primaryGroup = rng.weighted(GROUP_MIX);
    const gaps: IntakeGap[] = [];
    if (rng.chance(recent ? GAP_SHARE.recent : GAP_SHARE.settled)) {
      gaps.push(rng.weighted(GAP_MIX));
      if (rng.chance(0.3)) {
        const second = rng.weighted(GAP_MIX);
        if (!gaps.includes(second) && second !== 'diagnosis_only' && gaps[0] !== 'diagnosis_only') gaps.push(second);
      }
    }
    const has = (g: IntakeGap) => gaps.includes(g);
    const only = has('diagnosis_only');
    // With too few dated failed medications on purpose, no other medication may make up for it.
    const medicationGap = has('one_failed_medication') || has('undated_medication');

    // Diagnoses: onset 6 months to 10 years before today, after age 12, before registration.
    const onsetLatest = Math.min(TODAY - 183, registered - 30);
    const [by, bm, bd] = p.fields.dateOfBirth.split('-').map(Number) as [number, number, number];
    const onsetEarliest = Math.max(TODAY - 3652, Math.round(Date.UTC(by + 12, bm - 1, bd) / DAY_MS));
    const primaryCode = codesByGroup.get(primaryGroup)!.draw(rng);
    const onset = rng.int(onsetEarliest, Math.max(onsetEarliest, onsetLatest));
    const dx: IntakeSeedRow<DiagnosisRow>[] = [];
    const addDiagnosis = (code: string, isPrimary: boolean, onsetDay: number | null, note: string | null) => {
      const createdAt = next(4);
      dx.push({ id: uuidV7(createdAt, rng), createdAt, fields: { code, isPrimary, onsetDate: onsetDay === null ? null : isoOf(onsetDay), note } });
    };
    addDiagnosis(primaryCode, true, onset, null);
    if (rng.chance(0.2)) {
      const second = rng.weighted(SECOND_DIAGNOSIS[primaryGroup]);
      if (second !== primaryCode && known.has(second)) {
        // Comorbid pain often predates the condition the patient is referred for.
        const secondOnset = rng.chance(0.15) ? null : rng.int(onsetEarliest, Math.max(onsetEarliest, onsetLatest));
        addDiagnosis(second, false, secondOnset, secondOnset === null ? 'Onset date not known' : null);
      }
    }
    const groups = [...new Set(dx.map((d) => groupOf(d.fields.code)))];
    const crps = groups.includes('crps');

    // Budapest: 80 % of CRPS patients, by a physician, in the last six months.
    const budapest: IntakeSeedRow<BudapestRow>[] = [];
    if (crps) {
      if (rng.chance(0.8)) {
        const met = rng.chance(0.88);
        if (!met) gaps.push('budapest_not_met');
        const day = rng.int(Math.max(intakeDay, TODAY - 182), TODAY - 1);
        const evaluator = rng.pick(physicians);
        const createdAt = localInstant(isoOf(day), 8 * 60 + rng.int(0, 16) * 30 + 20);
        budapest.push({
          id: uuidV7(createdAt, rng),
          createdAt,
          fields: {
            evaluatedOn: isoOf(day),
            evaluatorName: evaluator.fields.name,
            evaluatorStaffId: evaluator.id,
            ...budapestFindings(rng, res, met, day > intakeDay + 30),
          },
        });
      } else gaps.push('no_budapest');
    }

    // Prior treatments: between onset and the intake visit, oldest first.
    const treatments: IntakeSeedRow<TreatmentRow>[] = [];
    const medicationNames = new Set<string>();
    if (!only) {
      const plan: { template: TreatmentTemplate | null; medication?: string; failed?: boolean; undated?: boolean }[] = [];
      const failedMeds = has('one_failed_medication') ? 1 : has('undated_medication') ? 2 : rng.weighted([[2, 9], [3, 1]] as const);
      const meds = priorMeds.get(primaryGroup)!;
      for (let k = 0; k < failedMeds; k++) {
        let name = meds.draw(rng);
        for (let tries = 0; medicationNames.has(name) && tries < 10; tries++) name = meds.draw(rng);
        if (medicationNames.has(name)) continue;
        medicationNames.add(name);
        plan.push({ template: null, medication: name, failed: true, undated: k === 0 && has('undated_medication') });
      }
      const therapy = therapies.get(primaryGroup);
      if (!has('no_therapy') && therapy) plan.push({ template: therapy.draw(rng) });
      // A few more, up to five in all: blocks, psychology, procedures, another medication.
      const extra = extras.get(primaryGroup);
      const more = Math.min(5 - plan.length, rng.weighted([[0, 7], [1, 2.5], [2, 0.5]] as const));
      for (let k = 0; k < more; k++) {
        if (rng.chance(0.25) || !extra) {
          const name = meds.draw(rng);
          if (!medicationNames.has(name)) {
            medicationNames.add(name);
            plan.push({ template: null, medication: name, failed: false });
          }
          continue;
        }
        const t = extra.draw(rng);
        // Without therapy on purpose, a CRPS patient has no sympathetic block either.
        if (has('no_therapy') && t.kind === 'nerve_block') continue;
        if (plan.some((x) => x.template === t)) continue;
        plan.push({ template: t });
      }
      if (plan.length === 0) plan.push({ template: null, medication: meds.draw(rng), failed: true });

      // Start days spread between onset (+2 weeks) and two weeks before the visit.
      const from = Math.min(onset + 14, intakeDay - 14);
      const to = Math.max(from, intakeDay - 14);
      const starts = plan.map(() => rng.int(from, to)).sort((a, b) => a - b);
      // Shuffle the plan so medications are not always first.
      for (let i = plan.length - 1; i > 0; i--) {
        const j = rng.int(0, i);
        [plan[i], plan[j]] = [plan[j]!, plan[i]!];
      }
      plan.forEach((item, i) => {
        const start = starts[i]!;
        const createdAt = next(6);
        let fields: TreatmentRow;
        if (item.template === null) {
          const name = item.medication!;
          const def = PRIOR_MEDICATIONS[name]!;
          const outcome: TreatmentOutcome = item.failed
            ? rng.weighted([['failed', 6], ['intolerant', 4]] as const)
            : medicationGap
              ? rng.weighted([['partial_relief', 4], ['stopped_cost', 1], ['unknown', 1]] as const)
              : rng.weighted([['partial_relief', 4], ['failed', 2], ['intolerant', 2], ['stopped_cost', 1], ['unknown', 1]] as const);
          const end = Math.min(start + rng.int(3, 26) * 7, intakeDay - 1);
          const responses = MEDICATION_RESPONSES[outcome === 'failed' || outcome === 'intolerant' || outcome === 'partial_relief' ? outcome : 'other'];
          fields = {
            kind: 'medication',
            name,
            dose: rng.chance(0.9) ? rng.pick(def.doses) : null,
            sessions: null,
            startDate: item.undated ? null : isoOf(start),
            endDate: item.undated ? null : isoOf(Math.max(start, end)),
            outcome,
            response: rng.chance(0.8) ? rng.pick(responses) : null,
            documentId: null,
            note: item.undated ? 'Dates not in the referral records; patient recalls "a few months"' : null,
          };
        } else {
          const t = item.template;
          const outcome = rng.weighted(t.outcomes);
          const end = Math.min(start + rng.int(t.weeks[0] * 7, t.weeks[1] * 7), intakeDay - 1);
          const responses = t.responses[outcome];
          fields = {
            kind: t.kind,
            name: t.name,
            dose: t.doses ? rng.pick(t.doses) : null,
            sessions: t.sessions ? rng.int(t.sessions[0], t.sessions[1]) : null,
            startDate: isoOf(start),
            endDate: isoOf(Math.max(start, end)),
            outcome,
            response: responses && rng.chance(0.85) ? rng.pick(responses) : null,
            documentId: null,
            note: null,
          };
        }
        treatments.push({ id: uuidV7(createdAt, rng), createdAt, fields });
      });
    }

    // Current medications: 0-4, some raising interaction flags.
    const medications: IntakeSeedRow<MedicationRow>[] = [];
    if (!only) {
      const count = rng.weighted([[0, 25], [1, 32], [2, 23], [3, 12], [4, 8]] as const);
      const chosen: Drug[] = [];
      if (dx.some((d) => d.fields.code === 'E11.42' || d.fields.code === 'E10.42') && rng.chance(0.8)) chosen.push(METFORMIN);
      for (let tries = 0; chosen.length < count && tries < 12; tries++) {
        const [drug] = currentMeds.draw(rng);
        const first = drug.name.split(' ')[0]!;
        if (chosen.some((c) => c.name === drug.name) || [...medicationNames].some((n) => n.startsWith(first))) continue;
        chosen.push(drug);
      }
      for (const drug of chosen) {
        const createdAt = next(3);
        const earliest = Math.min(Math.max(born + 12 * 365, intakeDay - 6 * 365), intakeDay - 7);
        const started = rng.chance(0.75) ? rng.int(earliest, intakeDay - 7) : null;
        medications.push({
          id: uuidV7(createdAt, rng),
          createdAt,
          fields: {
            drug: drug.name,
            dose: rng.chance(0.92) ? rng.pick(drug.doses) : null,
            frequency: rng.chance(0.9) ? rng.pick(drug.frequency) : null,
            startDate: started === null ? null : isoOf(started),
            note: rng.chance(0.06) ? rng.pick(['Prescribed by PCP', 'Patient takes it less often than prescribed', 'Bottle brought to the visit']) : null,
          },
        });
      }
    }

    // Contraindication screening: every item answered, mostly no.
    const screeningRows: IntakeSeedRow<ScreeningRow>[] = [];
    if (!only && !has('no_screening')) {
      const items = res.screening.items;
      const answers: ScreeningRow['answers'] = {};
      for (const item of items) answers[item.id] = { answer: 'no', note: null };
      if (rng.chance(0.08)) {
        const item = rng.pick(p.fields.sex === 'female' ? items : items.filter((i) => i.id !== 'pregnancy'));
        const notes = SCREENING_NOTES[item.id];
        const answer = notes?.yes && (!notes.unsure || rng.chance(0.5)) ? 'yes' : 'unsure';
        answers[item.id] = { answer, note: rng.pick(notes?.[answer] ?? ['Discussed at intake; for the physician to review']) };
      }
      const createdAt = next(10);
      screeningRows.push({ id: uuidV7(createdAt, rng), createdAt, fields: { screenedOn: intakeDate, screenedBy: rng.pick(nurses), answers } });
    }

    // Baseline scores at the visit: NRS 70 %, VAS 50 %, at least one; PEG or else BPI interference.
    const scoreRows: IntakeSeedRow<ScoreRow>[] = [];
    if (!only) {
      const nurse = rng.pick(nurses);
      const level = rng.weighted([[4, 5], [5, 10], [6, 18], [7, 24], [8, 22], [9, 13], [10, 8]] as const);
      const item = (centre: number, spread: number) => Math.max(0, Math.min(10, Math.round(centre + rng.normal(0, spread))));
      const add = (instrument: string, value: number, items: number[] | null) => {
        const observedAt = next(6);
        const createdAt = observedAt + rng.int(0, 3) * MINUTE_MS;
        scoreRows.push({
          id: uuidV7(createdAt, rng),
          createdAt,
          fields: { instrument, value, items, timePoint: 'baseline', sessionId: null, seriesId: null, followUp: null, observedAt, recordedBy: nurse, source: 'staff', supersedesId: null },
        });
      };
      if (!has('no_pain_score')) {
        const vas = rng.chance(0.5);
        if (!vas || rng.chance(0.4)) add('nrs', level, null);
        if (vas) add('vas', Math.max(20, Math.min(100, Math.round(level * 10 + rng.normal(0, 6)))), null);
      }
      if (!has('no_function_score')) {
        if (rng.chance(0.62)) {
          const items = [item(level, 0.8), item(level - 0.5, 1.5), item(level - 0.5, 1.5)];
          add('peg', meanOf(items), items);
        } else {
          const items = Array.from({ length: 7 }, () => item(level - 1, 1.6));
          add('bpi_interference', meanOf(items), items);
        }
      }
    }

    // The physician's sign-off of what needs review (drawn last, so the rows above stay as they
    // were): given within days of the visit, but a recent intake may still be waiting for it.
    const toReview = reviewItems(res.screening.items, screeningRows[0]?.fields.answers ?? null, medications.map((m) => m.fields), res.interactions.rules);
    const signOffRows: IntakeSeedRow<SignOffRow>[] = [];
    if (toReview.length > 0) {
      if (recent && rng.chance(0.3)) gaps.push('awaiting_signoff');
      else {
        const signedAt = clock + rng.int(60, 3 * 24 * 60) * MINUTE_MS;
        signOffRows.push({
          id: uuidV7(signedAt, rng),
          createdAt: signedAt,
          fields: {
            signedAt,
            signedByName: rng.pick(physicians).fields.name,
            signedByRole: 'physician',
            comment: rng.chance(0.4) ? rng.pick(['Reviewed; proceed with the standard protocol.', 'Discussed with the patient; monitor blood pressure closely.', 'OK to proceed; hold the evening dose before each infusion.']) : null,
            reviewed: toReview,
          },
        });
      }
    }
    const open = openItems(toReview, signOffRows[0]?.fields.reviewed.map((r) => r.key) ?? []);

    const completeness = evaluateCompleteness(res.completeness, {
      diagnosisGroups: groups,
      budapest: budapest[0] ? { evaluatedOn: budapest[0].fields.evaluatedOn, ...budapestResultOf(budapest[0].fields) } : null,
      treatments: treatments.map((t) => t.fields),
      baselineInstruments: new Set(scoreRows.map((s) => s.fields.instrument)),
      screeningDone: screeningRows.length > 0,
      review: { items: toReview.length, openLabels: open.map((i) => i.label), signedBefore: signOffRows.length > 0 },
    });

    return {
      patientId: p.id,
      index: p.index,
      intakeDate,
      primaryGroup,
      gaps,
      completeness,
      diagnoses: dx,
      budapest,
      treatments,
      medications,
      screenings: screeningRows,
      scores: scoreRows,
      signOffs: signOffRows,
    };
  }

  return { forPatient };
}

function budapestResultOf(f: BudapestRow) {
  const r = evaluateBudapest({ disproportionatePain: f.disproportionatePain, noBetterDiagnosis: f.noBetterDiagnosis, symptoms: f.symptoms, signs: f.signs });
  return { clinicalMet: r.clinicalMet, researchMet: r.researchMet, clinicalExplanation: r.clinicalExplanation, researchExplanation: r.researchExplanation };
}

/** Ticked symptoms and signs: meeting the clinical criteria, or short of them in one way. */
function budapestFindings(rng: Rng, res: IntakeResources, met: boolean, reEvaluation: boolean) {
  const categories = new Map(res.budapest.categories.map((c) => [c.id, c]));
  const shuffledCategories = () => {
    const a = [...BUDAPEST_CATEGORIES];
    for (let i = a.length - 1; i > 0; i--) {
      const j = rng.int(0, i);
      [a[i], a[j]] = [a[j]!, a[i]!];
    }
    return a;
  };
  const tick = (kind: 'symptoms' | 'signs', n: number) => {
    const out: Record<string, string[]> = {};
    // Sensory findings are nearly universal in CRPS: list it first more often than not.
    let order = shuffledCategories();
    if (rng.chance(0.7)) order = ['sensory', ...order.filter((c) => c !== 'sensory')];
    for (const c of order.slice(0, n) as BudapestCategory[]) {
      const ids = categories.get(c)![kind].map((x) => x.id);
      const k = rng.int(1, Math.min(ids.length, 2));
      const picked = new Set<string>();
      while (picked.size < k) picked.add(rng.pick(ids));
      out[c] = ids.filter((id) => picked.has(id));
    }
    return out;
  };
  let symptoms = rng.chance(0.4) ? 4 : 3;
  let signs = rng.int(2, 4);
  let noBetterDiagnosis = true;
  let note: string | null = rng.chance(0.3) ? rng.pick(BUDAPEST_NOTES_MET) : null;
  if (!met) {
    const why = rng.weighted([['symptoms', 2], ['signs', 2], ['d', 1]] as const);
    if (why === 'symptoms') symptoms = 2;
    else if (why === 'signs') {
      signs = 1;
      note = 'Few signs on the day; re-examine at the next visit';
    } else {
      noBetterDiagnosis = false;
      note = 'Possible peripheral neuropathy: EMG/NCS ordered before confirming CRPS';
    }
  }
  if (reEvaluation && note === null && rng.chance(0.5)) note = 'Re-evaluation before the infusion series';
  return { disproportionatePain: true, noBetterDiagnosis, symptoms: tick('symptoms', symptoms), signs: tick('signs', signs), note };
}

// ---------------------------------------------------------------------------------------
// Writing

export interface IntakeSeedReport {
  patients: number;
  incomplete: number;
  rows: Record<'diagnoses' | 'budapest' | 'treatments' | 'medications' | 'screenings' | 'scores', number>;
  totalRows: number;
  /** Change-log entries written (one per field of each row). */
  changeLogRows: number;
  ms: number;
  rowsPerSecond: number;
}

export function seedIntake(
  w: WriteContext,
  opts: { seed: number; clinic: SyntheticClinic; log?: (line: string) => void; batchSize?: number },
): IntakeSeedReport {
  const { clinic } = opts;
  const batchSize = opts.batchSize ?? 1000;
  const gen = intakeGenerator({ seed: opts.seed, clinic });
  const lastChange = w.sqlite.prepare(`SELECT coalesce(max(seq), 0) FROM change_log`).pluck();
  const changesBefore = lastChange.get() as number;
  const started = performance.now();
  // One write context whose `now` is moved to each row's creation instant. The rows are
  // written long after their creation instants, so the change log's clock does not follow
  // them (it must never go back): it continues from the device's last timestamp, one
  // millisecond per 1024 rows, well inside the counter's 65,536 per millisecond.
  let t = SEED_REFERENCE_INSTANT;
  let ticks = 0;
  const base = w.clock.last.millis;
  const clock = new HybridLogicalClock({ node: w.clock.node, last: w.clock.last, now: () => base + Math.floor(ticks++ / 1024) });
  const at: WriteContext = { ...w, clock, now: () => t };
  const report: IntakeSeedReport = {
    patients: 0,
    incomplete: 0,
    rows: { diagnoses: 0, budapest: 0, treatments: 0, medications: 0, screenings: 0, scores: 0 },
    totalRows: 0,
    changeLogRows: 0,
    ms: 0,
    rowsPerSecond: 0,
  };
  const writeBatch = w.sqlite.transaction((from: number, to: number) => {
    for (const p of clinic.patients(from, to)) {
      const intake = gen.forPatient(p);
      if (!intake) continue;
      const patientId = p.id;
      report.patients++;
      if (!intake.completeness.complete) report.incomplete++;
      for (const r of intake.diagnoses) {
        t = r.createdAt;
        insertRow(at, diagnoses, { id: r.id, patientId, ...r.fields });
      }
      for (const r of intake.budapest) {
        t = r.createdAt;
        insertRow(at, budapestEvaluations, { id: r.id, patientId, ...r.fields });
      }
      for (const r of intake.treatments) {
        t = r.createdAt;
        insertRow(at, priorTreatments, { id: r.id, patientId, ...r.fields });
      }
      for (const r of intake.medications) {
        t = r.createdAt;
        insertRow(at, currentMedications, { id: r.id, patientId, ...r.fields });
      }
      for (const r of intake.screenings) {
        t = r.createdAt;
        insertRow(at, screenings, { id: r.id, patientId, ...r.fields });
      }
      for (const r of intake.scores) {
        t = r.createdAt;
        insertRow(at, scores, { id: r.id, patientId, ...r.fields });
      }
      for (const r of intake.signOffs) {
        t = r.createdAt;
        insertRow(at, intakeSignoffs, { id: r.id, patientId, signedByUserId: w.userId ?? 'seed', ...r.fields });
      }
      report.rows.diagnoses += intake.diagnoses.length;
      report.rows.budapest += intake.budapest.length;
      report.rows.treatments += intake.treatments.length;
      report.rows.medications += intake.medications.length;
      report.rows.screenings += intake.screenings.length;
      report.rows.scores += intake.scores.length;
    }
  });
  for (let from = 0; from < clinic.patientCount; from += batchSize) writeBatch(from, Math.min(from + batchSize, clinic.patientCount));

  // The caller's clock carries on after the last timestamp issued here.
  w.clock.receive(clock.last);
  report.ms = performance.now() - started;
  report.totalRows = Object.values(report.rows).reduce((a, b) => a + b, 0);
  report.changeLogRows = (lastChange.get() as number) - changesBefore;
  report.rowsPerSecond = report.totalRows / Math.max(report.ms / 1000, 1e-9);
  const r = report.rows;
  const share = (n: number) => `${Math.round((100 * n) / Math.max(report.patients, 1))}%`;
  opts.log?.(
    `  intake for ${fmtInt(report.patients)} patients (${share(report.incomplete)} incomplete): ${fmtInt(r.diagnoses)} diagnoses, ${fmtInt(r.budapest)} Budapest evaluations, ` +
      `${fmtInt(r.treatments)} prior treatments, ${fmtInt(r.medications)} medications, ${fmtInt(r.screenings)} screenings, ${fmtInt(r.scores)} baseline scores; ` +
      `${fmtInt(report.totalRows)} rows (${fmtInt(report.changeLogRows)} change-log entries) in ${(report.ms / 1000).toFixed(1)} s = ${fmtInt(report.rowsPerSecond)} rows/s`,
  );
  return report;
}
