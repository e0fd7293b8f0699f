/**
 * Document files between devices and the clinic server: content-addressed by SHA-256 (lower
 * case hex), uploaded in fixed-size chunks so an interrupted upload resumes, downloaded by
 * byte range so an interrupted download resumes. Shared by the server routes
 * (src-server/blobs/) and the device's file sync (src-main/backend/sync/files.ts).
 */

/** Every chunk but the last is exactly this long; the last holds the rest (at least 0 bytes). */
export const BLOB_CHUNK_BYTES = 1024 * 1024;

/** The largest file the server keeps. */
export const MAX_BLOB_BYTES = 50 * 1024 * 1024;

export const blobTooLargeMessage = (size: number) =>
  `This file is ${Math.ceil(size / (1024 * 1024))} MB; the clinic server keeps files up to ${MAX_BLOB_BYTES / (1024 * 1024)} MB, so it stays on the computer that has it.`;

export const BLOB_MISMATCH_MESSAGE =
  "The file that arrived does not match the document's fingerprint (it changed or was damaged on the way), so the server discarded it. The app sends it again.";

export const BLOB_NOT_FOUND_MESSAGE = 'The clinic server does not have this file yet. The computer that filed the document sends it the next time it syncs.';

/** Headers of the blob routes. */
export const BLOB_HEADERS = {
  /** PUT: the whole file's size. HEAD: the size the server expects. */
  size: 'x-blob-size',
  /** HEAD: "1" once the whole file arrived and its SHA-256 matched. */
  complete: 'x-blob-complete',
  /** HEAD: how many chunks the server holds. */
  chunks: 'x-blob-chunks',
  /** HEAD: the first chunk the server does not hold (resume from here). */
  nextChunk: 'x-blob-next-chunk',
  /** Any refusal: its code, readable on HEAD answers, which carry no body. */
  errorCode: 'x-error-code',
} as const;

export const SHA256_HEX = /^[0-9a-f]{64}$/;

/** How many hashes one `POST /v1/blobs/have` may ask about. */
export const MAX_HAVE_HASHES = 1000;

export function blobChunkCount(size: number): number {
  return Math.max(1, Math.ceil(size / BLOB_CHUNK_BYTES));
}

/** The length chunk `idx` of a file of `size` bytes must have. */
export function blobChunkLength(size: number, idx: number): number {
  const n = blobChunkCount(size);
  return idx < n - 1 ? BLOB_CHUNK_BYTES : size - BLOB_CHUNK_BYTES * (n - 1);
}

export interface BlobStatus {
  size: number;
  complete: boolean;
  /** Chunks the server holds. */
  chunks: number;
  /** First chunk the server does not hold; equals the chunk count when all are there. */
  nextChunk: number;
}
