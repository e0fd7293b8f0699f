import type { HandlerContext } from '../api/context';
import { insertRow } from '../db/mutate';
import { sessionHistory } from './schema';

/** One entry of a session's history: who, when (the row's createdAt), from, to, why. */
export function writeHistory(
  ctx: HandlerContext,
  sessionId: string,
  action: string,
  fromValue: Record<string, unknown> | null,
  toValue: Record<string, unknown> | null,
  reason: string | null,
): void {
  insertRow(ctx, sessionHistory, { sessionId, action, fromValue, toValue, reason, byUser: ctx.user.id });
}
