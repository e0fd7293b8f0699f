/**
 * authorizations.importClaimResponse: reads the payer's PAS ClaimResponse with the pure reader
 * (src-shared/domain/authorizations/pas-response.ts) and records its decision through
 * changeAuthorizationStatus, as an import (which can never move a request out of needs review).
 *
 * Idempotent: the canonical response's SHA-256 is kept in the history row's details
 * (pasResponseHash); a response whose hash is already on this request's history changes nothing.
 */
import { createHash } from 'node:crypto';
import { ApiError } from '../../../../src-shared/api/errors';
import type { ClaimResponseImport } from '../../../../src-shared/api/methods/authorization-pas';
import type { AuthStatus } from '../../../../src-shared/api/schemas/series';
import { AUTH_STATUS_WORDS } from '../../../../src-shared/domain/authorizations/lifecycle';
import { canonicalJson, readClaimResponse } from '../../../../src-shared/domain/authorizations/pas-response';
import { localDateAt } from '../../../../src-shared/domain/zoned-time';
import type { HandlerContext } from '../../api/context';
import { readScheduleSettings } from '../../scheduling/schedule-data';
import { changeAuthorizationStatus, readAuthorization } from '../lifecycle';
import { authorizationOut } from '../service';

const mmddyyyy = (d: string) => `${d.slice(5, 7)}/${d.slice(8, 10)}/${d.slice(0, 4)}`;

export function importClaimResponse(ctx: HandlerContext, authorizationId: string, json: string): ClaimResponseImport {
  const current = readAuthorization(ctx, authorizationId);
  const { timeZone } = readScheduleSettings(ctx.sqlite);
  const today = localDateAt(timeZone, ctx.now());
  const reading = readClaimResponse(
    json,
    { id: current.id, serviceLines: current.serviceLines, requestedSessions: current.requestedSessions, requestedStartDate: current.requestedStartDate, requestedEndDate: current.requestedEndDate },
    today,
    (ms) => localDateAt(timeZone, ms),
  );
  if (!reading.ok) throw new ApiError('VALIDATION', reading.message, { field: 'json' });

  const hash = createHash('sha256').update(canonicalJson(reading.claimResponse)).digest('hex');
  const seen = ctx.sqlite
    .prepare(`SELECT at FROM authorization_events WHERE authorization_id = ? AND deleted_at IS NULL AND json_extract(details, '$.pasResponseHash') = ? LIMIT 1`)
    .get(authorizationId, hash) as { at: number } | undefined;
  if (seen) {
    return {
      authorization: authorizationOut(ctx, current),
      changed: false,
      message: `This response was already imported on ${mmddyyyy(localDateAt(timeZone, seen.at))}. Nothing changed.`,
    };
  }

  const d = reading.decision;
  const words = AUTH_STATUS_WORDS[d.to as AuthStatus];
  if (current.status === d.to) {
    // The payer repeats what is recorded (e.g. still pended): there is no step to record.
    return { authorization: authorizationOut(ctx, current), changed: false, message: `The response says ${words.toLowerCase()}, which is already recorded. Nothing changed.` };
  }
  const authorization = changeAuthorizationStatus(ctx, authorizationId, {
    to: d.to,
    referenceNumber: d.referenceNumber,
    note: d.note.slice(0, 2000),
    details: { ...d.details, pasResponseHash: hash },
    patch: d.patch,
    source: 'import',
  });
  return { authorization, changed: true, message: `Recorded: ${words}. ${d.note}` };
}
