/**
 * The backend's single entry point: check the method exists, validate the input against
 * the contract, check the permission, run the handler, validate the output, and turn any
 * failure into the API's error shape. Whatever the transport, calls come through here.
 */
import { contract, isMethodName, type MethodName } from '../../../src-shared/api/contract';
import { ApiError } from '../../../src-shared/api/errors';
import { roleAllows } from '../../../src-shared/api/permissions';
import type { InvokeResult } from '../../../src-shared/api/transport';
import { zodToApiError } from '../../../src-shared/api/validation';
import type { HandlerContext, HandlerTable } from './context';
import { logError } from '../log';

export function makeDispatcher(handlers: HandlerTable, makeContext: () => HandlerContext) {
  return async function invoke(method: unknown, rawInput: unknown): Promise<InvokeResult> {
    if (!isMethodName(method)) {
      return { ok: false, error: { code: 'NOT_FOUND', message: `The app asked for an action it does not have (${String(method).slice(0, 60)}).` } };
    }
    const spec = contract[method];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return { ok: false, error: zodToApiError(parsed.error).toJSON() };
    const ctx = makeContext();
    if (!roleAllows(ctx.user.role, spec.permission)) {
      return {
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Your role does not allow this. Ask the clinic administrator.' },
      };
    }
    try {
      const handler = handlers[method] as (input: unknown, ctx: HandlerContext) => unknown;
      const result = await handler(parsed.data, ctx);
      const out = spec.output.safeParse(result);
      if (!out.success) {
        logError(`output of ${method} does not match the contract`, out.error.issues.map((i) => i.path.join('.')));
        return { ok: false, error: { code: 'INTERNAL', message: 'The app produced an unexpected answer. Nothing was changed by viewing it.' } };
      }
      if (spec.changes) ctx.emit(spec.changes, { method });
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
