/**
 * Reminders: the templates and settings (Settings › Reminders) and the outbox. Reloaded when
 * the backend says reminders changed (it does after every booking, move or cancellation, as
 * it re-writes the outbox) or the schedule changed.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { MethodInput, MethodOutput } from '../../../../src-shared/api/contract';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';

export type ReminderTemplates = MethodOutput<'reminders.templates.list'>;
export type ReminderTemplate = ReminderTemplates[number];
export type ReminderSettings = MethodOutput<'reminders.settings.get'>;
export type OutboxList = MethodOutput<'reminders.outbox.list'>;
export type OutboxFilter = MethodInput<'reminders.outbox.list'>;

export interface Loaded<T> {
  data: T | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
}

interface RemindersState {
  templates: Loaded<ReminderTemplates> | null;
  settings: Loaded<ReminderSettings> | null;
  /** Outbox lists by filter key (one per open panel). */
  outbox: Record<string, Loaded<OutboxList> & { filter: OutboxFilter }>;
  loadTemplates: () => Promise<void>;
  loadSettings: () => Promise<void>;
  loadOutbox: (key: string, filter: OutboxFilter) => Promise<void>;
  refreshAll: () => void;
}

// Only the newest answer for each list is kept: a slow earlier reply must not overwrite it.
const seqs = new Map<string, number>();
const next = (key: string) => {
  const n = (seqs.get(key) ?? 0) + 1;
  seqs.set(key, n);
  return n;
};
const current = (key: string, n: number) => seqs.get(key) === n;

export const outboxKey = (filter: OutboxFilter) => JSON.stringify(filter);

export const useRemindersStore = create<RemindersState>()((set, get) => ({
  templates: null,
  settings: null,
  outbox: {},

  async loadTemplates() {
    const n = next('templates');
    const prev = get().templates;
    if (!prev?.data) set({ templates: { data: null, status: 'loading', error: null } });
    try {
      const data = await api.call('reminders.templates.list', {});
      if (current('templates', n)) set({ templates: { data, status: 'ready', error: null } });
    } catch (err) {
      if (current('templates', n)) set({ templates: { data: prev?.data ?? null, status: 'error', error: errorText(err) } });
    }
  },

  async loadSettings() {
    const n = next('settings');
    const prev = get().settings;
    if (!prev?.data) set({ settings: { data: null, status: 'loading', error: null } });
    try {
      const data = await api.call('reminders.settings.get', {});
      if (current('settings', n)) set({ settings: { data, status: 'ready', error: null } });
    } catch (err) {
      if (current('settings', n)) set({ settings: { data: prev?.data ?? null, status: 'error', error: errorText(err) } });
    }
  },

  async loadOutbox(key, filter) {
    const seqKey = `outbox|${key}`;
    const n = next(seqKey);
    const prev = get().outbox[key];
    const put = (v: Loaded<OutboxList>) => set((s) => ({ outbox: { ...s.outbox, [key]: { ...v, filter } } }));
    if (!prev?.data) put({ data: null, status: 'loading', error: null });
    try {
      const data = await api.call('reminders.outbox.list', filter);
      if (current(seqKey, n)) put({ data, status: 'ready', error: null });
    } catch (err) {
      if (current(seqKey, n)) put({ data: prev?.data ?? null, status: 'error', error: errorText(err) });
    }
  },

  refreshAll() {
    const s = get();
    if (s.templates) void s.loadTemplates();
    if (s.settings) void s.loadSettings();
    for (const [key, entry] of Object.entries(s.outbox)) void s.loadOutbox(key, entry.filter);
  },
}));

/** Keep whatever is loaded current while a reminders view is open. */
export function useRemindersLiveData(): void {
  useEffect(() => {
    const refresh = () => useRemindersStore.getState().refreshAll();
    const offs = [api.subscribe('reminders.changed', refresh), api.subscribe('schedule.changed', refresh), api.subscribe('clinic.changed', refresh)];
    return () => offs.forEach((off) => off());
  }, []);
}
