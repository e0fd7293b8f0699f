/**
 * The device's sync loop: push the outbox, pull and apply what others changed, wait for
 * more (long-poll), and back off while the server cannot be reached. Every position is saved
 * with the work it records (sync/state.ts), so after a restart the loop resumes where it
 * stopped; a batch the server committed but whose answer was lost is sent again and applied
 * once (the server keys changes by identity).
 */
import { v7 as uuidv7 } from 'uuid';
import type { EventTopic } from '../../../src-shared/api/contract';
import { ApiError } from '../../../src-shared/api/errors';
import type { SyncStatus } from '../../../src-shared/api/methods/sync';
import { formatHlc, parseHlc } from '../../../src-shared/hlc';
import { PUSH_BATCH_CHANGES, SYNC_SCHEMA_VERSION, type PullResponse, type SnapshotResponse } from '../../../src-shared/sync/protocol';
import { insertRow, updateRow, type WriteContext } from '../db/mutate';
import { stableId } from '../db/stable-id';
import { syncDevices } from './schema';
import { logError } from '../log';
import { applyRemoteChanges, type ApplyResult } from './apply';
import { openConflictCount } from './conflicts';
import { syncFiles } from './files';
import { compactAcknowledged, outboxCount, readOutbox } from './outbox';
import { noteRefused, readLink, readPositions, readRefused, setMeta, writeLink, type SyncLink } from './state';
import { checkServerUrl, HttpTransport, NETWORK_MESSAGE, SyncRemoteError, type FetchLike } from './transport';

export interface SyncClientOptions {
  fetch?: FetchLike;
  /** Long-poll wait asked of the server when up to date. */
  longPollMs?: number;
  /** Backoff while the server cannot be reached: first wait, longest wait. */
  backoffMs?: [number, number];
  /** Wait after a refusal a person must fix (clock, app version) before trying again. */
  refusedRetryMs?: number;
  /** Start the loop on construction when linked (tests drive rounds by hand). */
  autoStart?: boolean;
  schemaVersion?: number;
  pullLimit?: number;
  /** After changes arrive: what the backend must recompute and tell screens. */
  onApplied?: (result: ApplyResult) => void;
}

type State = SyncStatus['state'];

const STOP_CODES = new Set(['REVOKED', 'UNAUTHORIZED']);
const PERSON_CODES = new Set(['CLOCK_AHEAD', 'SCHEMA_TOO_OLD', 'FORBIDDEN', 'BAD_REQUEST', 'TOO_LARGE']);

export class SyncClient {
  private state: State = 'off';
  private lastError: SyncStatus['lastError'] = null;
  private catchUp: SyncStatus['catchUp'] = null;
  private running = false;
  private loopDone: Promise<void> | null = null;
  private wake: (() => void) | null = null;
  private pullAbort: AbortController | null = null;
  private pendingNudge = false;
  private filesLeft = false;
  private readonly schemaVersion: number;

  constructor(
    private readonly w: WriteContext,
    private readonly emit: (topic: EventTopic, payload: unknown) => void,
    private readonly opts: SyncClientOptions = {},
  ) {
    this.schemaVersion = opts.schemaVersion ?? SYNC_SCHEMA_VERSION;
    if (readLink(w.sqlite)) {
      this.state = 'connecting';
      if (opts.autoStart ?? true) this.start();
    }
  }

  private link(): SyncLink | null {
    return readLink(this.w.sqlite);
  }

  private transport(link: Pick<SyncLink, 'serverUrl' | 'token'> | { serverUrl: string; token: null }): HttpTransport {
    return new HttpTransport(link.serverUrl, link.token, this.opts.fetch);
  }

  status(): SyncStatus {
    const link = this.link();
    const pos = readPositions(this.w.sqlite);
    return {
      state: link ? this.state : 'off',
      serverUrl: link?.serverUrl ?? null,
      deviceName: link?.deviceName ?? null,
      deviceId: link?.deviceId ?? null,
      clinicName: link?.clinicName ?? null,
      lastSyncedAt: pos.lastSyncedAt,
      waiting: outboxCount(this.w.sqlite, pos.pushedSeq),
      lastError: this.lastError,
      catchUp: this.catchUp,
      openConflicts: openConflictCount(this.w),
      refused: readRefused(this.w.sqlite),
    };
  }

