import type { z } from 'zod';
import { ApiError, type FieldIssue } from './errors';

/** zod issues → the API's field issues, with the first one's field as the headline. */
export function zodToApiError(error: z.ZodError, prefix: string[] = []): ApiError {
  const issues: FieldIssue[] = error.issues.map((i) => ({
    field: [...prefix, ...i.path.map(String)].join('.') || '(input)',
    message: friendlyMessage(i),
  }));
  const first = issues[0];
  const message = issues.length === 1 && first ? first.message : `Please correct ${issues.length} fields.`;
  return new ApiError('VALIDATION', message, { ...(first ? { field: first.field } : {}), issues });
}

function friendlyMessage(issue: z.core.$ZodIssue): string {
  // zod's own English for structural problems ("Invalid input: expected string, received
  // undefined") is for developers; the schemas give plain words where users can go wrong.
  if (issue.code === 'invalid_type' && /received undefined/.test(issue.message)) return 'This field is required.';
  return issue.message;
}

/** Parse with a schema, throwing the API's VALIDATION error. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, prefix: string[] = []): z.output<S> {
  const r = schema.safeParse(value);
  if (!r.success) throw zodToApiError(r.error, prefix);
  return r.data;
}
