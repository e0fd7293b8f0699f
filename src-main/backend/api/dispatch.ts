/**
 * The backend's single entry point: check the method exists, find who is calling (the session
 * the window sent), check they are signed in, not locked out and allowed by their role,
 * validate the input against the contract, run the handler, validate the output, and turn
 * any failure into the API's error shape. Whatever the transport, calls come through here.
 */
import { contract, isMethodName, type MethodName } from '../../../src-shared/api/contract';
import { ApiError } from '../../../src-shared/api/errors';
import { roleAllows } from '../../../src-shared/api/permissions';
import type { InvokeResult } from '../../../src-shared/api/transport';
import { zodToApiError } from '../../../src-shared/api/validation';
import { NOBODY, type ActingUser, type HandlerContext, type HandlerTable } from './context';
import type { Sqlite } from '../db/open';
import { roleGrants, setupNeeded, userById } from '../users/accounts';
import type { Session, SessionStore } from '../users/sessions';
import { logError } from '../log';

/** A call that succeeded, for what follows it (the audit trail). */
export interface CompletedCall {
  method: MethodName;
  input: unknown;
  result: unknown;
  ctx: HandlerContext;
}

export interface DispatchOptions {
  sqlite: Sqlite;
  sessions: SessionStore;
  /**
   * Scripts and tests that hold the backend in their own process (seed, bench, vitest) act
   * as this user when they send no session. The window's transports (IPC, the web server)
   * never set it: a call from a window without a session is refused.
   */
  inProcessUser?: (() => ActingUser) | undefined;
  /** Runs after each successful call, inside no transaction; must not throw. */
  afterCall?: ((call: CompletedCall) => void) | undefined;
}

export type Invoke = (method: unknown, rawInput: unknown, sessionToken?: string | null) => Promise<InvokeResult>;

const refuse = (code: 'UNAUTHENTICATED' | 'LOCKED' | 'FORBIDDEN', message: string): InvokeResult => ({ ok: false, error: { code, message } });

export function makeDispatcher(
  handlers: HandlerTable,
  makeContext: (caller: { user: ActingUser; userId: string | null; session: Session | null }) => HandlerContext,
  opts: DispatchOptions,
): Invoke {
  return async function invoke(method, rawInput, sessionToken) {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'NOT_FOUND', message: `The app asked for an action it does not have (${String(method).slice(0, 60)}).` } };
    }
    const spec = contract[method];

    let session = opts.sessions.get(sessionToken);
    let user: ActingUser | null = null;
    if (session) {
      const rec = userById(opts.sqlite, session.userId);
      if (rec && !rec.disabled) user = { id: rec.id, displayName: rec.displayName, role: rec.role };
      else {
        // Disabled or removed (perhaps on another computer): the sign-in ends here too.
        opts.sessions.end(session.token);
        session = null;
      }
    } else if (!sessionToken && opts.inProcessUser) {
      user = opts.inProcessUser();
    }

    if (spec.permission !== 'public') {
      if (!user) {
        if (!(spec.beforeSetup && setupNeeded(opts.sqlite))) {
          return refuse(
            'UNAUTHENTICATED',
            sessionToken ? 'You were signed out (the app restarted or your account changed). Sign in again.' : 'Sign in to continue.',
          );
        }
      } else {
        if (session?.locked && !spec.whileLocked) return refuse('LOCKED', 'The screen is locked. Enter your password to go on.');
        if (spec.permission !== 'signedIn' && !roleAllows(user.role, spec.permission, roleGrants(opts.sqlite))) {
          return refuse('FORBIDDEN', 'Your role does not allow this. Ask the clinic administrator.');
        }
      }
    }

    // Input is read only for callers allowed to make the call: a refused caller learns nothing
    // about what a valid request would look like.
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: zodToApiError(parsed.error).toJSON() };
    const ctx = makeContext({ user: user ?? NOBODY, userId: user?.id ?? null, session });
    try {
      const handler = handlers[method] as (input: unknown, ctx: HandlerContext) => unknown;
      const result = await handler(parsed.data, ctx);
      const out = spec.output.safeParse(result);
      if (!out.success) {
        logError(`output of ${method} does not match the contract`, out.error.issues.map((i) => i.path.join('.')));
        return { ok: false, error: { code: 'INTERNAL', message: 'The app produced an unexpected answer. Nothing was changed by viewing it.' } };
      }
      if (spec.changes) ctx.emit(spec.changes, { method });
      if (opts.afterCall) {
        try {
          opts.afterCall({ method, input: parsed.data, result: out.data, ctx });
        } catch (err) {
          logError(`after ${method}`, err instanceof Error ? err.name : typeof err);
        }
      }
      return { ok: true, result: out.data };
    } catch (err) {
      return { ok: false, error: toApiError(method, err).toJSON() };
    }
  };
}

function toApiError(method: MethodName, err: unknown): ApiError {
  if (err instanceof ApiError) return err;
  const code = (err as { code?: unknown })?.code;
  if (typeof code === 'string' && code.startsWith('SQLITE_CONSTRAINT')) {
    // Constraint names and values can carry patient data: log the code only.
    logError(`constraint failed in ${method}`, code);
    return new ApiError('CONFLICT', 'This conflicts with a record that already exists. Nothing was saved.');
  }
  if (code === 'SQLITE_BUSY') {
    return new ApiError('CONFLICT', 'The database is busy with another task. Try again in a moment; nothing was saved.');
  }
  logError(`handler ${method} failed`, err instanceof Error ? `${err.name}: ${err.stack ?? ''}` : typeof err);
  return new ApiError('INTERNAL', 'Something went wrong and nothing was saved. If it happens again, tell the clinic administrator.');
}
