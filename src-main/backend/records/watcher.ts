/**
 * Watching one folder (and its subfolders) for records: native change events through
 * chokidar, or polling for network shares (which send no events); a full walk on demand and
 * periodically (the runtime calls rescan) so nothing is missed; files already there at start
 * are reported like new ones.
 *
 * A file is handed on only when whole: its size and modification time have held still for the
 * folder's stability time and it can be opened (rules/stability.ts). Junk (rules/junk.ts) is
 * never looked at. The watcher only reads: it never writes, moves or deletes in the folder.
 */
import { openSync, closeSync, statSync, type Stats } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { watch, type FSWatcher } from 'chokidar';
import { isJunkDir, isJunkFile } from './rules/junk';
import { hasSettled, observe, openFailed, type FileObservation, type Settling } from './rules/stability';

export interface FolderSpec {
  id: string;
  path: string;
  polling: boolean;
  pollIntervalMs: number;
  stabilityMs: number;
}

export interface FolderWatcherEvents {
  /** A whole file, ready to read. Called once per settled size and time. */
  onStable(path: string, obs: FileObservation): void;
  /** A settled file that still would not open a waiting time later, with the error code (EACCES). */
  onUnreadable(path: string, obs: FileObservation, code: string): void;
  /** A file (or, with `dir`, everything under a folder) is gone from disk. */
  onGone(path: string, dir: boolean): void;
  /** The folder cannot be watched or read right now (null: it is fine again). */
  onProblem(message: string | null): void;
  /** Something changed in the set of files waiting to settle. */
  onWaitingChange(): void;
}

/** Paths at most this deep below the folder are watched (scanners file by date: 2025/03/07). */
const MAX_DEPTH = 8;

function errCode(err: unknown): string {
  return (err as NodeJS.ErrnoException)?.code ?? 'unknown error';
}

export function folderProblem(err: unknown): string {
  const code = errCode(err);
  if (code === 'ENOENT') return 'The folder cannot be found. If it is on a network share, check that the share is connected.';
  if (code === 'EACCES' || code === 'EPERM') return 'The app is not allowed to read this folder. Ask the administrator for read access.';
  if (code === 'ENOTDIR') return 'This path is a file, not a folder.';
  return `The folder cannot be read right now (${code}).`;
}

