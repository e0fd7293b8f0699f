/**
 * Intake: diagnoses, Budapest criteria, prior treatments, current medications, contraindication
 * screening, baseline scores and the completeness of a payer package.
 *
 * Three kinds of schema live here:
 *  - reference files (resources/intake/*.json), validated when the backend loads them;
 *  - method inputs, which carry the plain-words messages shown beside each field;
 *  - method outputs, above all `intakeRecordSchema`: everything the chart and the physician
 *    summary PDF show for one patient.
 */
import { z } from 'zod';
import { BUDAPEST_CATEGORIES } from '../../domain/budapest';
import { normalizeIcd10Code } from '../../domain/codes';
import { calendarDate, EARLIEST_PAST_INSTANT, idSchema, instantSchema, optionalMultilineText, optionalText, requiredText, searchText } from './common';

// ---------------------------------------------------------------------------------------
// Fixed vocabularies (ids are stored; labels come from the reference files)
// ---------------------------------------------------------------------------------------

export const DIAGNOSIS_GROUPS = ['crps', 'fibromyalgia', 'neuropathic', 'post_surgical', 'other_chronic_pain'] as const;
export type DiagnosisGroup = (typeof DIAGNOSIS_GROUPS)[number];

export const LATERALITIES = ['right', 'left', 'bilateral', 'unspecified'] as const;
export type Laterality = (typeof LATERALITIES)[number];

export const TREATMENT_KINDS = [
  'medication',
  'nerve_block',
  'physical_therapy',
  'psychological',
  'procedure',
  'spinal_cord_stimulation',
] as const;
export type TreatmentKind = (typeof TREATMENT_KINDS)[number];

export const TREATMENT_OUTCOMES = ['failed', 'intolerant', 'partial_relief', 'stopped_cost', 'helped', 'unknown'] as const;
export type TreatmentOutcome = (typeof TREATMENT_OUTCOMES)[number];

export const SCREENING_ANSWERS = ['yes', 'no', 'unsure'] as const;
export type ScreeningAnswer = (typeof SCREENING_ANSWERS)[number];

export const INTERACTION_SEVERITIES = ['caution', 'review'] as const;
export type InteractionSeverity = (typeof INTERACTION_SEVERITIES)[number];

export const INTAKE_SECTIONS = ['diagnoses', 'budapest', 'treatments', 'medications', 'screening', 'scores', 'signoff'] as const;
export type IntakeSection = (typeof INTAKE_SECTIONS)[number];

// ---------------------------------------------------------------------------------------
// Score instruments. The ranges are properties of the instruments, not clinic settings.
// ---------------------------------------------------------------------------------------

export const SCORE_INSTRUMENTS = ['nrs', 'vas', 'peg', 'bpi_interference'] as const;
export type ScoreInstrument = (typeof SCORE_INSTRUMENTS)[number];
/**
 * When a score was taken. Intake records baselines; outcomes records before/after a session
 * (with its session) and follow-ups (with which one, from resources/outcomes/outcomes-config.json).
 */
export const SCORE_TIME_POINTS = ['baseline', 'pre_session', 'post_session', 'follow_up'] as const;
export type ScoreTimePoint = (typeof SCORE_TIME_POINTS)[number];

export interface InstrumentInfo {
  id: ScoreInstrument;
  /** Short name as clinicians say it. */
  name: string;
  label: string;
  kind: 'pain' | 'function';
  min: number;
  max: number;
  /** Number of 0-10 items for multi-item instruments; the score is their mean. */
  items: number | null;
  loinc: string | null;
}

export const INSTRUMENTS: Record<ScoreInstrument, InstrumentInfo> = {
  nrs: { id: 'nrs', name: 'NRS', label: 'Numeric rating scale (0-10)', kind: 'pain', min: 0, max: 10, items: null, loinc: '72514-3' },
  vas: { id: 'vas', name: 'VAS', label: 'Visual analogue scale (0-100 mm)', kind: 'pain', min: 0, max: 100, items: null, loinc: '38214-3' },
  peg: { id: 'peg', name: 'PEG', label: 'PEG: pain, enjoyment of life, general activity (mean of 3 items, 0-10)', kind: 'function', min: 0, max: 10, items: 3, loinc: null },
  bpi_interference: {
    id: 'bpi_interference',
    name: 'BPI interference',
    label: 'Brief Pain Inventory interference (mean of 7 items, 0-10)',
    kind: 'function',
    min: 0,
    max: 10,
    items: 7,
    loinc: '77565-0',
  },
};

