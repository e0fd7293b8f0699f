/**
 * Prior authorization lifecycle (issue 11, part P2): status steps with their history, the due
 * list (deadlines and expiry warnings) and the denial/turnaround reports.
 */
import { z } from 'zod';
import { method } from '../method';
import { idSchema } from '../schemas/common';
import { authorizationSchema } from '../schemas/series';
import {
  authorizationEventSchema,
  authorizationReportSchema,
  changeStatusInput,
  dueListInput,
  duePageSchema,
  reportCsvOutput,
  reportInput,
} from '../schemas/authorization-lifecycle';

const write = { permission: 'schedule.write', changes: 'schedule.changed' } as const;

export const authorizationLifecycleMethods = {
  /**
   * Move an authorization one step along its lifecycle (draft → ready → submitted → pending →
   * approved / partially approved / denied → peer-to-peer → appealed → external review → closed
   * / expired; cancelled from open states). Each step needs its facts (submitted: route;
   * approved: number, sessions, dates; denied: date and reason; ...): a refusal names what is
   * missing and changes nothing. Deadlines are worked out again; the step joins the history.
   */
  'authorizations.changeStatus': method({ input: changeStatusInput, output: authorizationSchema, ...write }),
  /** Every recorded step, the latest recorded first: who, when it happened, from/to, the payer's reference, note, what was recorded, and its words. */
  'authorizations.history': method({ input: z.object({ id: idSchema }), output: z.array(authorizationEventSchema), permission: 'schedule.read' }),
  /**
   * What is due or overdue, soonest first, a page at a time: the payer's expected decision, the
   * peer-to-peer window, the appeal, the external review request, and the expiry warning (an
   * approval ending within 14 / 7 days, or the payer's figures, while sessions are booked after
   * it). Each row has `daysLeft` (negative = overdue) and its `text`. With `patientId`: one chart's.
   */
  'authorizations.due': method({ input: dueListInput, output: duePageSchema, permission: 'schedule.read' }),
  /**
   * Over a period (clinic-local, inclusive): each request's first decision in it, as the denial
   * rate by payer, the denials by reason/code and by policy cited, the days from submission to
   * decision by payer (median and 90th percentile), and the approvals ending in the period.
   */
  'authorizations.report': method({ input: reportInput, output: authorizationReportSchema, permission: 'schedule.read' }),
  /**
   * The period's decisions as CSV, one row per request (columns in AUTHORIZATION_REPORT_COLUMNS,
   * src-main/backend/authorizations/report.ts); patient name and MRN are filled only for a
   * caller whose role reads patients' charts (`withPatients` says which).
   */
  'authorizations.reportCsv': method({ input: reportInput, output: reportCsvOutput, permission: 'schedule.read' }),
};