export class FolderWatcher {
  private watcher: FSWatcher | null = null;
  private readonly settling = new Map<string, Settling>();
  private tick: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    readonly spec: FolderSpec,
    private readonly events: FolderWatcherEvents,
    private readonly now: () => number = Date.now,
    /** Opens and closes a file to prove it can be read (tests replace it: root can open anything). */
    private readonly tryOpen: (path: string) => void = (path) => closeSync(openSync(path, 'r')),
  ) {}

  /** Files seen but not yet whole. */
  get waiting(): number {
    return this.settling.size;
  }

  /** Start watching; resolves once the initial walk of events is done (or failed). */
  start(): Promise<void> {
    const root = this.spec.path;
    this.watcher = watch(root, {
      persistent: true,
      ignoreInitial: false,
      followSymlinks: false,
      depth: MAX_DEPTH,
      usePolling: this.spec.polling,
      interval: this.spec.pollIntervalMs,
      binaryInterval: this.spec.pollIntervalMs,
      // Our own stability check replaces awaitWriteFinish (it also checks the file opens).
      awaitWriteFinish: false,
      atomic: false,
      ignored: (path: string, stats?: Stats) => {
        if (path === root) return false;
        const name = basename(path);
        if (stats?.isDirectory()) return isJunkDir(name);
        return isJunkFile(name) || isJunkDir(name);
      },
    });
    this.watcher.on('add', (path) => this.track(path));
    this.watcher.on('change', (path) => this.track(path));
    this.watcher.on('unlink', (path) => this.gone(path, false));
    this.watcher.on('unlinkDir', (path) => {
      if (path !== root) this.gone(path, true);
    });
    this.watcher.on('error', (err) => this.events.onProblem(folderProblem(err)));
    return new Promise((resolve) => {
      this.watcher!.once('ready', () => resolve());
      this.watcher!.once('error', () => resolve());
    });
  }

  /**
   * Walk the whole folder: every file goes through the stability check unless `known` says
   * it is already indexed with the same size and time. Returns the paths found, or null
   * when the folder itself cannot be read (then nothing may be marked missing).
   */
  async rescan(known: (path: string) => FileObservation | undefined): Promise<Set<string> | null> {
    const found = new Set<string>();
    try {
      await stat(this.spec.path);
    } catch (err) {
      this.events.onProblem(folderProblem(err));
      return null;
    }
    const walk = async (dir: string, depth: number): Promise<void> => {
      if (this.stopped) return;
      let entries;
      try {
        entries = await readdir(dir, { withFileTypes: true });
      } catch {
        return; // a subfolder that vanished or is locked: the next walk tries again
      }
      for (const e of entries) {
        const full = join(dir, e.name);
        if (e.isDirectory()) {
          if (!isJunkDir(e.name) && depth < MAX_DEPTH) await walk(full, depth + 1);
        } else if (e.isFile() && !isJunkFile(e.name)) {
          found.add(full);
          const k = known(full);
          if (k) {
            try {
              const s = statSync(full);
              if (s.size === k.size && Math.trunc(s.mtimeMs) === k.mtimeMs) continue;
            } catch {
              continue;
            }
          }
          this.track(full);
        }
      }
    };
    await walk(this.spec.path, 0);
    this.events.onProblem(null);
    return found;
  }

  /** Look at a path now and again until it settles. The same path is tracked once. */
  track(path: string): void {
    if (this.stopped || isJunkFile(basename(path))) return;
    let s: Stats;
    try {
      s = statSync(path);
    } catch {
      return;
    }
    if (!s.isFile()) return;
    const had = this.settling.has(path);
    this.settling.set(path, observe(this.settling.get(path), { size: s.size, mtimeMs: Math.trunc(s.mtimeMs) }, this.now()));
    if (!had) this.events.onWaitingChange();
    this.ensureTick();
  }

  private gone(path: string, dir: boolean): void {
    if (this.stopped) return;
    if (dir) {
      const prefix = path.endsWith(sep) ? path : path + sep;
      for (const p of [...this.settling.keys()]) if (p.startsWith(prefix)) this.settling.delete(p);
    } else {
      this.settling.delete(path);
    }
    this.events.onGone(path, dir);
  }

  private ensureTick(): void {
    if (this.tick || this.stopped) return;
    const every = Math.max(25, Math.min(1000, Math.floor(this.spec.stabilityMs / 4)));
    this.tick = setInterval(() => this.check(), every);
  }

  private check(): void {
    const now = this.now();
    let changed = false;
    for (const [path, prev] of [...this.settling]) {
      let s: Stats;
      try {
        s = statSync(path);
      } catch {
        this.settling.delete(path);
        changed = true;
        continue;
      }
      const next = observe(prev, { size: s.size, mtimeMs: Math.trunc(s.mtimeMs) }, now);
      this.settling.set(path, next);
      if (!hasSettled(next, now, this.spec.stabilityMs)) continue;
      // A file still open for writing is locked on Windows; elsewhere opening proves it exists.
      try {
        this.tryOpen(path);
      } catch (err) {
        const { state, giveUp } = openFailed(next, now, this.spec.stabilityMs);
        this.settling.set(path, state);
        if (!giveUp) continue;
        this.settling.delete(path);
        changed = true;
        this.events.onUnreadable(path, { size: next.size, mtimeMs: next.mtimeMs }, errCode(err));
        continue;
      }
      this.settling.delete(path);
      changed = true;
      this.events.onStable(path, { size: next.size, mtimeMs: next.mtimeMs });
    }
    if (this.settling.size === 0 && this.tick) {
      clearInterval(this.tick);
      this.tick = null;
    }
    if (changed) this.events.onWaitingChange();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.tick) clearInterval(this.tick);
    this.tick = null;
    this.settling.clear();
    const w = this.watcher;
    this.watcher = null;
    if (w) await w.close();
  }
}
