/**
 * The suite calendar: which day (or week of one suite) is on screen, the sessions and floor
 * snapshot for it, the last refusal said out loud, and a repaired series waiting for a yes.
 * Every move goes through series.reschedule; the data reloads when the backend says the
 * schedule changed, so two screens (or two devices) agree.
 */
import { create } from 'zustand';
import type { MethodInput, MethodOutput } from '../../../../src-shared/api/contract';
import { ApiError } from '../../../../src-shared/api/errors';
import { mondayOf } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import type { CalendarData } from './drag-check';
import { useDragHint } from './drag-hint';

export type CalendarView = 'day' | 'week';
type Repair = MethodOutput<'series.repairProposal'>;
type Move = MethodInput<'series.reschedule'>['moves'][number];

/** Monday of the week holding `date` (the week view starts on Monday). */
export const weekStart = mondayOf;

interface Notice {
  kind: 'refused' | 'saved' | 'error';
  text: string;
}

interface CalendarState {
  date: string | null;
  view: CalendarView;
  weekSuiteId: string | null;
  data: CalendarData | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  notice: Notice | null;
  /**
   * Bumped to draw the calendars afresh (after a refused save or a drop that snaps back), so
   * nothing FullCalendar moved itself stays on screen. A reload does not bump it: the
   * calendars take the reloaded sessions as they are, without being mounted again.
   */
  renderKey: number;
  selectedSessionId: string | null;
  repair: { sessionLabel: string; proposal: Repair } | null;

  setDate: (date: string) => void;
  setView: (view: CalendarView, suiteId?: string | null) => void;
  load: () => Promise<void>;
  select: (sessionId: string | null) => void;
  say: (notice: Notice | null) => void;
  /** Save moves (a drop, a resize, a chosen slot, a repaired series). Returns true when saved. */
  save: (moves: Move[], reason: string, done: string) => Promise<boolean>;
  askRepair: (sessionLabel: string, target: MethodInput<'series.repairProposal'>) => Promise<void>;
  closeRepair: () => void;
  snapBack: () => void;
}

let loadSeq = 0;

export const useSuiteCalendarStore = create<CalendarState>()((set, get) => ({
  date: null,
  view: 'day',
  weekSuiteId: null,
  data: null,
  status: 'idle',
  error: null,
  notice: null,
  renderKey: 0,
  selectedSessionId: null,
  repair: null,

  setDate(date) {
    set({ date });
    void get().load();
  },
  setView(view, suiteId) {
    set({ view, ...(suiteId !== undefined ? { weekSuiteId: suiteId } : {}) });
    void get().load();
  },
  async load() {
    const { date, view } = get();
    if (!date) return;
    const n = ++loadSeq;
    if (!get().data) set({ status: 'loading' });
    const input = view === 'week' ? { from: weekStart(date), days: 7 } : { from: date, days: 1 };
    try {
      const data = await api.call('sessions.calendar', input);
      if (n === loadSeq) set({ data, status: 'ready', error: null });
    } catch (err) {
      if (n === loadSeq) set({ status: 'error', error: errorText(err) });
    }
  },
  select(sessionId) {
    set({ selectedSessionId: sessionId });
  },
  say(notice) {
    set({ notice });
  },
  async save(moves, reason, done) {
    // No drag is in progress once something is being saved.
    useDragHint.getState().clear();
    try {
      await api.call('series.reschedule', { moves, reason });
      set({ notice: { kind: 'saved', text: done } });
      await get().load();
      return true;
    } catch (err) {
      const text = err instanceof ApiError && err.issues?.length ? err.issues.map((i) => i.message).join(' ') : errorText(err);
      set((s) => ({ notice: { kind: 'refused', text }, renderKey: s.renderKey + 1 }));
      await get().load();
      return false;
    }
  },
  async askRepair(sessionLabel, target) {
    try {
      const proposal = await api.call('series.repairProposal', target);
      set({ repair: { sessionLabel, proposal } });
    } catch (err) {
      set({ notice: { kind: 'error', text: errorText(err) } });
    }
    get().snapBack();
  },
  closeRepair() {
    set({ repair: null });
  },
  snapBack() {
    set((s) => ({ renderKey: s.renderKey + 1 }));
  },
}));
