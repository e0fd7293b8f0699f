/**
 * Turns what the backend says went wrong into messages beside the inputs that caused them.
 * Anything that does not belong to a known input is shown once, at the top of the form.
 */
import { ApiError } from '../../../src-shared/api/errors';

export type FieldErrors = Record<string, string>;

export interface FormErrors {
  /** A message for the whole form (no field, or a field the form does not show). */
  general: string | null;
  fields: FieldErrors;
}

export const noErrors: FormErrors = { general: null, fields: {} };

export interface MapOptions {
  /** Input wrapper prefix to strip, e.g. `fields.` for patients.update. */
  stripPrefix?: string;
  /** Field names the form shows; issues on other fields become the general message. */
  known?: (field: string) => boolean;
}

export function errorText(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return `Something went wrong: ${err.message}`;
  return 'Something went wrong. Try again; if it happens again, tell the clinic administrator.';
}

export function toFormErrors(err: unknown, opts: MapOptions = {}): FormErrors {
  if (!(err instanceof ApiError)) return { general: errorText(err), fields: {} };
  const strip = (f: string) => (opts.stripPrefix && f.startsWith(opts.stripPrefix) ? f.slice(opts.stripPrefix.length) : f);
  const known = opts.known ?? (() => true);
  const fields: FieldErrors = {};
  const stray: string[] = [];
  const issues = err.issues?.length ? err.issues : err.field ? [{ field: err.field, message: err.message }] : [];
  for (const issue of issues) {
    const field = strip(issue.field);
    if (known(field)) {
      // The first message for a field is the one to fix first.
      if (!(field in fields)) fields[field] = issue.message;
    } else if (!stray.includes(issue.message)) {
      stray.push(issue.message);
    }
  }
  let general: string | null = null;
  if (Object.keys(fields).length === 0) general = stray.length ? stray.join(' ') : err.message;
  else if (stray.length) general = stray.join(' ');
  return { general, fields };
}
