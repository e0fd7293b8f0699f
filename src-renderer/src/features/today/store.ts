/**
 * Today's infusion sessions: the chosen day's suites with their sessions, each session's
 * last error and history, and the status / checklist changes made from the cards. The
 * chosen day survives refreshes (the schedule.changed event reloads the same day).
 */
import { create } from 'zustand';
import type { SessionStatus, ChecklistItem, DaySuite, DaySession, HistoryEntry } from './session-flow';
import { api } from '../../api/client';
import { errorText, toFormErrors, type FormErrors } from '../../lib/errors';

export interface StepDetails {
  status: SessionStatus;
  at?: number;
  earlyReason?: string;
  driverName?: string;
  driverPhone?: string;
}

const STEP_FIELDS = new Set(['at', 'earlyReason', 'driverName', 'driverPhone']);

interface Loaded<T> {
  data: T | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
}

interface SessionsState {
  /** The clinic-local day shown ('YYYY-MM-DD'); null until the screen picks today. */
  date: string | null;
  day: Loaded<DaySuite[]> | null;
  /** The backend's words for the last failed change on a session, shown on its card. */
  errors: Record<string, string>;
  /** Sessions with a change on its way (their buttons wait). */
  busy: Record<string, boolean>;
  /** Only sessions whose History has been opened. */
  history: Record<string, Loaded<HistoryEntry[]>>;

  /** Show another day (keeps it until changed again). */
  showDay: (date: string) => void;
  /** Reload the day shown and the open histories (after a change event). */
  refresh: () => void;
  setStatus: (session: DaySession, status: SessionStatus, reason?: string) => Promise<boolean>;
  /**
   * A step with its details (a time other than now, the driver at discharge, a reason for an
   * early discharge): the dialog asking for them shows the refusal beside its fields, so it is
   * returned rather than put on the card. null when recorded.
   */
  recordStep: (session: DaySession, step: StepDetails) => Promise<FormErrors | null>;
  /** Take back the last step with a reason (kept in the history). */
  undoStatus: (session: DaySession, reason: string) => Promise<boolean>;
  updateChecklist: (session: DaySession, item: ChecklistItem, change: { done: boolean; override?: string }) => Promise<boolean>;
  loadHistory: (sessionId: string) => Promise<void>;
  dismissError: (sessionId: string) => void;
}

let daySeq = 0;
const historySeq = new Map<string, number>();

function replaceSession(day: DaySuite[], updated: Partial<DaySession> & { id: string }): DaySuite[] {
  return day.map((suite) =>
    suite.sessions.some((s) => s.id === updated.id)
      ? { ...suite, sessions: suite.sessions.map((s) => (s.id === updated.id ? { ...s, ...updated } : s)) }
      : suite,
  );
}

export const useSessionsStore = create<SessionsState>()((set, get) => {
  async function loadDay(date: string): Promise<void> {
    const n = ++daySeq;
    // showDay cleared the list when the day changed: whatever is here is this day's.
    const prev = get().day?.data ?? null;
    if (!prev) set({ day: { data: null, status: 'loading', error: null } });
    try {
      const data = await api.call('sessions.listByDay', { date });
      if (n === daySeq) set({ day: { data, status: 'ready', error: null } });
    } catch (err) {
      if (n === daySeq) set({ day: { data: prev, status: 'error', error: errorText(err) } });
    }
  }

  /** Run one change on a session; its error (or none) lands on the card. */
  async function change(sessionId: string, call: () => Promise<Partial<DaySession> & { id: string }>): Promise<boolean> {
    set((s) => ({ busy: { ...s.busy, [sessionId]: true } }));
    try {
      const updated = await call();
      set((s) => {
        const errors = { ...s.errors };
        delete errors[sessionId];
        return { errors, day: s.day?.data ? { ...s.day, data: replaceSession(s.day.data, updated) } : s.day };
      });
      if (get().history[sessionId]) void get().loadHistory(sessionId);
      return true;
    } catch (err) {
      set((s) => ({ errors: { ...s.errors, [sessionId]: errorText(err) } }));
      // A refusal often means the card was out of date (changed on another device while
      // this one missed the event): show the session as it really is, beside the message.
      const date = get().date;
      if (date) void loadDay(date);
      return false;
    } finally {
      set((s) => {
        const busy = { ...s.busy };
        delete busy[sessionId];
        return { busy };
      });
    }
  }

  return {
    date: null,
    day: null,
    errors: {},
    busy: {},
    history: {},

    showDay(date) {
      if (get().date !== date) set({ date, day: null, errors: {}, history: {} });
      void loadDay(date);
    },

    refresh() {
      const { date, history } = get();
      if (date) void loadDay(date);
      for (const id of Object.keys(history)) void get().loadHistory(id);
    },

    setStatus(session, status, reason) {
      return change(session.id, () =>
        api.call('sessions.setStatus', { sessionId: session.id, status, expectedVersion: session.version, ...(reason ? { reason } : {}) }),
      );
    },

    async recordStep(session, step) {
      set((s) => ({ busy: { ...s.busy, [session.id]: true } }));
      try {
        const updated = await api.call('sessions.setStatus', { sessionId: session.id, expectedVersion: session.version, ...step });
        set((s) => {
          const errors = { ...s.errors };
          delete errors[session.id];
          return { errors, day: s.day?.data ? { ...s.day, data: replaceSession(s.day.data, updated) } : s.day };
        });
        if (get().history[session.id]) void get().loadHistory(session.id);
        return null;
      } catch (err) {
        const date = get().date;
        if (date) void loadDay(date);
        return toFormErrors(err, { known: (f) => STEP_FIELDS.has(f) });
      } finally {
        set((s) => {
          const busy = { ...s.busy };
          delete busy[session.id];
          return { busy };
        });
      }
    },

    undoStatus(session, reason) {
      return change(session.id, () => api.call('sessions.undoStatus', { sessionId: session.id, reason, expectedVersion: session.version }));
    },

    updateChecklist(session, item, { done, override }) {
      return change(session.id, () =>
        api.call('sessions.updateChecklist', { sessionId: session.id, item, done, ...(override ? { override } : {}) }),
      );
    },

    async loadHistory(sessionId) {
      const n = (historySeq.get(sessionId) ?? 0) + 1;
      historySeq.set(sessionId, n);
      const prev = get().history[sessionId];
      const put = (v: Loaded<HistoryEntry[]>) => set((s) => ({ history: { ...s.history, [sessionId]: v } }));
      if (!prev?.data) put({ data: null, status: 'loading', error: null });
      try {
        const data = await api.call('sessions.history', { sessionId });
        if (historySeq.get(sessionId) === n) put({ data, status: 'ready', error: null });
      } catch (err) {
        if (historySeq.get(sessionId) === n) put({ data: prev?.data ?? null, status: 'error', error: errorText(err) });
      }
    },

    dismissError(sessionId) {
      set((s) => {
        const errors = { ...s.errors };
        delete errors[sessionId];
        return { errors };
      });
    },
  };
});
