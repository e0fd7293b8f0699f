/**
 * The main process's side of the backend worker: starts out/main/backend-worker.js in a
 * worker thread, matches invoke results to their callers, passes events on, and closes the
 * database before the app quits. No Electron import, so it can run under plain Node.
 *
 * Nothing here logs inputs or results: they carry patient data.
 */
import { Worker } from 'node:worker_threads';
import type { EventTopic } from '../src-shared/api/contract';
import type { InvokeResult } from '../src-shared/api/transport';
import type { BackendWorkerData, MainToWorker, WorkerToMain } from './backend-protocol';

export interface BackendHostOptions {
  workerFile: string;
  /**
   * What the worker starts with. A promise when part of it is only there once the app is
   * ready (the store key from the OS keychain): calls made meanwhile wait, and a rejection
   * is reported through onFatal with its message.
   */
  workerData: BackendWorkerData | Promise<BackendWorkerData>;
  onEvent(topic: EventTopic, payload: unknown): void;
  /** The backend could not start or stopped unexpectedly; `message` is for the user. */
  onFatal(message: string): void;
}

export interface BackendHost {
  invoke(method: string, input: unknown, session?: string | null): Promise<InvokeResult>;
  /** Resolves with the method names once the database is open. */
  readonly ready: Promise<readonly string[]>;
  /** Ask the worker to close the database, then end it (forcibly after `timeoutMs`). */
  close(timeoutMs?: number): Promise<void>;
  readonly closed: boolean;
}

const STOPPED: InvokeResult = {
  ok: false,
  error: {
    code: 'INTERNAL',
    message: 'The clinic database is not available right now, so nothing was saved. Restart the app to try again.',
  },
};

export function startBackendHost(opts: BackendHostOptions): BackendHost {
  let worker: Worker | null = null;
  /** Messages sent before the worker exists, in order. */
  const early: MainToWorker[] = [];
  const post = (msg: MainToWorker) => {
    if (worker) worker.postMessage(msg);
    else early.push(structuredClone(msg));
  };
  const pending = new Map<number, (result: InvokeResult) => void>();
  let nextId = 1;
  let state: 'starting' | 'ready' | 'closing' | 'stopped' = 'starting';
  let fatalReported = false;

  let resolveReady!: (methods: readonly string[]) => void;
  let rejectReady!: (err: Error) => void;
  const ready = new Promise<readonly string[]>((res, rej) => {
    resolveReady = res;
    rejectReady = rej;
  });
  // Nobody has to wait for `ready`; a failure is reported through onFatal.
  ready.catch(() => undefined);

  let resolveExited!: () => void;
  const exited = new Promise<void>((res) => {
    resolveExited = res;
  });

  const settleAll = () => {
    for (const resolve of pending.values()) resolve(STOPPED);
    pending.clear();
  };

  const fatal = (message: string) => {
    rejectReady(new Error(message));
    settleAll();
    if (!fatalReported && state !== 'closing') {
      fatalReported = true;
      opts.onFatal(message);
    }
  };

  const attach = (worker: Worker) => {
    worker.on('message', (msg: WorkerToMain) => {
      switch (msg.type) {
        case 'ready':
          state = 'ready';
          resolveReady(msg.methods);
          break;
        case 'result': {
          const resolve = pending.get(msg.id);
          pending.delete(msg.id);
          resolve?.(msg.result);
          break;
        }
        case 'event':
          opts.onEvent(msg.topic, msg.payload);
          break;
        case 'fatal':
          fatal(msg.message);
          break;
        case 'closed':
          break;
      }
    });

    worker.on('error', (err) => {
      // An uncaught exception in the worker. Its message may quote data, so log only where
      // in our code it happened (the stack frames), not the message line.
      const frames = (err.stack ?? '').split('\n').slice(1).join('\n');
      console.error(`[main] the backend worker failed (${err.name})\n${frames}`);
      fatal('The clinic database stopped unexpectedly. Restart Infusion Desk; your saved work is kept.');
    });

    worker.on('exit', (code) => {
      const wasClosing = state === 'closing';
      state = 'stopped';
      settleAll();
      if (!wasClosing && code !== 0) {
        fatal('The clinic database stopped unexpectedly. Restart Infusion Desk; your saved work is kept.');
      } else {
        rejectReady(new Error('The backend stopped.'));
      }
      resolveExited();
    });
  };

  void Promise.resolve(opts.workerData).then(
    (workerData) => {
      if (state === 'closing' || state === 'stopped') {
        state = 'stopped';
        resolveExited();
        return;
      }
      worker = new Worker(opts.workerFile, { workerData, name: 'infusion-desk-backend' });
      attach(worker);
      for (const msg of early.splice(0)) worker.postMessage(msg);
    },
    (err: unknown) => {
      // The worker could not be given what it needs (the keychain refused the key): the
      // message is for the person, as written.
      fatal(err instanceof Error ? err.message : String(err));
      state = 'stopped';
      settleAll();
      resolveExited();
    },
  );

  return {
    ready,
    get closed() {
      return state === 'stopped';
    },
    invoke(method, input, session = null) {
      if (state === 'closing' || state === 'stopped') return Promise.resolve(STOPPED);
      const id = nextId++;
      return new Promise<InvokeResult>((resolve) => {
        pending.set(id, resolve);
        try {
          post({ type: 'invoke', id, method, input, session } satisfies MainToWorker);
        } catch {
          pending.delete(id);
          resolve({
            ok: false,
            error: { code: 'VALIDATION', message: 'The request could not be read. Nothing was changed.' },
          });
        }
      });
    },
    async close(timeoutMs = 5000) {
      if (state === 'stopped') return;
      if (state !== 'closing') {
        state = 'closing';
        try {
          post({ type: 'close' } satisfies MainToWorker);
        } catch {
          /* the worker is already gone */
        }
      }
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((res) => {
        timer = setTimeout(() => res('timeout'), timeoutMs);
      });
      const outcome = await Promise.race([exited.then(() => 'exited' as const), timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') {
        console.error('[main] the backend did not close in time; stopping it');
        await worker?.terminate();
      }
      state = 'stopped';
    },
  };
}