// ---------------------------------------------------------------------------------------
// Reference files (resources/intake/*.json)
// ---------------------------------------------------------------------------------------

const ICD10_CODE = /^[A-Z]\d{2}(\.[0-9A-Z]{1,4})?$/;

export const icd10EntrySchema = z.object({
  code: z.string().regex(ICD10_CODE, 'an ICD-10-CM code such as G90.512'),
  title: z.string().min(1),
  group: z.enum(DIAGNOSIS_GROUPS),
  laterality: z.enum(LATERALITIES).nullable().default(null),
  /** Body site the code carries, e.g. "upper limb". */
  site: z.string().min(1).nullable().default(null),
  /** False for category headers (G90.51): choose a code below them. */
  billable: z.boolean(),
  /** Extra search words: abbreviations (crps, rsd), plain words (arm, leg). */
  keywords: z.array(z.string().min(1)).default([]),
});
export type Icd10Entry = z.infer<typeof icd10EntrySchema>;

export const icd10FileSchema = z
  .object({
    source: z.string().min(1),
    groups: z.array(z.object({ id: z.enum(DIAGNOSIS_GROUPS), label: z.string().min(1) })),
    codes: z.array(icd10EntrySchema).min(1),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.codes.forEach((c, i) => {
      if (seen.has(c.code)) ctx.addIssue({ code: 'custom', path: ['codes', i, 'code'], message: `${c.code} is listed twice` });
      seen.add(c.code);
    });
    for (const g of DIAGNOSIS_GROUPS) {
      if (!f.groups.some((x) => x.id === g)) ctx.addIssue({ code: 'custom', path: ['groups'], message: `group ${g} has no label` });
    }
  });
export type Icd10File = z.infer<typeof icd10FileSchema>;

const checkItemSchema = z.object({ id: z.string().regex(/^[a-z0-9_]+$/), label: z.string().min(1) });

export const budapestFileSchema = z
  .object({
    source: z.string().min(1),
    categories: z.array(
      z.object({
        id: z.enum(BUDAPEST_CATEGORIES),
        label: z.string().min(1),
        symptoms: z.array(checkItemSchema).min(1),
        signs: z.array(checkItemSchema).min(1),
      }),
    ),
  })
  .superRefine((f, ctx) => {
    for (const c of BUDAPEST_CATEGORIES) {
      const n = f.categories.filter((x) => x.id === c).length;
      if (n !== 1) ctx.addIssue({ code: 'custom', path: ['categories'], message: `category ${c} must appear exactly once (found ${n})` });
    }
  });
export type BudapestFile = z.infer<typeof budapestFileSchema>;

export const interactionRuleSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  name: z.string().min(1),
  /** Generic and brand names, lower case; matched as whole words. */
  match: z.array(z.string().min(2).regex(/^[^A-Z]+$/, 'match terms are lower case')).min(1),
  severity: z.enum(INTERACTION_SEVERITIES),
  why: z.string().min(1),
  source: z.string().min(1),
});
export type InteractionRule = z.infer<typeof interactionRuleSchema>;

export const interactionsFileSchema = z
  .object({
    note: z.string().min(1),
    severities: z.object({ caution: z.string().min(1), review: z.string().min(1) }),
    rules: z.array(interactionRuleSchema).min(1),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: 'custom', path: ['rules', i, 'id'], message: `rule ${r.id} is listed twice` });
      seen.add(r.id);
    });
  });
export type InteractionsFile = z.infer<typeof interactionsFileSchema>;

export const screeningItemSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  question: z.string().min(1),
  /** The answer that needs a physician's review ('unsure' always does). */
  flagWhen: z.literal('yes'),
  reason: z.string().min(1),
});
export type ScreeningItem = z.infer<typeof screeningItemSchema>;

export const screeningFileSchema = z
  .object({
    source: z.string().min(1),
    items: z.array(screeningItemSchema).min(1),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.items.forEach((it, i) => {
      if (seen.has(it.id)) ctx.addIssue({ code: 'custom', path: ['items', i, 'id'], message: `item ${it.id} is listed twice` });
      seen.add(it.id);
    });
  });
export type ScreeningFile = z.infer<typeof screeningFileSchema>;