  private publish(): void {
    try {
      this.emit('sync.changed', this.status());
    } catch {
      /* a listener's failure is not the loop's */
    }
  }

  private setState(state: State, error: SyncStatus['lastError'] = this.lastError): void {
    const changed = state !== this.state || error !== this.lastError;
    this.state = state;
    this.lastError = error;
    if (changed) this.publish();
  }

  // ---- what the API methods do ----

  async connect(input: { serverUrl: string; enrolCode: string; deviceName: string; allowInsecure: boolean }): Promise<SyncStatus> {
    if (this.link()) throw new ApiError('CONFLICT', 'This computer is already linked to a clinic server. Disconnect it first to link it to another.');
    const serverUrl = checkServerUrl(input.serverUrl, input.allowInsecure);
    let out;
    try {
      out = await this.transport({ serverUrl, token: null }).enrol({
        code: input.enrolCode,
        deviceName: input.deviceName,
        nodeId: this.w.clock.node,
        schemaVersion: this.schemaVersion,
      });
    } catch (err) {
      throw this.toApiError(err, serverUrl);
    }
    // This computer's name, for every computer's "made on" (synced, keyed by the clock's node).
    const deviceRow = stableId('sync_devices', this.w.clock.node);
    const named = this.w.sqlite.prepare(`SELECT version FROM sync_devices WHERE id = ?`).get(deviceRow) as { version: number } | undefined;
    if (named) updateRow(this.w, syncDevices, deviceRow, { name: input.deviceName }, { what: 'This computer' });
    else insertRow(this.w, syncDevices, { id: deviceRow, nodeId: this.w.clock.node, name: input.deviceName });
    writeLink(this.w.sqlite, {
      serverUrl,
      token: out.token,
      deviceId: out.deviceId,
      deviceName: input.deviceName,
      clinicId: out.clinicId,
      clinicName: out.clinicName,
      allowInsecure: input.allowInsecure,
    });
    this.lastError = null;
    this.state = 'connecting';
    if (this.opts.autoStart ?? true) this.start();
    this.publish();
    return this.status();
  }

  async disconnect(): Promise<SyncStatus> {
    await this.stop();
    // Positions stay: changes not yet sent stay queued, and a later link to the same server
    // would not download what this computer already has.
    writeLink(this.w.sqlite, null);
    this.state = 'off';
    this.lastError = null;
    this.catchUp = null;
    this.publish();
    return this.status();
  }

  syncNow(): SyncStatus {
    if (this.link() && !this.running && (this.opts.autoStart ?? true)) this.start();
    this.nudge();
    return this.status();
  }

  /** A local write happened (or a person asked): push now rather than after the long-poll. */
  nudge(): void {
    this.pendingNudge = true;
    this.wake?.();
    this.pullAbort?.abort();
  }

  async listDevices() {
    return (await this.admin((t) => t.devices())).devices;
  }
  async revokeDevice(deviceId: string) {
    return (await this.admin((t) => t.revoke(deviceId))).devices;
  }
  async createEnrolCode() {
    return this.admin((t) => t.createEnrolCode());
  }

  private async admin<T>(fn: (t: HttpTransport) => Promise<T>): Promise<T> {
    const link = this.link();
    if (!link) throw new ApiError('CONFLICT', 'This computer is not linked to a clinic server. Enrol it first (Settings → Clinic server).');
    try {
      return await fn(this.transport(link));
    } catch (err) {
      throw this.toApiError(err, link.serverUrl);
    }
  }

  private toApiError(err: unknown, serverUrl: string): ApiError {
    if (err instanceof ApiError) return err;
    if (err instanceof SyncRemoteError) {
      if (err.code === 'NETWORK') {
        return ApiError.validation('serverUrl', `The clinic server at ${serverUrl} did not answer. Check the address and that the server is running.`);
      }
      if (err.code === 'ENROL_CODE') return ApiError.validation('enrolCode', err.message);
      if (err.code === 'FORBIDDEN' || err.code === 'REVOKED' || err.code === 'UNAUTHORIZED') return new ApiError('FORBIDDEN', err.message);
      if (err.code === 'NOT_FOUND') return new ApiError('NOT_FOUND', err.message);
      return new ApiError('CONFLICT', err.message);
    }
    logError('sync request failed', err instanceof Error ? err.name : typeof err);
    return new ApiError('INTERNAL', 'Something went wrong talking to the clinic server. Nothing was lost.');
  }

