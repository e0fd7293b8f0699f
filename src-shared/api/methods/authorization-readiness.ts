/**
 * Prior authorization readiness (issue 11, part R): what the payer's rule set asks for against
 * what the chart and the request hold, and the work list of patients whose series waits on an
 * authorization, with what holds each back.
 */
import { z } from 'zod';
import { method } from '../method';
import { idSchema } from '../schemas/common';
import { readinessSchema, waitingListInput, waitingPageSchema } from '../schemas/authorization-readiness';

export const authorizationReadinessMethods = {
  /**
   * One request checked against its payer's rule set (the clinic's copy, else the template,
   * flagged "confirm with the payer" until confirmed): every item met or missing, each with
   * where to fix it (a route of the app), and the summary ("not ready: failed sympathetic block
   * not recorded"). Marking the request ready is refused while it is not, unless a reason is given.
   */
  'authorizations.readiness': method({ input: z.object({ id: idSchema }), output: readinessSchema, permission: 'schedule.read' }),
  /**
   * Patients whose series waits on an authorization, a page at a time, from the first step to the
   * last: no request yet (with what the chart still lacks), request not ready (its first missing
   * items), ready to send, waiting on the payer, the payer's reply to review, denied (and what has
   * been done since), partly approved; the oldest first within each.
   */
  'authorizations.waitingList': method({ input: waitingListInput, output: waitingPageSchema, permission: 'schedule.read' }),
};