/** How a completeness item is decided, from the patient's intake data. */
export const completenessCheckSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('diagnosis') }),
  z.object({ type: z.literal('budapest'), criteria: z.enum(['clinical', 'research']) }),
  z.object({
    type: z.literal('treatments'),
    /** Each alternative is enough on its own: e.g. a sympathetic block OR physical therapy. */
    anyOf: z
      .array(
        z.object({
          kinds: z.array(z.enum(TREATMENT_KINDS)).min(1),
          outcomes: z.array(z.enum(TREATMENT_OUTCOMES)).optional(),
          /** Whole words, any of which the treatment name must contain (lower case). */
          nameMatches: z.array(z.string().min(1)).optional(),
          requireStartDate: z.boolean().default(false),
        }),
      )
      .min(1),
    min: z.number().int().min(1).default(1),
  }),
  z.object({ type: z.literal('baseline_score'), instruments: z.array(z.enum(SCORE_INSTRUMENTS)).min(1) }),
  z.object({ type: z.literal('screening') }),
  /**
   * The physician's sign-off of what needs review (screening answers, interaction flags). On
   * the checklist only while there is something to review; done while the latest sign-off
   * covers every item (rules/review.ts).
   */
  z.object({ type: z.literal('physician_signoff') }),
]);
export type CompletenessCheck = z.infer<typeof completenessCheckSchema>;

export const completenessItemDefSchema = z.object({
  id: z.string().regex(/^[a-z0-9_]+$/),
  label: z.string().min(1),
  /** What to do when the item is missing, as an instruction: "Add a diagnosis". */
  missing: z.string().min(1),
  section: z.enum(INTAKE_SECTIONS),
  check: completenessCheckSchema,
});
export type CompletenessItemDef = z.infer<typeof completenessItemDefSchema>;

export const completenessFileSchema = z
  .object({
    note: z.string().min(1),
    items: z.array(completenessItemDefSchema).min(1),
    /** Item ids per diagnosis group, in the order they are shown. */
    groups: z.object(Object.fromEntries(DIAGNOSIS_GROUPS.map((g) => [g, z.array(z.string()).min(1)])) as Record<DiagnosisGroup, z.ZodArray<z.ZodString>>),
    /** Item ids for a patient with no diagnosis yet; the diagnosis item comes first. */
    withoutDiagnosis: z.array(z.string()).min(1),
  })
  .superRefine((f, ctx) => {
    const ids = new Set(f.items.map((i) => i.id));
    if (ids.size !== f.items.length) ctx.addIssue({ code: 'custom', path: ['items'], message: 'item ids must be unique' });
    const lists: [string[], (string | number)[]][] = [
      ...DIAGNOSIS_GROUPS.map((g) => [f.groups[g], ['groups', g]] as [string[], (string | number)[]]),
      [f.withoutDiagnosis, ['withoutDiagnosis']],
    ];
    for (const [list, path] of lists) {
      list.forEach((id, i) => {
        if (!ids.has(id)) ctx.addIssue({ code: 'custom', path: [...path, i], message: `unknown item ${id}` });
      });
    }
    const first = f.items.find((i) => i.id === f.withoutDiagnosis[0]);
    if (first && first.check.type !== 'diagnosis') {
      ctx.addIssue({ code: 'custom', path: ['withoutDiagnosis', 0], message: 'the first item for a patient without a diagnosis must be the diagnosis item' });
    }
  });
export type CompletenessFile = z.infer<typeof completenessFileSchema>;

const labelled = <T extends readonly [string, ...string[]]>(ids: T) =>
  z.array(z.object({ id: z.enum(ids), label: z.string().min(1) }));

export const treatmentsFileSchema = z
  .object({
    kinds: labelled(TREATMENT_KINDS),
    outcomes: labelled(TREATMENT_OUTCOMES),
    /** Suggestions for the name field per kind (e.g. block types); free text is allowed. */
    suggestions: z.partialRecord(z.enum(TREATMENT_KINDS), z.array(z.string().min(1))).default({}),
  })
  .superRefine((f, ctx) => {
    for (const k of TREATMENT_KINDS) if (!f.kinds.some((x) => x.id === k)) ctx.addIssue({ code: 'custom', path: ['kinds'], message: `kind ${k} has no label` });
    for (const o of TREATMENT_OUTCOMES) if (!f.outcomes.some((x) => x.id === o)) ctx.addIssue({ code: 'custom', path: ['outcomes'], message: `outcome ${o} has no label` });
  });
export type TreatmentsFile = z.infer<typeof treatmentsFileSchema>;

// ---------------------------------------------------------------------------------------
// Pure results (computed by the rules, carried in outputs)
// ---------------------------------------------------------------------------------------

