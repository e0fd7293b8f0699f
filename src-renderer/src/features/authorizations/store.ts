/**
 * Prior authorizations: each open chart's list, and the work list across patients (waiting
 * for a decision; approved and ending soon). Sessions used are counted by the backend from
 * booked sessions, so both reload when the schedule changes, as well as when a patient or a
 * payer is renamed.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { Authorization, AuthorizationListItem } from '../../../../src-shared/api/schemas/series';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';

export interface Loaded<T> {
  data: T | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
}

/** Most rows one work-list table asks for; the screen says when there are more. */
export const WORKLIST_LIMIT = 200;
export const WAITING_STATUSES = ['draft', 'submitted', 'pending'] as const;

export interface Worklist {
  waiting: AuthorizationListItem[];
  ending: AuthorizationListItem[];
  /** The end dates shown are before this date. */
  endingBefore: string;
}

interface AuthorizationsState {
  byPatient: Record<string, Loaded<Authorization[]>>;
  loadForPatient: (patientId: string) => Promise<void>;
  worklist: Loaded<Worklist> | null;
  loadWorklist: (endingBefore: string) => Promise<void>;
  refreshAll: () => void;
}

const seqs = new Map<string, number>();
function next(key: string): number {
  const n = (seqs.get(key) ?? 0) + 1;
  seqs.set(key, n);
  return n;
}
const current = (key: string, n: number) => seqs.get(key) === n;

export const useAuthorizationsStore = create<AuthorizationsState>()((set, get) => ({
  byPatient: {},

  async loadForPatient(patientId) {
    const key = `p|${patientId}`;
    const n = next(key);
    const prev = get().byPatient[patientId];
    const put = (v: Loaded<Authorization[]>) => set((s) => ({ byPatient: { ...s.byPatient, [patientId]: v } }));
    if (!prev?.data) put({ data: null, status: 'loading', error: null });
    try {
      const data = await api.call('authorizations.listForPatient', { patientId });
      if (current(key, n)) put({ data, status: 'ready', error: null });
    } catch (err) {
      if (current(key, n)) put({ data: prev?.data ?? null, status: 'error', error: errorText(err) });
    }
  },

  worklist: null,

  async loadWorklist(endingBefore) {
    const n = next('worklist');
    const prev = get().worklist;
    // A different window is a different list: do not show the old one under the new heading.
    const keep = prev?.data?.endingBefore === endingBefore ? prev.data : null;
    if (!keep) set({ worklist: { data: null, status: 'loading', error: null } });
    try {
      const [waiting, ending] = await Promise.all([
        api.call('authorizations.list', { status: [...WAITING_STATUSES], limit: WORKLIST_LIMIT }),
        api.call('authorizations.list', { status: ['approved'], expiringBefore: endingBefore, limit: WORKLIST_LIMIT }),
      ]);
      if (current('worklist', n)) set({ worklist: { data: { waiting, ending, endingBefore }, status: 'ready', error: null } });
    } catch (err) {
      if (current('worklist', n)) set({ worklist: { data: keep, status: 'error', error: errorText(err) } });
    }
  },

  refreshAll() {
    const s = get();
    for (const id of Object.keys(s.byPatient)) void s.loadForPatient(id);
    if (s.worklist?.data) void s.loadWorklist(s.worklist.data.endingBefore);
  },
}));

/** Reload on the backend's change events while a screen showing authorizations is open. */
export function useAuthorizationsLiveData(): void {
  useEffect(() => {
    const refresh = () => useAuthorizationsStore.getState().refreshAll();
    const offs = (['schedule.changed', 'patients.changed', 'clinic.changed'] as const).map((t) => api.subscribe(t, refresh));
    return () => offs.forEach((off) => off());
  }, []);
}
