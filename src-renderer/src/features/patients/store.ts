/**
 * Patients: the search box's query and results, and the patients opened recently. Both are
 * refreshed when the backend reports that patients changed (here or on another device).
 */
import { create } from 'zustand';
import type { PatientDetail, PatientSummary } from '../../../../src-shared/api/schemas/patients';
import { ApiError } from '../../../../src-shared/api/errors';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { withRecent } from '../../lib/recent';

export const SEARCH_DEBOUNCE_MS = 120;
const SEARCH_LIMIT = 50;
const KEEP_DETAILS = 20;

export interface DetailEntry {
  patient: PatientDetail | null;
  status: 'loading' | 'ready' | 'error' | 'gone';
  error: string | null;
}

interface PatientsState {
  query: string;
  /** The query the shown results answer (may lag `query` while typing). */
  resultsFor: string | null;
  items: PatientSummary[];
  more: boolean;
  searching: boolean;
  searchError: string | null;
  setQuery: (q: string) => void;
  /** Search now (no debounce) for the current query. */
  searchNow: () => Promise<void>;

  details: Record<string, DetailEntry>;
  loadPatient: (id: string) => Promise<void>;
  putPatient: (p: PatientDetail) => void;
  /** After a change event: search again and reload every cached patient. */
  refreshAll: () => void;
}

let searchSeq = 0;
let debounce: ReturnType<typeof setTimeout> | null = null;
const detailSeq = new Map<string, number>();

export const usePatientsStore = create<PatientsState>()((set, get) => ({
  query: '',
  resultsFor: null,
  items: [],
  more: false,
  searching: false,
  searchError: null,

  setQuery(q) {
    set({ query: q });
    if (debounce) clearTimeout(debounce);
    debounce = setTimeout(() => {
      debounce = null;
      void get().searchNow();
    }, SEARCH_DEBOUNCE_MS);
  },

  async searchNow() {
    if (debounce) {
      clearTimeout(debounce);
      debounce = null;
    }
    const q = get().query;
    const mine = ++searchSeq;
    set({ searching: true });
    try {
      const out = await api.call('patients.search', { q: q.trim(), limit: SEARCH_LIMIT });
      if (mine !== searchSeq) return; // a later keystroke's answer will be shown instead
      set({ items: out.items, more: out.more, resultsFor: q, searching: false, searchError: null });
    } catch (err) {
      if (mine !== searchSeq) return;
      set({ searching: false, searchError: errorText(err), resultsFor: q, items: [], more: false });
    }
  },

  details: {},

  async loadPatient(id) {
    const seq = (detailSeq.get(id) ?? 0) + 1;
    detailSeq.set(id, seq);
    const prev = get().details[id];
    // Asked first, then said: the call is on its way before the screen redraws as loading.
    const answer = api.call('patients.get', { id });
    if (!prev?.patient) setDetail(id, { patient: null, status: 'loading', error: null });
    try {
      const patient = await answer;
      if (detailSeq.get(id) !== seq) return;
      setDetail(id, { patient, status: 'ready', error: null });
    } catch (err) {
      if (detailSeq.get(id) !== seq) return;
      const gone = err instanceof ApiError && err.code === 'NOT_FOUND';
      setDetail(id, { patient: gone ? null : (prev?.patient ?? null), status: gone ? 'gone' : 'error', error: errorText(err) });
    }
  },

  putPatient(patient) {
    setDetail(patient.id, { patient, status: 'ready', error: null });
  },

  refreshAll() {
    void get().searchNow();
    for (const id of Object.keys(get().details)) void get().loadPatient(id);
  },
}));

function setDetail(id: string, entry: DetailEntry): void {
  usePatientsStore.setState((s) => {
    // Most recent last; forget the oldest beyond KEEP_DETAILS.
    const { record, dropped } = withRecent(s.details, id, entry, KEEP_DETAILS);
    for (const k of dropped) detailSeq.delete(k);
    return { details: record };
  });
}