export const budapestResultSchema = z.object({
  symptomCategories: z.array(z.enum(BUDAPEST_CATEGORIES)),
  signCategories: z.array(z.enum(BUDAPEST_CATEGORIES)),
  clinicalMet: z.boolean(),
  researchMet: z.boolean(),
  /** "clinical criteria met: symptoms in 3 of 4 categories, signs in 2 of 4" */
  clinicalExplanation: z.string(),
  researchExplanation: z.string(),
  /** What keeps the clinical criteria from being met; empty when met. */
  clinicalMissing: z.array(z.string()),
  researchMissing: z.array(z.string()),
});
export type BudapestResultOut = z.infer<typeof budapestResultSchema>;

export const interactionFlagSchema = z.object({
  ruleId: z.string(),
  /** The class or drug the rule is about: "Benzodiazepines". */
  name: z.string(),
  severity: z.enum(INTERACTION_SEVERITIES),
  /** Plain sentence: "Benzodiazepines can blunt ketamine's effect and add to sedation." */
  why: z.string(),
  source: z.string(),
  /** The word in the drug name that matched: "ativan". */
  matched: z.string(),
});
export type InteractionFlag = z.infer<typeof interactionFlagSchema>;

export const screeningResultSchema = z.object({
  status: z.enum(['clear', 'needs_review']),
  /** "clear" or "needs physician review". */
  label: z.string(),
  reasons: z.array(
    z.object({
      itemId: z.string(),
      question: z.string(),
      /** null when the item was added to the checklist after this screening. */
      answer: z.enum(SCREENING_ANSWERS).nullable(),
      reason: z.string(),
      note: z.string().nullable(),
    }),
  ),
});
export type ScreeningResult = z.infer<typeof screeningResultSchema>;

/**
 * Something the physician must look at before ketamine: a screening answer that flags
 * (yes, unsure, or a question not asked) or a current medication with a "review" interaction.
 */
export const REVIEW_ITEM_KINDS = ['screening', 'interaction'] as const;
export type ReviewItemKind = (typeof REVIEW_ITEM_KINDS)[number];

export const reviewItemSchema = z.object({
  /**
   * What the item is, stable while the fact is the same: `screening:<item>:<answer>` or
   * `interaction:<rule>:<drug name folded>`. A sign-off covers the keys it reviewed.
   */
  key: z.string(),
  kind: z.enum(REVIEW_ITEM_KINDS),
  /** Short: "Pregnancy or possible pregnancy (answered unsure)", "Lorazepam: Benzodiazepines". */
  label: z.string(),
  /** Why it needs review, in the reference tables' words (and the screener's note). */
  detail: z.string(),
});
export type ReviewItem = z.infer<typeof reviewItemSchema>;

export const signOffSchema = z.object({
  id: idSchema,
  patientId: idSchema,
  signedAt: z.number().int(),
  signedByUserId: z.string(),
  signedByName: z.string(),
  signedByRole: z.string(),
  comment: z.string().nullable(),
  /** The review items it covered, in the words shown when it was given. */
  reviewed: z.array(reviewItemSchema),
});
export type SignOff = z.infer<typeof signOffSchema>;

