/**
 * This computer's link to the clinic server, as the backend's sync client reports it. Kept
 * live by the `sync.changed` event (its payload is the status itself) and re-read every 15 s,
 * so "Synced 10:42 AM" and the waiting count never go stale even if an event is missed.
 */
import { create } from 'zustand';
import type { SyncStatus } from '../../../../src-shared/api/methods/sync';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';

export const SYNC_POLL_MS = 15_000;

interface SyncState {
  status: SyncStatus | null;
  /** Reading the status failed (the backend itself, not the clinic server). */
  error: string | null;
  /** When the status was last read or pushed; drives the relative parts of the words. */
  readAt: number;
  refresh: () => Promise<void>;
  /** Take a status from a method's answer or an event. */
  apply: (status: SyncStatus) => void;
}

let generation = 0;

export const useSyncStore = create<SyncState>()((set) => ({
  status: null,
  error: null,
  readAt: 0,

  async refresh() {
    const mine = ++generation;
    try {
      const status = await api.call('sync.status', {});
      if (mine !== generation) return;
      set({ status, error: null, readAt: Date.now() });
    } catch (err) {
      if (mine !== generation) return;
      set({ error: errorText(err), readAt: Date.now() });
    }
  },

  apply(status) {
    // Anything in flight is older than this.
    generation++;
    set({ status, error: null, readAt: Date.now() });
  },
}));

function looksLikeStatus(payload: unknown): payload is SyncStatus {
  if (!payload || typeof payload !== 'object') return false;
  const p = payload as Record<string, unknown>;
  return typeof p.state === 'string' && typeof p.waiting === 'number' && 'lastError' in p && 'catchUp' in p;
}

let watchers = 0;
let stopWatch: (() => void) | null = null;

/**
 * Start following the status (the header does, for as long as the app is open). Counted, so
 * several screens may watch and the last to stop ends it. Returns the stop function.
 */
export function watchSync(): () => void {
  watchers++;
  if (watchers === 1) {
    const store = useSyncStore.getState();
    void store.refresh();
    const off = api.subscribe('sync.changed', (payload) => {
      // The payload is the status; a reconnect notice ({reconnected: true}) means re-read it.
      if (looksLikeStatus(payload)) useSyncStore.getState().apply(payload);
      else void useSyncStore.getState().refresh();
    });
    const timer = setInterval(() => void useSyncStore.getState().refresh(), SYNC_POLL_MS);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void useSyncStore.getState().refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    stopWatch = () => {
      off();
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }
  let stopped = false;
  return () => {
    if (stopped) return;
    stopped = true;
    watchers--;
    if (watchers === 0 && stopWatch) {
      stopWatch();
      stopWatch = null;
    }
  };
}

/** Where the indicator's link leads: Settings → Clinic server. */
export const CLINIC_SERVER_ANCHOR = 'clinic-server';

let pendingScroll = false;

/** Ask Settings to bring the Clinic server section into view once it is on screen. */
export function requestClinicServerScroll(): void {
  pendingScroll = true;
}

/** Settings calls this when the section mounts; true once per request. */
export function takeClinicServerScroll(): boolean {
  const was = pendingScroll;
  pendingScroll = false;
  return was;
}

export function scrollToClinicServer(): boolean {
  const heading = document.getElementById(CLINIC_SERVER_ANCHOR);
  if (!heading) return false;
  heading.scrollIntoView({ block: 'start' });
  heading.focus({ preventScroll: true });
  keepInView(heading);
  return true;
}

/**
 * Sections above it load their own data and grow for a moment after the screen opens; keep
 * the heading in view while they do (about 2 s), unless the person scrolls first.
 */
function keepInView(heading: HTMLElement): void {
  if (typeof ResizeObserver === 'undefined') return;
  let done = false;
  const stop = () => {
    if (done) return;
    done = true;
    observer.disconnect();
    clearTimeout(timer);
    for (const t of USER_SCROLL) window.removeEventListener(t, stop, true);
  };
  const observer = new ResizeObserver(() => {
    if (!heading.isConnected) return stop();
    heading.scrollIntoView({ block: 'start' });
  });
  observer.observe(document.body);
  const timer = setTimeout(stop, 2000);
  for (const t of USER_SCROLL) window.addEventListener(t, stop, { capture: true, passive: true });
}

const USER_SCROLL = ['wheel', 'touchstart', 'keydown', 'mousedown'] as const;
