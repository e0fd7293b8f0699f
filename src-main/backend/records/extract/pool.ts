/**
 * A small pool of extraction worker threads (one or two: OCR is CPU-bound and the clinic PC
 * has few cores). Jobs wait in order; each has a time limit, after which its worker is
 * stopped (the only way to stop pdf.js or OCR mid-page) and a fresh one takes the next job. A
 * worker that dies (out of memory on a hostile file) fails only its own job. Idle workers are
 * ended after a while so the OCR engine's memory is given back.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { failureText, type ExtractLimits } from '../rules/failures';
import type { FileKind } from '../rules/file-kind';
import type { ExtractOutcome, FromWorker, ToWorker } from './protocol';

export interface PoolOptions {
  /** Worker threads at most (default 1). */
  size?: number;
  /** End a worker after this long without work (default 60 s). */
  idleMs?: number;
  /** Heap limit per worker, MB (the OCR engine's WebAssembly memory is outside it). */
  maxHeapMb?: number;
}

interface Pending {
  id: number;
  file: string;
  kind: FileKind;
  limits: ExtractLimits;
  key: Uint8Array | null;
  resolve(outcome: ExtractOutcome): void;
}

interface Slot {
  worker: Worker;
  job: Pending | null;
  timer: NodeJS.Timeout | null;
  idleTimer: NodeJS.Timeout | null;
}

const BUNDLED_WORKER = 'records-extract-worker.js';
// Kept in a variable so bundlers do not treat it as an asset to copy.
const SOURCE_BOOTSTRAP = './worker-bootstrap.mjs';

/** The worker script: the bundled one beside the built main (the app), else the source via tsx. */
export function extractWorkerEntry(): string | URL {
  const here = dirname(fileURLToPath(import.meta.url));
  for (const dir of [here, dirname(here)]) {
    const bundled = join(dir, BUNDLED_WORKER);
    if (existsSync(bundled)) return bundled;
  }
  return new URL(SOURCE_BOOTSTRAP, import.meta.url);
}

const LOADER_FLAGS = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader']);
const isTsx = (spec: string) => spec === 'tsx' || spec.startsWith('tsx/') || /[\\/]tsx[\\/]/.test(spec);

/**
 * Node options for a worker started from source: the parent's, less tsx's loader flags
 * (`node --import tsx`, or the --require/--import pair the tsx command adds). A worker inherits
 * its parent's options, so tsx was loaded in it before worker-bootstrap.mjs ran: pdf.js went
 * through tsx after all and the thread carried tsx twice, since the bootstrap registers it
 * itself. Measured 2026-12-06 (a worker reaching 'ready' from a `node --import tsx` parent):
 * +124-132 MB of RSS inherited, +77-80 MB without.
 */
export function withoutTsxLoader(execArgv: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < execArgv.length; i++) {
    const arg = execArgv[i]!;
    const eq = arg.indexOf('=');
    const flag = eq > 0 ? arg.slice(0, eq) : arg;
    if (!LOADER_FLAGS.has(flag)) {
      out.push(arg);
      continue;
    }
    const spec = eq > 0 ? arg.slice(eq + 1) : execArgv[i + 1];
    const skip = spec !== undefined && isTsx(spec);
    if (!skip) out.push(arg);
    if (eq < 0) {
      if (!skip && spec !== undefined) out.push(spec);
      i++;
    }
  }
  return out;
}

export class ExtractPool {
  private readonly size: number;
  private readonly idleMs: number;
  private readonly maxHeapMb: number;
  private readonly slots: Slot[] = [];
  private readonly waiting: Pending[] = [];
  private nextId = 1;
  private closed = false;

  constructor(opts: PoolOptions = {}) {
    this.size = Math.max(1, Math.min(4, opts.size ?? 1));
    this.idleMs = opts.idleMs ?? 60_000;
    this.maxHeapMb = opts.maxHeapMb ?? 1024;
  }