export const REVIEW_STATUSES = ['not_needed', 'open', 'signed_off'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

/** What needs the physician's review now, and the sign-offs given. */
export const intakeReviewSchema = z.object({
  /** not_needed: nothing to review; open: waiting for the physician's sign-off; signed_off: the latest covers everything. */
  status: z.enum(REVIEW_STATUSES),
  /** The status in words, for every role: "Waiting for the physician's sign-off (2 items to review)". */
  summary: z.string(),
  /** Every current review item; open ones (not covered by the latest sign-off) first. */
  items: z.array(reviewItemSchema.extend({ open: z.boolean() })),
  openCount: z.number().int(),
  /** Newest first; append-only history. */
  signOffs: z.array(signOffSchema),
  /** Why a sign-off cannot be given now, in plain words; null when it can. */
  blockedReason: z.string().nullable(),
});
export type IntakeReview = z.infer<typeof intakeReviewSchema>;

export const completenessItemSchema = z.object({
  id: z.string(),
  label: z.string(),
  done: z.boolean(),
  /** Why it is not done and what to do, null when done: "Add a diagnosis". */
  missingReason: z.string().nullable(),
  /** Where in the intake screens it is filled in. */
  section: z.enum(INTAKE_SECTIONS),
});
export type CompletenessItem = z.infer<typeof completenessItemSchema>;

export const completenessSchema = z.object({
  /** Diagnosis groups the checklist was built for (empty without a diagnosis). */
  groups: z.array(z.enum(DIAGNOSIS_GROUPS)),
  done: z.number().int(),
  total: z.number().int(),
  /** done / total, 0-1. */
  score: z.number(),
  /** Whole percent, 0-100. */
  percent: z.number().int(),
  complete: z.boolean(),
  items: z.array(completenessItemSchema),
});
export type Completeness = z.infer<typeof completenessSchema>;

// ---------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------

export const icd10CodeInput = z
  .string({ error: 'Choose an ICD-10 code.' })
  .max(40, { error: 'That is not an ICD-10 code.', abort: true })
  .transform(normalizeIcd10Code)
  .pipe(z.string().min(1, { error: 'Choose an ICD-10 code.' }).max(10, { error: 'That is not an ICD-10 code.' }));

export const icd10SearchInput = z.object({
  q: searchText(100).default(''),
  limit: z.number().int().min(1).max(200).default(25),
  /** Include category headers (not billable). */
  includeHeaders: z.boolean().default(true),
});

const optionalDate = (label: string) =>
  z
    .string()
    .trim()
    .nullish()
    .transform((v) => (v ? v : null))
    .pipe(calendarDate(label).nullable());

export const diagnosisFieldsSchema = z.object({
  code: icd10CodeInput,
  isPrimary: z.boolean().default(false),
  /** May be approximate; blank when unknown. */
  onsetDate: optionalDate('onset date'),
  note: optionalMultilineText('Note', 1000),
});
export type DiagnosisFields = z.output<typeof diagnosisFieldsSchema>;

const tickedIds = (what: string) =>
  z
    .array(z.string().max(60), { error: `Choose the ${what} as a list.` })
    .max(20)
    .default([])
    .transform((ids) => [...new Set(ids.map((i) => i.trim()).filter(Boolean))]);

/** Ticked ids per Budapest category; a category left out means nothing ticked there. */
const budapestChecks = (what: string) =>
  z
    .strictObject(
      {
        sensory: tickedIds(what),
        vasomotor: tickedIds(what),
        sudomotor: tickedIds(what),
        motor_trophic: tickedIds(what),
      },
      { error: (iss) => (iss.code === 'unrecognized_keys' ? `Only sensory, vasomotor, sudomotor and motor_trophic ${what} can be ticked.` : undefined) },
    )
    .default({ sensory: [], vasomotor: [], sudomotor: [], motor_trophic: [] });

export const budapestFieldsSchema = z.object({
  evaluatedOn: calendarDate('evaluation date'),
  evaluatorName: requiredText("evaluator's name", 120),
  evaluatorStaffId: idSchema.nullish().transform((v) => v ?? null),
  disproportionatePain: z.boolean({ error: 'Answer A: is the pain disproportionate to any inciting event?' }),
  noBetterDiagnosis: z.boolean({ error: 'Answer D: is there no other diagnosis that better explains it?' }),
  /** Reported symptom ids per category (resources/intake/budapest.json). */
  symptoms: budapestChecks('symptoms'),
  /** Sign ids per category, observed at this evaluation. */
  signs: budapestChecks('signs'),
  note: optionalMultilineText('Note', 2000),
});
export type BudapestFields = z.output<typeof budapestFieldsSchema>;

export const treatmentFieldsSchema = z
  .object({
    kind: z.enum(TREATMENT_KINDS, { error: 'Choose what kind of treatment it was.' }),
    name: requiredText('treatment name (drug, block type or therapy)', 200),
    dose: optionalText('Dose', 200),
    sessions: z
      .number({ error: 'Sessions is a whole number.' })
      .int({ error: 'Sessions is a whole number.' })
      .min(1, { error: 'Sessions is at least 1; leave it blank when unknown.' })
      .max(1000, { error: 'Sessions can be at most 1000.' })
      .nullish()
      .transform((v) => v ?? null),
    startDate: optionalDate('start date'),
    endDate: optionalDate('end date'),
    outcome: z.enum(TREATMENT_OUTCOMES, { error: 'Choose the outcome: failed, not tolerated, partial relief, stopped for cost, helped or unknown.' }),
    /** The response in words: "relief for 3 days after each block". */
    response: optionalMultilineText('Response', 2000),
    /** The prior record documenting it (documents domain). */
    documentId: idSchema.nullish().transform((v) => v ?? null),
    note: optionalMultilineText('Note', 2000),
  })
  .superRefine((t, ctx) => {
    if (t.startDate && t.endDate && t.endDate < t.startDate) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'The end date cannot be before the start date.' });
    }
  });