  // ---- the loop ----

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loopDone = this.loop().finally(() => {
      this.running = false;
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    this.pullAbort?.abort();
    await this.loopDone;
    this.loopDone = null;
  }

  private sleep(ms: number): Promise<void> {
    if (this.pendingNudge) return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(done, ms);
      function done() {
        clearTimeout(t);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private async loop(): Promise<void> {
    const [minBackoff, maxBackoff] = this.opts.backoffMs ?? [1000, 15_000];
    let backoff = minBackoff;
    let live = false;
    while (this.running) {
      try {
        await this.round(live ? (this.opts.longPollMs ?? 25_000) : 0);
        live = true;
        backoff = minBackoff;
      } catch (err) {
        live = false;
        if (!this.running) break;
        const e = err instanceof SyncRemoteError ? err : null;
        if (e?.code === 'ABORTED') continue;
        if (!e) logError('sync round failed', err instanceof Error ? `${err.name}: ${err.stack ?? ''}` : typeof err);
        const code = e?.code ?? 'INTERNAL';
        const message = e?.message ?? 'Sync stopped on an unexpected problem; it will try again. Nothing was lost.';
        if (code === 'NETWORK') this.setState('offline', { code, message: NETWORK_MESSAGE, at: this.w.now() });
        else this.setState('error', { code, message, at: this.w.now() });
        if (STOP_CODES.has(code)) {
          this.running = false;
          break;
        }
        await this.sleep(PERSON_CODES.has(code) ? (this.opts.refusedRetryMs ?? 30_000) : backoff);
        backoff = Math.min(backoff * 2, maxBackoff);
      }
    }
  }

  /**
   * One round: everything waiting goes up, everything new comes down. `waitMs` > 0 makes
   * the first pull a long-poll (live updates); a local write cuts the wait short.
   */
  async round(waitMs = 0): Promise<void> {
    const link = this.link();
    if (!link) throw new SyncRemoteError('UNAUTHORIZED', 'This computer is not linked to a clinic server.', null);
    const t = this.transport(link);
    this.pendingNudge = false;
    await this.pushAll(t);
    // Files left to move from the last round: no long wait before moving the next ones.
    await this.pullAll(t, this.pendingNudge || this.filesLeft ? 0 : waitMs);
    if (this.pendingNudge) await this.pushAll(t);
    const pos = readPositions(this.w.sqlite);
    if (outboxCount(this.w.sqlite, pos.pushedSeq) === 0) setMeta(this.w.sqlite, 'sync.lastSyncedAt', this.w.now());
    this.catchUp = null;
    this.lastError = null;
    this.state = 'online';
    this.publish();
    // Document files follow their rows (sync/files.ts): bounded work, never fails the round.
    this.filesLeft = (await syncFiles(this.w, t)).more;
  }

  private async pushAll(t: HttpTransport): Promise<void> {
    for (;;) {
      const pos = readPositions(this.w.sqlite);
      const batch = readOutbox(this.w.sqlite, pos.pushedSeq, PUSH_BATCH_CHANGES);
      if (!batch) return;
      if (this.state !== 'online') this.setState('connecting');
      const res = await t.push({ batchId: uuidv7(), schemaVersion: this.schemaVersion, changes: batch.changes });
      this.w.sqlite.transaction(() => {
        setMeta(this.w.sqlite, 'sync.pushedSeq', batch.lastSeq);
        if (res.refused > 0) noteRefused(this.w.sqlite, res.refused, res.refusedReason ?? 'a change the clinic server does not allow', this.w.now());
        compactAcknowledged(this.w.sqlite, batch.lastSeq);
        // Nothing arrived on the server between our cursor and this batch: what lies up to its
        // head is our own batch, already here, so it need not come back down.
        if (res.previousHead === pos.pullCursor && pos.snapshotNext === null && res.head > pos.pullCursor) {
          setMeta(this.w.sqlite, 'sync.pullCursor', res.head);
        }
      })();
      this.publish();
    }
  }

  private async pullAll(t: HttpTransport, waitMs: number): Promise<void> {
    // The next page is asked for while the current one is applied: a catch-up otherwise
    // spends half its time waiting on the server. A prefetched page that goes unused (an
    // error, a stop) is dropped; its cursor was never saved.
    type Ahead = { cursor: number; page: Promise<PullResponse | SnapshotResponse> };
    const prefetch: { next: Ahead | null } = { next: null };
    let wait = waitMs;
    for (;;) {
      const pos = readPositions(this.w.sqlite);
      if (pos.snapshotNext !== null && pos.snapshotSeq !== null) {
        const page = await t.snapshot(pos.snapshotNext, this.schemaVersion, this.opts.pullLimit);
        this.applySnapshot(page, pos.snapshotSeq);
        continue;
      }
      let page: PullResponse | SnapshotResponse;
      if (wait > 0) {
        this.pullAbort = new AbortController();
        try {
          page = await t.pull(pos.pullCursor, this.schemaVersion, wait, this.pullAbort.signal, this.opts.pullLimit);
        } catch (err) {
          // A local write cut the wait short: not an error, push it.
          if (err instanceof SyncRemoteError && err.code === 'ABORTED' && this.running) return;
          throw err;
        } finally {
          this.pullAbort = null;
        }
      } else {
        const pre = prefetch.next;
        prefetch.next = null;
        page = pre && pre.cursor === pos.pullCursor ? await pre.page : await t.pull(pos.pullCursor, this.schemaVersion, 0, undefined, this.opts.pullLimit);
      }
      wait = 0;
      if (page.kind === 'changes' && page.more) {
        const next = t.pull(page.cursor, this.schemaVersion, 0, undefined, this.opts.pullLimit);
        next.catch(() => {});
        prefetch.next = { cursor: page.cursor, page: next };
      }
      if (page.kind === 'snapshot') {
        this.applySnapshot(page, page.snapshotSeq);
        continue;
      }
      if (page.changes.length > 0) {
        const result = this.w.sqlite.transaction(() => {
          const r = applyRemoteChanges(this.w.sqlite, page.changes);
          setMeta(this.w.sqlite, 'sync.pullCursor', page.cursor);
          return r;
        })();
        this.afterApply(result);
      } else if (page.cursor !== pos.pullCursor) setMeta(this.w.sqlite, 'sync.pullCursor', page.cursor);
      if (page.more) {
        this.catchUp = { received: page.cursor, total: page.head };
        if (this.state !== 'online') this.state = 'connecting';
        this.publish();
        continue;
      }
      return;
    }
  }

  private applySnapshot(page: SnapshotResponse, snapshotSeq: number): void {
    // A snapshot's pages come table by table, not parents first: foreign keys are checked
    // once the last page is in. The pragma cannot change inside a transaction.
    this.w.sqlite.pragma('foreign_keys = OFF');
    let result: ApplyResult;
    try {
      result = this.w.sqlite.transaction(() => {
        const r = applyRemoteChanges(this.w.sqlite, page.fields);
        setMeta(this.w.sqlite, 'sync.snapshotSeq', page.next ? snapshotSeq : null);
        setMeta(this.w.sqlite, 'sync.snapshotNext', page.next);
        if (!page.next) setMeta(this.w.sqlite, 'sync.pullCursor', snapshotSeq);
        return r;
      })();
    } finally {
      this.w.sqlite.pragma('foreign_keys = ON');
    }
    if (page.total > 0 || this.catchUp) {
      const prev = this.catchUp?.received ?? 0;
      this.catchUp = page.next ? { received: prev + page.fields.length, total: Math.max(page.total, this.catchUp?.total ?? 0) } : null;
    }
    this.afterApply(result);
    this.publish();
  }

  private afterApply(result: ApplyResult): void {
    if (result.maxHlc) {
      try {
        // The server bounded these against its clock; a slow clock here must not refuse them.
        this.w.clock.receive(parseHlc(result.maxHlc), { checkDrift: false });
        setMeta(this.w.sqlite, 'hlc.last', formatHlc(this.w.clock.last));
      } catch (err) {
        logError('device clock could not follow a received change', err instanceof Error ? err.name : typeof err);
      }
    }
    try {
      this.opts.onApplied?.(result);
    } catch (err) {
      // The merge is committed; a failing check must not stop sync (it runs again next time).
      logError('checks after a merge failed', err instanceof Error ? `${err.name}: ${err.stack ?? ''}` : typeof err);
    }
    this.publish();
    for (const topic of result.topics) {
      if (topic === 'sync.changed') continue;
      try {
        this.emit(topic, { source: 'sync' });
      } catch {
        /* a listener's failure is not the loop's */
      }
    }
  }
}