  /** Jobs waiting for a worker plus jobs being read. */
  get load(): number {
    return this.waiting.length + this.slots.filter((s) => s.job).length;
  }

  get capacity(): number {
    return this.size;
  }

  /** Read one file; `key` opens it when it is sealed (security/data-files.ts). */
  run(file: string, kind: FileKind, limits: ExtractLimits, key: Uint8Array | null = null): Promise<ExtractOutcome> {
    if (this.closed) return Promise.resolve({ ok: false, code: 'crashed', message: 'The app is closing; the file will be read when it starts again.' });
    return new Promise((resolve) => {
      this.waiting.push({ id: this.nextId++, file, kind, limits, key, resolve });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (!this.closed && this.waiting.length > 0) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot && this.slots.length < this.size) slot = this.spawn();
      if (!slot) return;
      this.assign(slot, this.waiting.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = this.startWorker();
    const slot: Slot = { worker, job: null, timer: null, idleTimer: null };
    worker.on('message', (msg: FromWorker) => {
      if (msg.type === 'done' && slot.job?.id === msg.id) this.finish(slot, msg.outcome, false);
    });
    // Any exit while a job runs fails that job only; the slot is then replaced.
    const onExit = () => {
      if (!this.slots.includes(slot)) return;
      this.finish(slot, { ok: false, code: 'crashed', message: failureText.crashed() }, true);
    };
    worker.on('error', onExit);
    worker.on('exit', onExit);
    this.slots.push(slot);
    return slot;
  }

  private startWorker(): Worker {
    const entry = extractWorkerEntry();
    const options = { name: 'records-extract', resourceLimits: { maxOldGenerationSizeMb: this.maxHeapMb } };
    if (!(entry instanceof URL)) return new Worker(entry, options);
    try {
      return new Worker(entry, { ...options, execArgv: withoutTsxLoader(process.execArgv) });
    } catch (err) {
      // Options given outright are checked, and per-process ones (--max-old-space-size) refused,
      // where inherited ones are just ignored: then inherit them, tsx and all.
      if ((err as NodeJS.ErrnoException).code !== 'ERR_WORKER_INVALID_EXEC_ARGV') throw err;
      return new Worker(entry, options);
    }
  }

  private assign(slot: Slot, job: Pending): void {
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    slot.idleTimer = null;
    slot.job = job;
    slot.timer = setTimeout(() => {
      this.finish(slot, { ok: false, code: 'timeout', message: failureText.timeout(job.limits.timeoutMs) }, true);
    }, job.limits.timeoutMs);
    slot.worker.postMessage({ type: 'job', job: { id: job.id, file: job.file, kind: job.kind, limits: job.limits, key: job.key } } satisfies ToWorker);
  }

  private finish(slot: Slot, outcome: ExtractOutcome, discardWorker: boolean): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const job = slot.job;
    slot.job = null;
    if (discardWorker) this.discard(slot);
    else if (!this.closed) {
      slot.idleTimer = setTimeout(() => {
        if (!slot.job) this.discard(slot);
      }, this.idleMs);
    }
    job?.resolve(outcome);
    this.dispatch();
  }

  private discard(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (slot.idleTimer) clearTimeout(slot.idleTimer);
    if (slot.timer) clearTimeout(slot.timer);
    slot.worker.removeAllListeners('message');
    void slot.worker.terminate();
  }

  /** Stop every worker; waiting and running jobs resolve as not read (they stay queued in the store). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const closing: Promise<number>[] = [];
    for (const slot of this.slots.splice(0)) {
      if (slot.timer) clearTimeout(slot.timer);
      if (slot.idleTimer) clearTimeout(slot.idleTimer);
      slot.worker.removeAllListeners();
      closing.push(slot.worker.terminate());
      slot.job?.resolve({ ok: false, code: 'crashed', message: 'The app closed while the file was being read.' });
    }
    for (const p of this.waiting.splice(0)) p.resolve({ ok: false, code: 'crashed', message: 'The app closed before the file was read.' });
    await Promise.allSettled(closing);
  }
}