export type TreatmentFields = z.output<typeof treatmentFieldsSchema>;

export const medicationFieldsSchema = z.object({
  drug: requiredText('drug name', 200),
  dose: optionalText('Dose', 200),
  frequency: optionalText('Frequency', 200),
  startDate: optionalDate('start date'),
  note: optionalMultilineText('Note', 2000),
});
export type MedicationFields = z.output<typeof medicationFieldsSchema>;

export const signOffInputSchema = z.object({
  patientId: idSchema,
  /**
   * The keys of the review items the physician looked at (as intake.get listed them). They
   * must be the items open now: a new one since the chart was loaded is refused, not signed.
   */
  reviewed: z
    .array(z.string({ error: 'Each reviewed item is named by its key.' }).min(1).max(300, { error: 'That is not a review item.' }), {
      error: 'List the review items you looked at.',
    })
    .min(1, { error: 'List the review items you looked at.' })
    .max(100, { error: 'At most 100 review items can be signed off at once.' }),
  comment: optionalMultilineText('The comment', 2000),
});
export type SignOffInput = z.output<typeof signOffInputSchema>;

export const screeningInputSchema = z.object({
  patientId: idSchema,
  screenedOn: calendarDate('screening date'),
  /** Who asked the questions; the signed-in user when left out. */
  screenedBy: optionalText('Screened by', 120),
  /** One answer per checklist item id (resources/intake/screening.json). */
  answers: z.record(
    z.string().max(60),
    z.object({
      answer: z.enum(SCREENING_ANSWERS, { error: 'Answer yes, no or unsure.' }),
      note: optionalMultilineText('Note', 1000),
    }),
    { error: 'Answer the screening questions.' },
  ),
});
export type ScreeningInput = z.output<typeof screeningInputSchema>;

/** An instant: epoch milliseconds or an ISO-8601 date-time with offset, from 1900 to 2100. */
export const instantInput = (label: string) =>
  z
    .union([z.number().int(), z.iso.datetime({ offset: true }).transform((s) => Date.parse(s))], {
      error: `Enter the ${label} as a date and time.`,
    })
    .pipe(instantSchema(label, EARLIEST_PAST_INSTANT));

const oneDecimal = (v: number) => Math.abs(Math.round(v * 10) - v * 10) < 1e-9;

export const scoreInputSchema = z
  .object({
    patientId: idSchema,
    instrument: z.enum(SCORE_INSTRUMENTS, { error: 'Choose NRS, VAS, PEG or BPI interference.' }),
    timePoint: z.enum(SCORE_TIME_POINTS).default('baseline'),
    /** NRS and VAS; for PEG and BPI the mean of the items (computed when items are given). */
    value: z.number({ error: 'Enter the score as a number.' }).nullish(),
    /** Item answers for PEG (3) and BPI interference (7), each 0-10. */
    items: z.array(z.number({ error: 'Each answer is a number.' })).nullish(),
    /** When the score was taken. */
    observedAt: instantInput('time the score was taken'),
    /** Who took the score; the signed-in user when left out. */
    recordedBy: optionalText('Recorded by', 120),
    /** A correction: the score this one replaces. */
    supersedesId: idSchema.nullish().transform((v) => v ?? null),
  })
  .superRefine((s, ctx) => {
    const info = INSTRUMENTS[s.instrument];
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    if (s.instrument === 'nrs') {
      if (s.value == null) return issue(['value'], 'Enter the NRS score (0 to 10).');
      if (!Number.isInteger(s.value) || s.value < 0 || s.value > 10) issue(['value'], 'NRS is a whole number from 0 to 10.');
      if (s.items != null) issue(['items'], 'NRS has no item answers.');
      return;
    }
    if (s.instrument === 'vas') {
      if (s.value == null) return issue(['value'], 'Enter the VAS score (0 to 100 mm).');
      if (!Number.isFinite(s.value) || s.value < 0 || s.value > 100) issue(['value'], 'VAS is from 0 to 100.');
      else if (!oneDecimal(s.value)) issue(['value'], 'VAS is measured in mm, at most one decimal place.');
      if (s.items != null) issue(['items'], 'VAS has no item answers.');
      return;
    }
    const n = info.items!;
    if (s.items == null) {
      if (s.value == null) return issue(['items'], `Enter the ${n} ${info.name} answers.`);
      if (s.value < 0 || s.value > 10) issue(['value'], `${info.name} is from 0 to 10.`);
      return;
    }
    if (s.items.length !== n) return issue(['items'], `${info.name} has ${n} answers; ${s.items.length} were given.`);
    s.items.forEach((v, i) => {
      if (!Number.isInteger(v) || v < 0 || v > 10) issue(['items', i], `Each ${info.name} answer is a whole number from 0 to 10.`);
    });
    if (s.value != null && Math.abs(s.value - meanOf(s.items)) > 0.01) {
      issue(['value'], `The ${info.name} score is the mean of its answers (${meanOf(s.items)}); leave it blank to have it computed.`);
    }
  });
