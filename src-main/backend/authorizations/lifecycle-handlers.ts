/** API handlers of the authorization lifecycle: status steps and their history. */
import { ApiError } from '../../../src-shared/api/errors';
import type { AuthStatus } from '../../../src-shared/api/schemas/series';
import type { AuthorizationEvent } from '../../../src-shared/api/schemas/authorization-lifecycle';
import { AUTH_STATUS_WORDS } from '../../../src-shared/domain/authorizations/lifecycle';
import type { PartialHandlers } from '../api/context';
import { dueList } from './due-list';
import { authorizationReport, authorizationReportCsv } from './report';
import { authorizationHistory, changeAuthorizationStatus, readAuthorization } from './lifecycle';

export const authorizationLifecycleHandlers: PartialHandlers = {
  'authorizations.changeStatus': ({ id, to, expectedVersion, at, referenceNumber, note, patch, overrideReason }, ctx) =>
    changeAuthorizationStatus(ctx, id, { to, expectedVersion, at, referenceNumber, note, patch, overrideReason, source: 'person' }),

  'authorizations.history': ({ id }, ctx): AuthorizationEvent[] => {
    readAuthorization(ctx, id);
    return authorizationHistory(ctx, id).map((e) => {
      const to = e.toStatus as AuthStatus;
      const from = (e.fromStatus ?? null) as AuthStatus | null;
      if (!AUTH_STATUS_WORDS[to]) throw new ApiError('INTERNAL', 'A history row has a status this version does not know.');
      return {
        id: e.id,
        authorizationId: e.authorizationId,
        at: e.at,
        byUserId: e.byUserId,
        byName: e.byName,
        fromStatus: from,
        toStatus: to,
        referenceNumber: e.referenceNumber,
        note: e.note,
        details: e.details ?? null,
        text: filedText(e.details, to) ?? (from ? `${AUTH_STATUS_WORDS[to]} (was ${AUTH_STATUS_WORDS[from].toLowerCase()})` : AUTH_STATUS_WORDS[to]),
      };
    });
  },

  'authorizations.due': (input, ctx) => dueList(ctx, input),
  'authorizations.report': ({ from, to }, ctx) => authorizationReport(ctx, from, to),
  'authorizations.reportCsv': ({ from, to }, ctx) => authorizationReportCsv(ctx, from, to),
};

/** A filing step (recordFiledStep) in words: "Request package (14 pages) filed as a document · still Sent to payer". */
function filedText(details: Record<string, unknown> | null, status: AuthStatus): string | null {
  const what = details?.filed;
  return typeof what === 'string' ? `${what} filed as a document · still ${AUTH_STATUS_WORDS[status].toLowerCase()}` : null;
}
