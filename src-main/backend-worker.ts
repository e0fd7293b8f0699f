/**
 * The backend's home inside the desktop app: a worker thread of the Electron main process,
 * so that synchronous SQLite work never freezes windows or menus.
 *
 * It opens the backend with the folders the main process chose, answers `invoke` messages
 * and forwards backend events. It must not import 'electron' (it also runs under plain Node
 * in tests). Never log inputs or results here: they carry patient data.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { InvokeResult } from '../src-shared/api/transport';
import { openBackend, type Backend } from './backend/backend';
import type { BackendWorkerData, MainToWorker, WorkerToMain } from './backend-protocol';

const INTERNAL_RESULT: InvokeResult = {
  ok: false,
  error: {
    code: 'INTERNAL',
    message: 'Something went wrong and nothing was saved. If it happens again, tell the clinic administrator.',
  },
};

function readWorkerData(data: unknown): BackendWorkerData {
  const d = (data ?? {}) as Partial<BackendWorkerData>;
  if (typeof d.dataDir !== 'string' || d.dataDir === '') throw new Error('No data folder was given to the backend.');
  if (typeof d.migrationsFolder !== 'string' || d.migrationsFolder === '') {
    throw new Error('No migrations folder was given to the backend.');
  }
  if (!(d.storeKey instanceof Uint8Array) || d.storeKey.byteLength !== 32) throw new Error('No database key was given to the backend.');
  return {
    dataDir: d.dataDir,
    migrationsFolder: d.migrationsFolder,
    storeKey: d.storeKey,
    ...(typeof d.nativeBinding === 'string' && d.nativeBinding ? { nativeBinding: d.nativeBinding } : {}),
  };
}

function run(): void {
  const port = parentPort;
  if (!port) throw new Error('backend-worker.js must run in a worker thread.');
  const send = (msg: WorkerToMain) => port.postMessage(msg);

  let backend: Backend;
  try {
    const { storeKey, ...opts } = readWorkerData(workerData);
    const key = Buffer.from(storeKey);
    storeKey.fill(0);
    backend = openBackend({ ...opts, storeKey: key, transport: 'ipc' });
  } catch (err) {
    // Opening errors (missing folder, failed migration, wrong native build, a key that does
    // not open the store: db/cipher.ts StoreKeyError) name files and migrations, never
    // patient data or the key; the main process shows this message to the user.
    send({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
    port.close();
    return;
  }

  const unsubscribe = backend.subscribe(({ topic, payload }) => {
    try {
      send({ type: 'event', topic, payload });
    } catch {
      send({ type: 'event', topic, payload: null });
    }
  });

  let closed = false;
  port.on('message', (msg: MainToWorker) => {
    if (msg.type === 'invoke') {
      if (closed) {
        send({ type: 'result', id: msg.id, result: INTERNAL_RESULT });
        return;
      }
      void backend
        .invoke(msg.method, msg.input, msg.session)
        .catch(() => INTERNAL_RESULT)
        .then((result) => {
          if (closed) return;
          try {
            send({ type: 'result', id: msg.id, result });
          } catch {
            // A result that cannot be cloned is a bug in a handler, not the caller's fault.
            send({ type: 'result', id: msg.id, result: INTERNAL_RESULT });
          }
        });
    } else if (msg.type === 'close') {
      if (closed) return;
      closed = true;
      unsubscribe();
      try {
        backend.close();
      } finally {
        send({ type: 'closed' });
        port.close();
      }
    }
  });

  send({ type: 'ready', methods: [...backend.methods] });
}

run();
