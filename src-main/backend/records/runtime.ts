/**
 * The records pipeline while the backend runs: one watcher per enabled folder, the queue of
 * whole files to take in (one at a time, so memory stays bounded), the extraction pool, a
 * periodic full rescan, and progress pushed as 'records.changed'.
 *
 * The queue is the store itself: records with status 'queued' are read oldest first, so a
 * restart (or a crash mid-file) picks up where it stopped. It lives in the backend's thread
 * (a worker thread under Electron, the process under `npm run web` and tests) and stops with
 * the backend: close() ends the watchers and the extraction workers.
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import type { EventTopic } from '../../../src-shared/api/contract';
import type { RecordsProgress } from '../../../src-shared/api/schemas/records';
import type { WriteContext } from '../db/mutate';
import type { Sqlite } from '../db/open';
import { logError } from '../log';
import { dataFilesFor } from '../security/data-files';
import { ExtractPool } from './extract/pool';
import { applyOutcome } from './indexing';
import { ingestFile, kindOfRecord, markMissing, recordUnreadable, type IngestContext } from './ingest';
import { DEFAULT_LIMITS, type ExtractLimits } from './rules/failures';
import type { FileObservation } from './rules/stability';
import { recordFiles, watchedFolders } from './schema';
import { typeRules } from './type-rules-file';
import { FolderWatcher, folderProblem, type FolderSpec } from './watcher';

export interface RecordsOptions {
  limits?: Partial<ExtractLimits>;
  /**
   * Extraction worker threads (default: one per core but one, at least 1 and at most 4; see
   * defaultPoolSize).
   * Each keeps one OCR engine for as long as it lives, reads one file at a time and one page at
   * a time, so at most this many page images are in flight. Memory is the price: each more
   * worker with its engine adds about 115 MB while reading scans (the pool alone, 60 text PDFs
   * + 6 scans, 2026-12-06: peak 248-257 MB over the process's start with 1 worker, 363-374 MB
   * with 2; 385-390 and 660-704 MB while tesseract.js ran its own thread per worker). Pass 1
   * where memory matters more than OCR speed.
   */
  poolSize?: number;
  /** Full walk of every folder this often (default 10 minutes). */
  rescanIntervalMs?: number;
  /** Shortest gap between two progress events (default 250 ms). */
  progressThrottleMs?: number;
  /** Opens a settled file to prove it can be read (tests: an open that fails, as root can open anything). */
  tryOpen?: (path: string) => void;
}

interface FolderState {
  watcher: FolderWatcher;
  problem: string | null;
}

const registry = new WeakMap<Sqlite, RecordsRuntime>();

/**
 * One extraction worker (and OCR engine) per core but one: OCR keeps a core busy per page, and
 * the core left is the desk's (the backend answering the screens, the window drawing). On the
 * clinics' 2-core PCs that is one worker, which keeps indexing within 600 MB (545 MB measured
 * against 858-868 MB with two) and the screens answering while a folder of scans is read.
 */
export function defaultPoolSize(cores = availableParallelism()): number {
  return Math.max(1, Math.min(4, cores - 1));
}

/**
 * The runtime of the backend that owns this connection. Handlers get the connection in their
 * context, so this finds the pipeline without any process-wide state.
 */
export function runtimeFor(sqlite: Sqlite): RecordsRuntime | undefined {
  return registry.get(sqlite);
}

