/**
 * Prior authorizations: each open chart's list, and the work list across patients (waiting
 * for a decision; approved and ending soon; ended), a page at a time. Sessions given and booked
 * are counted by the backend from the sessions, so both reload when the schedule changes, as well as when a patient or a
 * payer is renamed.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { z } from 'zod';
import type { Authorization, AuthorizationPage, listAuthorizationsInput } from '../../../../src-shared/api/schemas/series';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { withRecent } from '../../lib/recent';

type AuthorizationListInput = z.input<typeof listAuthorizationsInput>;

export interface Loaded<T> {
  data: T | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
}

/** Rows on one page of a work-list table; the table pages through the rest. */
export const PAGE_SIZE = 25;
const KEEP_PAGES = 6;
export const WAITING_STATUSES = ['draft', 'submitted', 'pending'] as const;

/** One work-list table's question: which statuses, which end dates, which page. */
export interface WorklistQuery {
  status: AuthorizationListInput['status'];
  expiringBefore?: string;
  endingFrom?: string;
  offset: number;
}
export const queryKey = (q: WorklistQuery) => JSON.stringify([q.status, q.expiringBefore ?? null, q.endingFrom ?? null, q.offset]);

interface AuthorizationsState {
  byPatient: Record<string, Loaded<Authorization[]>>;
  loadForPatient: (patientId: string) => Promise<void>;
  /** Work-list pages by `queryKey`: the last few asked for, refreshed on change events. */
  pages: Record<string, Loaded<AuthorizationPage> & { query: WorklistQuery }>;
  loadPage: (q: WorklistQuery) => Promise<void>;
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
    // Only the charts opened lately are kept (lib/recent.ts): refreshAll reloads every one kept.
    const put = (v: Loaded<Authorization[]>) =>
      set((s) => {
        const { record, dropped } = withRecent(s.byPatient, patientId, v);
        for (const k of dropped) seqs.delete(`p|${k}`);
        return { byPatient: record };
      });
    if (!prev?.data) put({ data: null, status: 'loading', error: null });
    try {
      const data = await api.call('authorizations.listForPatient', { patientId });
      if (current(key, n)) put({ data, status: 'ready', error: null });
    } catch (err) {
      if (current(key, n)) put({ data: prev?.data ?? null, status: 'error', error: errorText(err) });
    }
  },

  pages: {},

  async loadPage(query) {
    const key = queryKey(query);
    const n = next(`page|${key}`);
    const prev = get().pages[key];
    // Keep the last few pages (the screen's two tables and the pages just left) and forget older ones.
    const put = (v: Loaded<AuthorizationPage>) =>
      set((s) => {
        const rest = Object.entries(s.pages).filter(([k]) => k !== key).slice(-(KEEP_PAGES - 1));
        return { pages: { ...Object.fromEntries(rest), [key]: { ...v, query } } };
      });
    if (!prev?.data) put({ data: null, status: 'loading', error: null });
    try {
      const { offset, ...filter } = query;
      const data = await api.call('authorizations.list', { ...filter, offset, limit: PAGE_SIZE });
      if (current(`page|${key}`, n)) put({ data, status: 'ready', error: null });
    } catch (err) {
      if (current(`page|${key}`, n)) put({ data: prev?.data ?? null, status: 'error', error: errorText(err) });
    }
  },

  refreshAll() {
    const s = get();
    for (const id of Object.keys(s.byPatient)) void s.loadForPatient(id);
    for (const p of Object.values(s.pages)) void s.loadPage(p.query);
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
