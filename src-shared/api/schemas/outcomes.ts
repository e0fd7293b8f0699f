/**
 * Pain outcomes: scores at their time points (baseline, before/after each infusion session,
 * follow-ups after a series), IMMPACT responder results, the due list, the clinical review
 * queue with dispositions, the clinic dashboard, the payer report and the exports.
 *
 * The instrument ranges are properties of the instruments (NRS 0-10 whole numbers, VAS 0-100
 * mm, PEG and BPI interference means of 0-10 items, PGIC 1-7); everything a clinic may weigh
 * differently (follow-up schedule, comparison rule, thresholds, review point) is data in
 * resources/outcomes/outcomes-config.json and reaches the screens through `outcomes.reference`.
 */
import { z } from 'zod';
import { calendarDate, idSchema, optionalMultilineText, optionalText } from './common';
import { INSTRUMENTS, SCORE_INSTRUMENTS, SCORE_TIME_POINTS, instantInput, meanOf } from './intake';

// ---------------------------------------------------------------------------------------
// Vocabularies
// ---------------------------------------------------------------------------------------

/** The intake instruments plus PGIC (patient global impression of change), asked at follow-ups. */
export const OUTCOME_INSTRUMENTS = [...SCORE_INSTRUMENTS, 'pgic'] as const;
export type OutcomeInstrument = (typeof OUTCOME_INSTRUMENTS)[number];

/** Follow-ups are one time point; which one (1 week, 1 month, ...) is `followUp`, a key from the config. */
export const OUTCOME_TIME_POINTS = SCORE_TIME_POINTS;
export type OutcomeTimePoint = (typeof OUTCOME_TIME_POINTS)[number];

export const SCORE_SOURCES = ['staff', 'patient_questionnaire'] as const;
export type ScoreSource = (typeof SCORE_SOURCES)[number];

export const DISPOSITIONS = ['continue', 'change_protocol', 'stop', 'other'] as const;
export type Disposition = (typeof DISPOSITIONS)[number];

/** IMMPACT categories, plus 'worse' (pain went up) and 'unchanged_zero' (0 at baseline and now). */
export const RESPONDER_CATEGORIES = ['none', 'minimal', 'moderate', 'substantial', 'worse', 'unchanged_zero'] as const;
export type ResponderCategory = (typeof RESPONDER_CATEGORIES)[number];

export const DUE_KINDS = ['before_infusion', 'after_infusion', 'follow_up'] as const;
export type DueKind = (typeof DUE_KINDS)[number];

export const PGIC = { min: 1, max: 7 } as const;

// ---------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------

const oneDecimal = (v: number) => Math.abs(Math.round(v * 10) - v * 10) < 1e-9;