export class RecordsRuntime {
  readonly limits: ExtractLimits;
  private readonly folders = new Map<string, FolderState>();
  private readonly pool: ExtractPool;
  /** `unreadable`: the watcher could not open it (its error code): list it as unreadable, do not read it. */
  private readonly ingestQueue: { folderId: string | null; path: string; obs: FileObservation; unreadable?: string }[] = [];
  /** Paths in the ingest queue or being taken in: the same path is never queued twice. */
  private readonly ingesting = new Set<string>();
  /** Paths that became whole again while being taken in: looked at once more afterwards. */
  private readonly again = new Map<string, { folderId: string | null; obs: FileObservation }>();
  private ingestRunning = false;
  private extracting = 0;
  private rescanTimer: NodeJS.Timeout | null = null;
  private progressTimer: NodeJS.Timeout | null = null;
  private lastProgressAt = 0;
  private closed = false;
  private started = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly w: WriteContext,
    private readonly dataDir: string,
    private readonly emit: (topic: EventTopic, payload: unknown) => void,
    private readonly opts: RecordsOptions = {},
  ) {
    this.limits = { ...DEFAULT_LIMITS, ...opts.limits };
    this.pool = new ExtractPool({ size: opts.poolSize ?? defaultPoolSize() });
    registry.set(w.sqlite, this);
  }

  get isStarted(): boolean {
    return this.started;
  }

  /** Start when there is something to do: folders to watch, or files left queued last time. */
  startIfConfigured(): void {
    const folders = this.w.sqlite.prepare(`SELECT count(*) AS n FROM watched_folders WHERE enabled = 1`).get() as { n: number };
    const queued = this.w.sqlite.prepare(`SELECT count(*) AS n FROM record_files WHERE status IN ('queued', 'extracting')`).get() as { n: number };
    if (folders.n > 0 || queued.n > 0) this.start();
  }

  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    // Files being read when the app last stopped are read again.
    this.w.sqlite.prepare(`UPDATE record_files SET status = 'queued' WHERE status = 'extracting'`).run();
    for (const f of this.w.db.select().from(watchedFolders).all()) if (f.enabled) this.watchFolder(f);
    const every = this.opts.rescanIntervalMs ?? 10 * 60_000;
    this.rescanTimer = setInterval(() => void this.rescanAll(), every);
    this.pump();
  }

  /** Start, stop or restart the watcher of one folder after it was added, changed or removed. */
  refreshFolder(id: string): void {
    if (this.closed) return;
    const existing = this.folders.get(id);
    if (existing) {
      this.folders.delete(id);
      void existing.watcher.stop();
    }
    const row = this.w.db.select().from(watchedFolders).where(eq(watchedFolders.id, id)).get();
    if (!this.started) {
      if (row?.enabled) this.start();
      return;
    }
    if (row?.enabled) this.watchFolder(row);
    this.scheduleProgress();
  }

  folderState(id: string): { watching: boolean; problem: string | null } {
    const s = this.folders.get(id);
    return { watching: Boolean(s) && !s!.problem, problem: s?.problem ?? null };
  }

  private watchFolder(f: typeof watchedFolders.$inferSelect): void {
    const spec: FolderSpec = { id: f.id, path: f.path, polling: f.polling, pollIntervalMs: f.pollIntervalMs, stabilityMs: f.stabilityMs };
    const state: FolderState = { watcher: null as unknown as FolderWatcher, problem: null };
    state.watcher = new FolderWatcher(
      spec,
      {
        onStable: (path, obs) => this.enqueueIngest(f.id, path, obs),
        onUnreadable: (path, obs, code) => this.enqueueIngest(f.id, path, obs, code),
        onGone: (path, dir) => this.gone(state, path, dir),
        onProblem: (message) => {
          if (state.problem === message) return;
          const recovered = state.problem !== null && message === null;
          state.problem = message;
          this.scheduleProgress();
          // The folder is back (a share reconnected): change events need a fresh watcher.
          if (recovered && this.folders.get(f.id) === state) this.refreshFolder(f.id);
        },
        onWaitingChange: () => this.scheduleProgress(),
      },
      this.w.now,
      ...(this.opts.tryOpen ? [this.opts.tryOpen] : []),
    );
    this.folders.set(f.id, state);
    void state.watcher.start().then(() => {
      // Records whose files vanished while the app was closed are found by the first walk.
      if (!this.closed && this.folders.get(f.id) === state) void this.rescanFolder(f.id);
    });
  }

  private gone(state: FolderState, path: string, dir: boolean): void {
    if (this.closed || state.problem) return;
    // A network share that dropped looks like every file deleted: only files whose folder is
    // still there are missing; otherwise the folder has a problem and the records wait.
    if (!existsSync(state.watcher.spec.path)) {
      state.problem = folderProblem(Object.assign(new Error('gone'), { code: 'ENOENT' }));
      this.scheduleProgress();
      return;
    }
    if (markMissing(this.w, path, dir) > 0) this.scheduleProgress();
  }

  /** Walk one folder (or all): new and changed files are tracked, vanished ones marked missing. */
  async rescanFolder(id: string): Promise<void> {
    const state = this.folders.get(id);
    if (!state || this.closed) return;
    const knownStmt = this.w.sqlite.prepare(`SELECT size_bytes AS size, mtime_ms AS mtimeMs FROM record_files WHERE path = ? AND status != 'missing' ORDER BY created_at DESC LIMIT 1`);
    const found = await state.watcher.rescan((path) => knownStmt.get(path) as FileObservation | undefined);
    if (!found || this.closed) return;
    const rows = this.w.sqlite
      .prepare(`SELECT path FROM record_files WHERE folder_id = ? AND status != 'missing'`)
      .all(id) as { path: string }[];
    let changed = 0;
    for (const r of rows) if (!found.has(r.path)) changed += markMissing(this.w, r.path, false);
    if (changed) this.scheduleProgress();
  }

  async rescanAll(): Promise<void> {
    for (const id of [...this.folders.keys()]) await this.rescanFolder(id);
  }

  private enqueueIngest(folderId: string | null, path: string, obs: FileObservation, unreadable?: string): void {
    if (this.closed) return;
    if (this.ingesting.has(path)) {
      this.again.set(path, { folderId, obs });
      return;
    }
    this.ingesting.add(path);
    this.ingestQueue.push({ folderId, path, obs, ...(unreadable ? { unreadable } : {}) });
    this.scheduleProgress();
    void this.runIngest();
  }

  private async runIngest(): Promise<void> {
    if (this.ingestRunning) return;
    this.ingestRunning = true;
    const ic: IngestContext = { w: this.w, dataDir: this.dataDir, limits: this.limits };
    try {
      while (!this.closed && this.ingestQueue.length > 0) {
        const job = this.ingestQueue.shift()!;
        let result: Awaited<ReturnType<typeof ingestFile>> = 'failed';
        try {
          result = job.unreadable
            ? recordUnreadable(ic, job.folderId, job.path, job.obs, job.unreadable)
            : await ingestFile(ic, job.folderId, job.path, job.obs);
        } catch (err) {
          if (this.closed) return;
          logError('a record could not be taken in', err instanceof Error ? err.name : typeof err);
        }
        if (this.closed) return;
        this.ingesting.delete(job.path);
        const again = this.again.get(job.path);
        this.again.delete(job.path);
        if (result === 'retry' || again) {
          // It changed while being read: back to the stability check.
          const folder = job.folderId ? this.folders.get(job.folderId) : undefined;
          folder?.watcher.track(job.path);
        }
        if (result === 'gone') markMissing(this.w, job.path, false);
        this.scheduleProgress();
        this.pump();
      }
    } finally {
      this.ingestRunning = false;
      this.settleIdle();
    }
  }

  /** Hand queued records to the extraction pool while it has room. */
  private pump(): void {
    if (this.closed || !this.started) return;
    while (this.extracting < this.pool.capacity) {
      const next = this.w.sqlite
        .prepare(`SELECT id FROM record_files WHERE status = 'queued' AND stored_path IS NOT NULL ORDER BY created_at, id LIMIT 1`)
        .get() as { id: string } | undefined;
      if (!next) break;
      this.extract(next.id);
    }
    this.settleIdle();
  }

  private extract(id: string): void {
    const r = this.w.db.select().from(recordFiles).where(eq(recordFiles.id, id)).get();
    if (!r?.storedPath) return;
    this.w.sqlite.prepare(`UPDATE record_files SET status = 'extracting', updated_at = ? WHERE id = ?`).run(this.w.now(), id);
    this.extracting++;
    this.scheduleProgress();
    // The worker reads the app's copy with the data-files key (sealed when the store is encrypted).
    const key = dataFilesFor(this.w.sqlite).workerKey();
    void this.pool.run(join(this.dataDir, r.storedPath), kindOfRecord(r), this.limits, key).then((outcome) => {
      this.extracting--;
      if (this.closed) return;
      try {
        applyOutcome(this.w, id, outcome, typeRules().compiled);
      } catch (err) {
        // The stack's frames only: its first line is the message, which may hold a file path
        // (and scanned files are often named after the patient).
        logError('a record could not be indexed', err instanceof Error ? `${err.name}\n${(err.stack ?? '').split('\n').slice(1).join('\n')}` : typeof err);
        this.w.sqlite
          .prepare(`UPDATE record_files SET status = 'failed', failure_code = 'crashed', failure_reason = ? WHERE id = ?`)
          .run('The text was read but could not be saved. Try again; if it happens again, tell the administrator.', id);
      }
      this.scheduleProgress();
      this.pump();
    });
  }

  /** Read a record again (retry after a failure). */
  requeue(id: string): void {
    this.w.sqlite
      .prepare(`UPDATE record_files SET status = 'queued', failure_code = NULL, failure_reason = NULL, version = version + 1, updated_at = ? WHERE id = ?`)
      .run(this.w.now(), id);
    if (!this.started) this.start();
    this.pump();
  }

  progress(): RecordsProgress {
    const counts = Object.fromEntries(
      (this.w.sqlite.prepare(`SELECT status, count(*) AS n FROM record_files GROUP BY status`).all() as { status: string; n: number }[]).map((r) => [r.status, r.n]),
    ) as Record<string, number>;
    const waiting = [...this.folders.values()].reduce((n, f) => n + f.watcher.waiting, 0) + this.ingestQueue.length + (this.ingestRunning ? 1 : 0);
    const c = (k: string) => counts[k] ?? 0;
    const folders = this.w.db.select().from(watchedFolders).all().map((f) => ({ id: f.id, path: f.path, ...this.folderState(f.id) }));
    const queued = c('queued');
    const extracting = c('extracting');
    return {
      waiting,
      queued,
      extracting,
      done: c('indexed') + c('duplicate'),
      failed: c('failed'),
      missing: c('missing'),
      total: Object.values(counts).reduce((a, b) => a + b, 0),
      busy: waiting + queued + extracting > 0,
      folders,
    };
  }

  private scheduleProgress(): void {
    if (this.closed || this.progressTimer) return;
    const gap = this.opts.progressThrottleMs ?? 250;
    const wait = Math.max(0, this.lastProgressAt + gap - Date.now());
    this.progressTimer = setTimeout(() => {
      this.progressTimer = null;
      if (this.closed) return;
      this.lastProgressAt = Date.now();
      try {
        this.emit('records.changed', { progress: this.progress() });
      } catch (err) {
        logError('records progress could not be sent', err instanceof Error ? err.name : typeof err);
      }
    }, wait);
  }

  /** True when nothing is waiting, being taken in, queued or being read. */
  get idle(): boolean {
    if (this.ingestRunning || this.ingestQueue.length > 0 || this.extracting > 0) return false;
    if ([...this.folders.values()].some((f) => f.watcher.waiting > 0)) return false;
    const q = this.w.sqlite.prepare(`SELECT 1 FROM record_files WHERE status IN ('queued', 'extracting') AND stored_path IS NOT NULL LIMIT 1`).get();
    return !q;
  }

  /** Resolves once the pipeline is idle (tests, the benchmark, a rescan from the UI). */
  whenIdle(): Promise<void> {
    if (this.idle) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private settleIdle(): void {
    if (this.idleWaiters.length === 0 || this.closed) return;
    // Checked on the next turn: the pump and the watchers may have more to do.
    setImmediate(() => {
      if (!this.idle) return;
      for (const r of this.idleWaiters.splice(0)) r();
    });
  }

  /** Stop watchers and workers. The store is closed by the caller after this starts. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    registry.delete(this.w.sqlite);
    if (this.rescanTimer) clearInterval(this.rescanTimer);
    if (this.progressTimer) clearTimeout(this.progressTimer);
    const stops = [...this.folders.values()].map((f) => f.watcher.stop());
    this.folders.clear();
    for (const r of this.idleWaiters.splice(0)) r();
    await Promise.allSettled([...stops, this.pool.close()]);
  }
}
