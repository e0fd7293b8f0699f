/**
 * Messages between the Electron main process and the backend worker thread
 * (src-main/backend-worker.ts). Plain data only: everything here is structured-cloned.
 * No Electron import: the worker and the tests load this file under plain Node.
 */
import type { EventTopic } from '../src-shared/api/contract';
import type { InvokeResult } from '../src-shared/api/transport';

/** What the main process hands the worker as `workerData`. */
export interface BackendWorkerData {
  /** Folder of the clinic database (`clinic.sqlite`). */
  dataDir: string;
  /** The `drizzle/` folder of SQL migrations. */
  migrationsFolder: string;
  /** better-sqlite3 built for Electron's ABI; absent under plain Node. */
  nativeBinding?: string;
  /** The store key (32 bytes), from the OS keychain (src-main/keychain-key.ts). */
  storeKey: Uint8Array;
}

export type MainToWorker =
  | { type: 'invoke'; id: number; method: string; input: unknown; session: string | null }
  /** Close the database and end the worker; answered by `closed`. */
  | { type: 'close' };

export type WorkerToMain =
  | { type: 'ready'; methods: string[] }
  | { type: 'result'; id: number; result: InvokeResult }
  | { type: 'event'; topic: EventTopic; payload: unknown }
  /** openBackend threw: `message` is shown to the user as written. */
  | { type: 'fatal'; message: string }
  | { type: 'closed' };