export const recordOutcomeScoreInput = z
  .object({
    patientId: idSchema,
    instrument: z.enum(OUTCOME_INSTRUMENTS, { error: 'Choose NRS, VAS, PEG, BPI interference or PGIC.' }),
    timePoint: z.enum(OUTCOME_TIME_POINTS, { error: 'Choose when the score was taken: baseline, before or after a session, or a follow-up.' }),
    /** Before/after-infusion scores: the session (its number in the series is derived). */
    sessionId: idSchema.nullish().transform((v) => v ?? null),
    /** Follow-ups: the series they follow; left out, the patient's latest finished series. */
    seriesId: idSchema.nullish().transform((v) => v ?? null),
    /** Follow-ups: which one, a key from the config (e.g. followup_1m). */
    followUp: z.string().trim().max(40).nullish().transform((v) => v || null),
    /** NRS, VAS and PGIC; for PEG and BPI the mean of the items (computed when items are given). */
    value: z.number({ error: 'Enter the score as a number.' }).nullish(),
    /** Item answers for PEG (3) and BPI interference (7), each 0-10. */
    items: z.array(z.number({ error: 'Each answer is a number.' })).nullish(),
    /** When the score was taken (epoch ms or ISO-8601 with offset). */
    observedAt: instantInput('time the score was taken'),
    /** Who took the score; the signed-in user when left out. */
    recordedBy: optionalText('Recorded by', 120),
    source: z.enum(SCORE_SOURCES, { error: 'Choose staff or patient questionnaire.' }).default('staff'),
    /** A correction: the score this one replaces (same patient, instrument and time point). */
    supersedesId: idSchema.nullish().transform((v) => v ?? null),
  })
  .superRefine((s, ctx) => {
    const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    // Where the score belongs.
    if (s.timePoint === 'pre_session' || s.timePoint === 'post_session') {
      if (!s.sessionId) issue(['sessionId'], `Choose the session this ${s.timePoint === 'pre_session' ? 'before' : 'after'}-infusion score belongs to.`);
      if (s.followUp) issue(['followUp'], 'Only follow-up scores name a follow-up.');
    } else if (s.timePoint === 'follow_up') {
      if (!s.followUp) issue(['followUp'], 'Choose which follow-up this is (for example 1 month).');
      if (s.sessionId) issue(['sessionId'], 'A follow-up score belongs to the series, not to one session.');
    } else {
      if (s.sessionId) issue(['sessionId'], 'A baseline score belongs to no session.');
      if (s.followUp) issue(['followUp'], 'Only follow-up scores name a follow-up.');
      if (s.seriesId) issue(['seriesId'], 'A baseline score belongs to no series.');
    }
    if (s.instrument === 'pgic') {
      if (s.timePoint !== 'follow_up') issue(['timePoint'], 'PGIC (impression of change) is asked at follow-ups only.');
      if (s.value == null) return issue(['value'], 'Choose the PGIC answer (1 to 7).');
      if (!Number.isInteger(s.value) || s.value < PGIC.min || s.value > PGIC.max) issue(['value'], 'PGIC is a whole number from 1 to 7.');
      if (s.items != null) issue(['items'], 'PGIC has no item answers.');
      return;
    }
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
    const info = INSTRUMENTS[s.instrument];
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
export type RecordOutcomeScoreInput = z.output<typeof recordOutcomeScoreInput>;

export const patientOutcomesInput = z.object({
  patientId: idSchema,
  /** Also list scores replaced by a correction (history view). */
  includeSuperseded: z.boolean().default(false),
});

export const dueListInput = z.object({
  kind: z.enum(DUE_KINDS).optional(),
  /** Only items already overdue. */
  overdueOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(5000).default(500),
});

export const reviewQueueInput = z.object({
  /** Also list flags a clinician has already decided, with the decision. */
  includeDisposed: z.boolean().default(false),
  limit: z.number().int().min(1).max(5000).default(500),
});

export const recordDispositionInput = z
  .object({
    patientId: idSchema,
    /** The flag being decided, as listed by outcomes.reviewQueue. */
    flagKey: z.string().min(1).max(200),
    disposition: z.enum(DISPOSITIONS, { error: 'Choose continue, change protocol, stop or other.' }),
    note: optionalMultilineText('Note', 2000),
    /** The clinician deciding; the signed-in user when left out. */
    decidedBy: optionalText('Decided by', 120),
  })
  .superRefine((d, ctx) => {
    if ((d.disposition === 'other' || d.disposition === 'change_protocol') && !d.note) {
      ctx.addIssue({
        code: 'custom',
        path: ['note'],
        message: d.disposition === 'other' ? 'Say what was decided.' : 'Say how the protocol changes.',
      });
    }
  });

export const periodInput = z
  .object({ from: calendarDate('first day of the period'), to: calendarDate('last day of the period') })
  .refine((p) => p.from <= p.to, { path: ['to'], error: 'The last day of the period must be on or after the first day.' });

export const reportPdfInput = z.object({
  patientId: idSchema,
  /** The series to report; left out, the patient's latest series. */
  seriesId: idSchema.nullish().transform((v) => v ?? null),
});

export const exportInput = z
  .object({
    /** One patient, or every patient with scores in the period. */
    patientId: idSchema.nullish().transform((v) => v ?? null),
    from: calendarDate('first day of the period').nullish().transform((v) => v ?? null),
    to: calendarDate('last day of the period').nullish().transform((v) => v ?? null),
    /** Chosen by the screen, to read the export's progress (outcomes.exportProgress) or cancel it (outcomes.exportCancel) while it runs. */
    exportId: idSchema.optional(),
  })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { path: ['to'], error: 'The last day of the period must be on or after the first day.' });

/**
 * The registry CSV: as exportInput, and de-identified on request (no names, MRN, phone or date
 * of birth; a code per patient for this export; an age band; dates moved per patient or kept).
 */
export const csvExportInput = z
  .object({
    ...exportInput.shape,
    deidentify: z.boolean().default(false),
    /** With deidentify: move each patient's dates back by their own number of days, or keep the real dates. */
    dates: z.enum(['shift', 'keep'], { error: 'Choose whether dates are moved or kept.' }).default('shift'),
  })
  .refine((p) => !p.from || !p.to || p.from <= p.to, { path: ['to'], error: 'The last day of the period must be on or after the first day.' });

export const exportProgressInput = z.object({ exportId: idSchema });
export const exportCancelOutput = z.object({
  /** False when the export had already finished (its file was made) or no export has this id. */
  cancelled: z.boolean(),
});
export const exportProgressOutput = z.object({
  /** Null when no export with this id is running or recently finished. */
  progress: z
    .object({
      phase: z.enum(['reading', 'writing', 'done']),
      done: z.number().int(),
      total: z.number().int(),
    })
    .nullable(),
});

// ---------------------------------------------------------------------------------------
// Outputs
// ---------------------------------------------------------------------------------------

export const outcomeScoreSchema = z.object({
  id: idSchema,
  patientId: idSchema,
  instrument: z.enum(OUTCOME_INSTRUMENTS),
  value: z.number(),
  items: z.array(z.number()).nullable(),
  timePoint: z.enum(OUTCOME_TIME_POINTS),
  sessionId: idSchema.nullable(),
  /** The session's number in its series (1..n). */
  sessionSeq: z.number().int().nullable(),
  seriesId: idSchema.nullable(),
  followUp: z.string().nullable(),
  /** The follow-up as people say it ("1 month"). */
  followUpLabel: z.string().nullable(),
  observedAt: z.number().int(),
  recordedBy: z.string(),
  source: z.enum(SCORE_SOURCES),
  supersedesId: idSchema.nullable(),
  /** Set when a later correction replaced this score; a superseded score no longer counts. */
  supersededById: idSchema.nullable(),
  createdAt: z.number().int(),
});
export type OutcomeScoreOut = z.infer<typeof outcomeScoreSchema>;

/** A responder result: the change from baseline, or what is missing, with the rule in words. */
export const responderSchema = z.object({
  ok: z.boolean(),
  /** The comparison and its result in one sentence, e.g. "Mean of the last two before-infusion NRS scores (7, 6 → 6.5) against the baseline NRS of 8: 19% lower, minimal (≥ 10%)". */
  sentence: z.string(),
  category: z.enum(RESPONDER_CATEGORIES).nullable(),
  categoryLabel: z.string().nullable(),
  baseline: z.number().nullable(),
  compared: z.number().nullable(),
  comparedValues: z.array(z.number()),
  /** baseline − compared: positive = less pain. */
  pointsReduction: z.number().nullable(),
  /** null when the baseline is 0 ("no percent change") or scores are missing. */
  percentReduction: z.number().nullable(),
  /** e.g. "no percent change (baseline is 0)". */
  note: z.string().nullable(),
  /** What is missing when ok is false. */
  missing: z.array(z.string()),
});
export type ResponderOut = z.infer<typeof responderSchema>;

export const dispositionSchema = z.object({
  id: idSchema,
  patientId: idSchema,
  seriesId: idSchema.nullable(),
  flagKey: z.string(),
  disposition: z.enum(DISPOSITIONS),
  dispositionLabel: z.string(),
  note: z.string().nullable(),
  decidedBy: z.string(),
  decidedAt: z.number().int(),
  /** The flag's reason and numbers as they were when decided. */
  reason: z.string(),
  percentReduction: z.number().nullable(),
});
export type DispositionOut = z.infer<typeof dispositionSchema>;

export const reviewFlagSchema = z.object({
  /** Stable id of the flag: a disposition names it; a disposed flag leaves the queue. */
  flagKey: z.string(),
  patientId: idSchema,
  patientName: z.string(),
  mrn: z.string(),
  seriesId: idSchema,
  seriesLabel: z.string(),
  /** after_session: the configured session (default 4); end_of_series: the last session. */
  at: z.enum(['after_session', 'end_of_series']),
  sessionId: idSchema,
  sessionSeq: z.number().int(),
  /** When the flag arose: the discharge of that session. */
  flaggedAt: z.number().int(),
  threshold: z.number(),
  baseline: z.number().nullable(),
  compared: z.number().nullable(),
  pointsReduction: z.number().nullable(),
  percentReduction: z.number().nullable(),
  category: z.enum(RESPONDER_CATEGORIES).nullable(),
  /** "Less than 30% reduction after session 4: 19% reduction. Mean of ..." */
  reason: z.string(),
  /** The latest decision on this flag, if any (only listed with includeDisposed). */
  disposition: dispositionSchema.nullable(),
});
export type ReviewFlagOut = z.infer<typeof reviewFlagSchema>;

export const sessionOutcomeSchema = z.object({
  sessionId: idSchema,
  seq: z.number().int(),
  startsAt: z.number().int(),
  endsAt: z.number().int(),
  status: z.string(),
  dischargedAt: z.number().int().nullable(),
  /** Comparison instrument (default NRS) before and after this infusion. */
  before: outcomeScoreSchema.nullable(),
  after: outcomeScoreSchema.nullable(),
  /** VAS before and after, when taken. */
  beforeVas: outcomeScoreSchema.nullable(),
  afterVas: outcomeScoreSchema.nullable(),
  /** Within-session change: before − after in points (positive = less pain after), null if a side is missing. */
  sessionChangePoints: z.number().nullable(),
  /** Responder result as of this session, by the configured comparison rule. */
  responder: responderSchema,
});

export const followUpOutcomeSchema = z.object({
  key: z.string(),
  label: z.string(),
  dueAt: z.number().int(),
  overdueAt: z.number().int(),
  score: outcomeScoreSchema.nullable(),
  pgic: outcomeScoreSchema.nullable(),
  responder: responderSchema,
});

export const seriesOutcomeSchema = z.object({
  seriesId: idSchema,
  /** Template name, e.g. "6 infusions over 2 weeks". */
  label: z.string(),
  status: z.string(),
  firstSessionAt: z.number().int().nullable(),
  lastSessionAt: z.number().int().nullable(),
  /** Discharge of the last session, once every session is done; follow-ups count from here. */
  endedAt: z.number().int().nullable(),
  /** The baseline this series is compared with (latest taken before session 1, else the latest), per instrument. */
  baseline: z.object({ nrs: outcomeScoreSchema.nullable(), vas: outcomeScoreSchema.nullable() }),
  sessions: z.array(sessionOutcomeSchema),
  /** Empty until the series has ended. */
  followUps: z.array(followUpOutcomeSchema),
  /** Result at the latest session or follow-up that has one (what a payer asks for). */
  latest: responderSchema.extend({ asOf: z.string() }).nullable(),
  /** Review flags of this series with their decisions, and every decision recorded. */
  flags: z.array(reviewFlagSchema),
  dispositions: z.array(dispositionSchema),
});
export type SeriesOutcome = z.infer<typeof seriesOutcomeSchema>;

/** Ready for the trend chart (recharts): one point per score, lines for baseline and thresholds. */
export const chartSchema = z.object({
  points: z.array(
    z.object({
      at: z.number().int(),
      instrument: z.enum(['nrs', 'vas']),
      value: z.number(),
      timePoint: z.enum(OUTCOME_TIME_POINTS),
      sessionSeq: z.number().int().nullable(),
      seriesId: idSchema.nullable(),
      /** "Before 3", "After 3", "Baseline", "1 month". */
      label: z.string(),
    }),
  ),
  sessionMarkers: z.array(z.object({ at: z.number().int(), seq: z.number().int(), seriesId: idSchema, label: z.string() })),
  /** Baseline and the reduction lines per instrument (null when there is no baseline). */
  lines: z.object({
    nrs: z.object({ baseline: z.number(), moderate: z.number(), substantial: z.number() }).nullable(),
    vas: z.object({ baseline: z.number(), moderate: z.number(), substantial: z.number() }).nullable(),
  }),
});

export const dueItemSchema = z.object({
  patientId: idSchema,
  patientName: z.string(),
  mrn: z.string(),
  kind: z.enum(DUE_KINDS),
  instrument: z.string(),
  status: z.enum(['due', 'overdue']),
  seriesId: idSchema.nullable(),
  sessionId: idSchema.nullable(),
  sessionSeq: z.number().int().nullable(),
  followUp: z.string().nullable(),
  followUpLabel: z.string().nullable(),
  dueAt: z.number().int(),
  overdueSince: z.number().int().nullable(),
  /** Whole days past overdue (0 on the day it became overdue); null while only due. */
  daysOverdue: z.number().int().nullable(),
  /** "after-infusion NRS for session 3 not taken by discharge (03/06 13:10)" */
  message: z.string(),
});
export type DueItemOut = z.infer<typeof dueItemSchema>;

export const patientOutcomesSchema = z.object({
  patient: z.object({ id: idSchema, name: z.string(), mrn: z.string(), dateOfBirth: z.string() }),
  /** The comparison rule in words, e.g. "Mean of the last two before-infusion NRS scores against the baseline NRS". */
  ruleSentence: z.string(),
  /** Every score that counts (or all, with includeSuperseded), oldest first. */
  scores: z.array(outcomeScoreSchema),
  series: z.array(seriesOutcomeSchema),
  chart: chartSchema,
  /** What this patient owes now. */
  due: z.array(dueItemSchema),
});
export type PatientOutcomes = z.infer<typeof patientOutcomesSchema>;

export const dueListOutput = z.object({
  items: z.array(dueItemSchema),
  /** Counts before the limit. */
  total: z.number().int(),
  overdue: z.number().int(),
  /** Items more than this many days past due are no longer listed (config due.listForDays). */
  listForDays: z.number().int(),
});

export const reviewQueueOutput = z.object({ items: z.array(reviewFlagSchema), total: z.number().int() });

/** One group's response rate: the denominators are always shown. */
export const rateRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  /** Series that ended in the period. */
  series: z.number().int(),
  /** ... of which had the scores for an end-of-series result. */
  evaluable: z.number().int(),
  moderate: z.number().int(),
  substantial: z.number().int(),
  /** moderate-or-better / evaluable, 0-1; null when nothing is evaluable. */
  moderateRate: z.number().nullable(),
  substantialRate: z.number().nullable(),
});

