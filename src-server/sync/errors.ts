import type { SyncErrorBody, SyncErrorCode } from '../../src-shared/sync/protocol';

/** A refusal the server answers with its HTTP status and plain-words message. */
export class SyncError extends Error {
  constructor(
    readonly status: number,
    readonly code: SyncErrorCode,
    message: string,
    readonly extra: Omit<SyncErrorBody['error'], 'code' | 'message'> = {},
  ) {
    super(message);
    this.name = 'SyncError';
  }

  toBody(): SyncErrorBody {
    return { error: { code: this.code, message: this.message, ...this.extra } };
  }
}
