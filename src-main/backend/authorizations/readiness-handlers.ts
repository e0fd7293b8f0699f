/** API handlers of prior authorization readiness and the waiting list (issue 11, part R). */
import type { PartialHandlers } from '../api/context';
import { readAuthorization } from './lifecycle';
import { readinessOut, requestReadiness } from './readiness';
import { waitingList } from './waiting-list';

export const authorizationReadinessHandlers: PartialHandlers = {
  'authorizations.readiness': ({ id }, ctx) => {
    const row = readAuthorization(ctx, id);
    return readinessOut(row, requestReadiness(ctx, row));
  },
  'authorizations.waitingList': (input, ctx) => waitingList(ctx, input),
};