export const completenessRowSchema = z.object({
  kind: z.enum(['baseline', 'before_infusion', 'after_infusion', 'follow_up']),
  label: z.string(),
  expected: z.number().int(),
  recorded: z.number().int(),
  /** recorded / expected, 0-1; null when nothing was expected. */
  share: z.number().nullable(),
});

export const dashboardSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** How a series counts as responding, in words. */
  definition: z.string(),
  overall: rateRowSchema,
  byDiagnosis: z.array(rateRowSchema),
  byPayer: z.array(rateRowSchema),
  byTemplate: z.array(rateRowSchema),
  completeness: z.object({ overall: completenessRowSchema.omit({ kind: true }).extend({ kind: z.literal('all') }), byKind: z.array(completenessRowSchema) }),
});
export type Dashboard = z.infer<typeof dashboardSchema>;

export const exportOutput = z.object({
  fileName: z.string(),
  mimeType: z.string(),
  text: z.string(),
  /** CSV data rows, or FHIR Observations. */
  count: z.number().int(),
});

export const outcomesReferenceSchema = z.object({
  instruments: z.array(
    z.object({
      id: z.enum(OUTCOME_INSTRUMENTS),
      name: z.string(),
      label: z.string(),
      min: z.number(),
      max: z.number(),
      /** 1 for whole numbers (NRS, items, PGIC), 0.1 for VAS mm. */
      step: z.number(),
      items: z.number().int().nullable(),
      loinc: z.string().nullable(),
      timePoints: z.array(z.enum(OUTCOME_TIME_POINTS)),
    }),
  ),
  pgicAnswers: z.array(z.object({ value: z.number().int(), label: z.string() })),
  followUps: z.array(z.object({ key: z.string(), label: z.string(), offsetDays: z.number().int(), toleranceDays: z.number().int() })),
  comparison: z.object({ instrument: z.string(), rule: z.string(), n: z.number().int(), sentence: z.string() }),
  categories: z.object({ minimalPercent: z.number(), moderatePercent: z.number(), substantialPercent: z.number() }),
  review: z.object({ minReductionPercent: z.number(), afterSessionSeq: z.number().int().nullable(), atEndOfSeries: z.boolean(), sentence: z.string() }),
  dispositions: z.array(z.object({ id: z.enum(DISPOSITIONS), label: z.string() })),
  sources: z.array(z.object({ id: z.enum(SCORE_SOURCES), label: z.string() })),
  /** Where the thresholds come from (IMMPACT, Farrar 2001, ...). */
  citations: z.record(z.string(), z.string()),
});
export type OutcomesReference = z.infer<typeof outcomesReferenceSchema>;
