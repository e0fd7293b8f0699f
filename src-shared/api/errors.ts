/**
 * The one error shape that crosses the API boundary. The UI shows `message` as written,
 * next to the input named by `field` when there is one, so messages are plain words for
 * front-desk staff, never stack traces or SQL.
 */
export const API_ERROR_CODES = ['VALIDATION', 'NOT_FOUND', 'CONFLICT', 'FORBIDDEN', 'UNAUTHENTICATED', 'LOCKED', 'INTERNAL'] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the input field, e.g. `dateOfBirth` or `coverage.memberId`. */
  field: string;
  message: string;
}

export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
  /** The first field at fault, for a single error beside one input. */
  field?: string;
  /** Every field at fault, when validation found several. */
  issues?: FieldIssue[];
}

export class ApiError extends Error implements ApiErrorShape {
  readonly code: ApiErrorCode;
  readonly field?: string;
  readonly issues?: FieldIssue[];

  constructor(code: ApiErrorCode, message: string, opts: { field?: string; issues?: FieldIssue[] } = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    if (opts.field !== undefined) this.field = opts.field;
    if (opts.issues !== undefined) this.issues = opts.issues;
  }

  toJSON(): ApiErrorShape {
    const out: ApiErrorShape = { code: this.code, message: this.message };
    if (this.field !== undefined) out.field = this.field;
    if (this.issues !== undefined) out.issues = this.issues;
    return out;
  }

  static fromShape(shape: ApiErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, {
      ...(shape.field !== undefined ? { field: shape.field } : {}),
      ...(shape.issues !== undefined ? { issues: shape.issues } : {}),
    });
  }

  static validation(field: string, message: string): ApiError {
    return new ApiError('VALIDATION', message, { field, issues: [{ field, message }] });
  }

  static notFound(what: string): ApiError {
    return new ApiError('NOT_FOUND', `${what} was not found. It may have been removed on another device.`);
  }
}

export function isApiErrorShape(value: unknown): value is ApiErrorShape {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    (API_ERROR_CODES as readonly string[]).includes((value as { code: string }).code) &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
