/** Infusion series methods: templates, suite closures, prior authorizations. */
import { z } from 'zod';
import { expectedVersion, method } from '../method';
import { idSchema } from '../schemas/common';
import {
  addClosureInput,
  addClosureOutput,
  authorizationPageSchema,
  authorizationSchema,
  cancelSeriesInput,
  closureSchema,
  seriesSchema,
  conflictSchema,
  dayListInput,
  daySuiteSchema,
  conflictsInput,
  historyEntrySchema,
  sessionSchema,
  setStatusInput,
  undoStatusInput,
  updateChecklistInput,
  createAuthorizationInput,
  listAuthorizationsInput,
  listClosuresInput,
  seriesTemplateSchema,
  setShiftsInput,
  staffShiftsSchema,
  templateFields,
  templateUpdateInput,
  updateAuthorizationInput,
} from '../schemas/series';

import { bookSeriesInput, bookSeriesOutput, proposeSeriesInput, proposeSeriesOutput } from '../schemas/series-booking';

const write = { permission: 'schedule.write', changes: 'schedule.changed' } as const;
/** The day of infusion (arrival, status steps, checklist): nurses do this without booking rights. */
const dayOf = { permission: 'sessions.dayof', changes: 'schedule.changed' } as const;

export const seriesMethods = {
  /** A complete series that fits every constraint, with alternatives, or why none fits. */
  'series.propose': method({ input: proposeSeriesInput, output: proposeSeriesOutput, permission: 'schedule.read' }),
  /** Book all sessions of a series in one transaction after re-checking each, or none. */
  'series.book': method({ input: bookSeriesInput, output: bookSeriesOutput, ...write }),
  /** Series templates (defaults inserted on first use), active first, by name. */
  'series.templates.list': method({ input: z.object({}), output: z.array(seriesTemplateSchema), permission: 'schedule.read' }),
  'series.templates.create': method({ input: templateFields, output: seriesTemplateSchema, ...write }),
  'series.templates.update': method({ input: templateUpdateInput, output: seriesTemplateSchema, ...write }),
  /** Infusion-floor shifts of every supervising staff member (or one). */
  'shifts.list': method({
    input: z.object({ staffId: idSchema.optional() }),
    output: z.array(staffShiftsSchema),
    permission: 'schedule.read',
  }),
  /** Replace one staff member's weekly shifts with the list sent (an empty list clears them). */
  'shifts.setWeekly': method({ input: setShiftsInput, output: staffShiftsSchema, ...write }),
  /** Suite closures (suiteId null = every suite) overlapping [from, to), or still to come. */
  'closures.list': method({ input: listClosuresInput, output: z.array(closureSchema), permission: 'schedule.read' }),
  'closures.add': method({ input: addClosureInput, output: addClosureOutput, ...write }),
  'closures.remove': method({ input: z.object({ id: idSchema, expectedVersion }), output: z.object({ id: idSchema }), ...write }),
  /** One clinic-local day: every active suite with its sessions (patient, "3 of 6", phases, status). */
  'sessions.listByDay': method({ input: dayListInput, output: z.array(daySuiteSchema), permission: 'schedule.read' }),
  /** Live sessions that collide (e.g. booked on two devices offline), for a person to resolve. */
  'sessions.conflicts': method({ input: conflictsInput, output: z.array(conflictSchema), permission: 'schedule.read' }),
  /**
   * scheduled → arrived → iv_placed → infusing → recovery → discharged (no_show / cancelled from scheduled or arrived).
   * Each step's time (now unless `at` says when) may not precede the step before it nor be in the
   * future; the infusion ends after it began; discharge keeps the recovery minimum unless
   * `earlyReason` is given, and needs the driver's name and phone.
   */
  'sessions.setStatus': method({ input: setStatusInput, output: sessionSchema, ...dayOf }),
  /** Undo the last step (back one along the flow) with a required reason, kept in the history. */
  'sessions.undoStatus': method({ input: undoStatusInput, output: sessionSchema, ...dayOf }),
  /** Tick (or override with a reason) one pre-session checklist item; IV placement needs all four. */
  'sessions.updateChecklist': method({ input: updateChecklistInput, output: sessionSchema, ...dayOf }),
  /** Every change to a session, oldest first. */
  'sessions.history': method({ input: z.object({ sessionId: idSchema }), output: z.array(historyEntrySchema), permission: 'schedule.read' }),
  /** A series with its sessions (suite, supervisor, phases, status) and its authorization coverage. */
  'series.get': method({ input: z.object({ seriesId: idSchema }), output: seriesSchema, permission: 'schedule.read' }),
  'series.listForPatient': method({ input: z.object({ patientId: idSchema }), output: z.array(seriesSchema), permission: 'schedule.read' }),
  /** The authorization gate: planned → active only when covered (approved auth for every date and the count) or self-pay. */
  'series.confirm': method({ input: z.object({ seriesId: idSchema, expectedVersion }), output: seriesSchema, ...write }),
  /** Cancel the series and its sessions still to come, with a history row for each. */
  'series.cancel': method({ input: cancelSeriesInput, output: seriesSchema, ...write }),
  /** A patient's authorizations with the sessions given and booked under each (counted from the sessions). */
  'authorizations.listForPatient': method({
    input: z.object({ patientId: idSchema }),
    output: z.array(authorizationSchema),
    permission: 'schedule.read',
  }),
  /** Authorizations of every patient (status, end date before / from a date), soonest end first, with patient and payer names, a page at a time. */
  'authorizations.list': method({
    input: listAuthorizationsInput,
    output: authorizationPageSchema,
    permission: 'schedule.read',
  }),
  'authorizations.create': method({ input: createAuthorizationInput, output: authorizationSchema, ...write }),
  'authorizations.update': method({ input: updateAuthorizationInput, output: authorizationSchema, ...write }),
};
