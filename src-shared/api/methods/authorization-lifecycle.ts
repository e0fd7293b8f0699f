/**
 * Prior authorization lifecycle (issue 11, part P2): status steps with their history, the due
 * list (deadlines and expiry warnings) and the denial/turnaround reports.
 */
import { z } from 'zod';
import { method } from '../method';
import { idSchema } from '../schemas/common';
import { authorizationSchema } from '../schemas/series';
import { authorizationEventSchema, changeStatusInput } from '../schemas/authorization-lifecycle';

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
  /** Every recorded step, newest first: who, when, from/to, the payer's reference, note, what was recorded. */
  'authorizations.history': method({ input: z.object({ id: idSchema }), output: z.array(authorizationEventSchema), permission: 'schedule.read' }),
};