export type ScoreInput = z.output<typeof scoreInputSchema>;

/** Mean of item answers, rounded to two decimals (PEG, BPI interference). */
export function meanOf(items: readonly number[]): number {
  if (items.length === 0) return 0;
  return Math.round((items.reduce((a, b) => a + b, 0) / items.length) * 100) / 100;
}

// ---------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------

const rowMeta = {
  id: idSchema,
  patientId: idSchema,
  version: z.number().int(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
};

export const diagnosisSchema = z.object({
  ...rowMeta,
  code: z.string(),
  /** ICD-10-CM title; for a code no longer in the list, the code with a note. */
  title: z.string(),
  /** null when the code is no longer in the clinic's list. */
  group: z.enum(DIAGNOSIS_GROUPS).nullable(),
  laterality: z.enum(LATERALITIES).nullable(),
  site: z.string().nullable(),
  billable: z.boolean(),
  isPrimary: z.boolean(),
  onsetDate: z.string().nullable(),
  note: z.string().nullable(),
});
export type Diagnosis = z.infer<typeof diagnosisSchema>;

const categoryChecks = z.object({
  sensory: z.array(z.string()),
  vasomotor: z.array(z.string()),
  sudomotor: z.array(z.string()),
  motor_trophic: z.array(z.string()),
});

export const budapestEvaluationSchema = z.object({
  ...rowMeta,
  evaluatedOn: z.string(),
  evaluatorName: z.string(),
  evaluatorStaffId: z.string().nullable(),
  disproportionatePain: z.boolean(),
  noBetterDiagnosis: z.boolean(),
  symptoms: categoryChecks,
  signs: categoryChecks,
  note: z.string().nullable(),
  result: budapestResultSchema,
  /** The latest evaluation (by evaluation date, then entry time) is the current one. */
  isCurrent: z.boolean(),
});
export type BudapestEvaluation = z.infer<typeof budapestEvaluationSchema>;

export const priorTreatmentSchema = z.object({
  ...rowMeta,
  kind: z.enum(TREATMENT_KINDS),
  name: z.string(),
  dose: z.string().nullable(),
  sessions: z.number().int().nullable(),
  startDate: z.string().nullable(),
  endDate: z.string().nullable(),
  outcome: z.enum(TREATMENT_OUTCOMES),
  response: z.string().nullable(),
  documentId: z.string().nullable(),
  note: z.string().nullable(),
});
export type PriorTreatment = z.infer<typeof priorTreatmentSchema>;

export const medicationSchema = z.object({
  ...rowMeta,
  drug: z.string(),
  dose: z.string().nullable(),
  frequency: z.string().nullable(),
  startDate: z.string().nullable(),
  note: z.string().nullable(),
  /** Interaction flags with ketamine, each with its reason; empty when none. */
  flags: z.array(interactionFlagSchema),
});
export type Medication = z.infer<typeof medicationSchema>;

export const screeningSchema = z.object({
  ...rowMeta,
  screenedOn: z.string(),
  screenedBy: z.string(),
  /** Every checklist item in checklist order, with the question as asked. */
  answers: z.array(
    z.object({
      itemId: z.string(),
      question: z.string(),
      answer: z.enum(SCREENING_ANSWERS).nullable(),
      note: z.string().nullable(),
    }),
  ),
  result: screeningResultSchema,
});
export type Screening = z.infer<typeof screeningSchema>;

export const scoreSchema = z.object({
  id: idSchema,
  patientId: idSchema,
  instrument: z.enum(SCORE_INSTRUMENTS),
  value: z.number(),
  items: z.array(z.number()).nullable(),
  timePoint: z.enum(SCORE_TIME_POINTS),
  observedAt: z.number().int(),
  recordedBy: z.string(),
  source: z.enum(['staff', 'patient_questionnaire']),
  supersedesId: z.string().nullable(),
  /** Set when a later correction replaced this score; a superseded score no longer counts. */
  supersededById: z.string().nullable(),
  createdAt: z.number().int(),
});
export type Score = z.infer<typeof scoreSchema>;

export const scoreListInput = z.object({
  patientId: idSchema,
  timePoint: z.enum(SCORE_TIME_POINTS).optional(),
  /** Also list scores replaced by a correction (for the history view). */
  includeSuperseded: z.boolean().default(false),
});
export const scoreListOutput = z.object({ items: z.array(scoreSchema) });

export const baselineScoresSchema = z.object({
  /** The current (latest, not superseded) baseline per instrument. */
  nrs: scoreSchema.nullable(),
  vas: scoreSchema.nullable(),
  peg: scoreSchema.nullable(),
  bpiInterference: scoreSchema.nullable(),
  /** Every current baseline score, latest first. */
  all: z.array(scoreSchema),
});
export type BaselineScores = z.infer<typeof baselineScoresSchema>;

/** Everything intake knows about one patient: the chart and the physician summary PDF. */
export const intakeRecordSchema = z.object({
  patient: z.object({
    id: idSchema,
    firstName: z.string(),
    lastName: z.string(),
    dateOfBirth: z.string(),
    sex: z.string(),
    mrn: z.string(),
  }),
  /** The clinic's today (YYYY-MM-DD) when the record was read. */
  asOf: z.string(),
  /** Primary first, then by onset date. */
  diagnoses: z.array(diagnosisSchema),
  primaryDiagnosisId: z.string().nullable(),
  /** Latest first; the first is the current one. */
  budapestEvaluations: z.array(budapestEvaluationSchema),
  /** Oldest start date first (undated last), as a payer letter lists them. */
  priorTreatments: z.array(priorTreatmentSchema),
  medications: z.array(medicationSchema),
  /** The latest screening with its result, null when none was recorded. */
  screening: screeningSchema.nullable(),
  baseline: baselineScoresSchema,
  completeness: completenessSchema,
  /** What needs the physician's review and the sign-offs given (history, newest first). */
  review: intakeReviewSchema,
});
export type IntakeRecord = z.infer<typeof intakeRecordSchema>;

export const worklistInput = z.object({
  limit: z.number().int().min(1).max(500).default(100),
  offset: z.number().int().min(0).default(0),
  group: z.enum(DIAGNOSIS_GROUPS).optional(),
});

export const worklistItemSchema = z.object({
  patientId: idSchema,
  firstName: z.string(),
  lastName: z.string(),
  dateOfBirth: z.string(),
  mrn: z.string(),
  /** Primary diagnosis code, else the first one; null without a diagnosis. */
  primaryCode: z.string().nullable(),
  groups: z.array(z.enum(DIAGNOSIS_GROUPS)),
  done: z.number().int(),
  total: z.number().int(),
  percent: z.number().int(),
  missingCount: z.number().int(),
  /** The first missing item's instruction, e.g. "Add a diagnosis". */
  firstMissing: z.string(),
  /** Review items waiting for the physician's sign-off (labels, screening first); empty when none. */
  openReview: z.array(z.object({ kind: z.enum(REVIEW_ITEM_KINDS), label: z.string() })),
  patientCreatedAt: z.number().int(),
});
export type WorklistItem = z.infer<typeof worklistItemSchema>;

export const worklistOutput = z.object({
  items: z.array(worklistItemSchema),
  /** Patients with incomplete intake in all (before limit and offset). */
  total: z.number().int(),
});

export const intakeReferenceSchema = z.object({
  icd10: z.object({ source: z.string(), groups: z.array(z.object({ id: z.enum(DIAGNOSIS_GROUPS), label: z.string() })), codes: z.array(icd10EntrySchema) }),
  budapest: budapestFileSchema,
  screening: screeningFileSchema,
  treatments: treatmentsFileSchema,
  interactions: z.object({
    note: z.string(),
    severities: z.object({ caution: z.string(), review: z.string() }),
    rules: z.array(interactionRuleSchema),
  }),
  completeness: z.object({
    note: z.string(),
    items: z.array(completenessItemDefSchema.pick({ id: true, label: true, missing: true, section: true })),
    groups: z.record(z.string(), z.array(z.string())),
    withoutDiagnosis: z.array(z.string()),
  }),
  instruments: z.array(
    z.object({
      id: z.enum(SCORE_INSTRUMENTS),
      name: z.string(),
      label: z.string(),
      kind: z.enum(['pain', 'function']),
      min: z.number(),
      max: z.number(),
      items: z.number().int().nullable(),
      loinc: z.string().nullable(),
    }),
  ),
});
export type IntakeReference = z.infer<typeof intakeReferenceSchema>;
