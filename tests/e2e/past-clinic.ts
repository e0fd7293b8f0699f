/**
 * History for browser tests: what happened on days before the test ran (sessions given,
 * scores taken) cannot be made through the running app, whose clock is today. This opens a
 * second backend on the same clinic file with a clock the test moves, and writes through the
 * same API and rules, exactly as the clinic would have on those days.
 */
import { resolve } from 'node:path';
import { openBackend } from '../../src-main/backend/backend';
import { scriptStoreKey } from '../../scripts/lib/store-key';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';

export interface PastClinic {
  /** Move the clock (epoch ms). */
  at(instant: number): void;
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
}

export async function inThePast<T>(start: number, fn: (clinic: PastClinic) => Promise<T>): Promise<T> {
  const dataDir = process.env.E2E_DATA_DIR;
  if (!dataDir) throw new Error('E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  let now = start;
  const backend = openBackend({ dataDir, migrationsFolder: resolve(import.meta.dirname, '../../drizzle'), transport: 'http', inProcessAdmin: true, storeKey: scriptStoreKey(dataDir), now: () => now });
  try {
    return await fn({
      at(instant) {
        now = instant;
      },
      async call(method, input) {
        const r = await backend.invoke(method, input);
        if (!r.ok) throw new Error(`${method} was refused: ${r.error.message}`);
        return r.result as never;
      },
    });
  } finally {
    backend.close();
  }
}
