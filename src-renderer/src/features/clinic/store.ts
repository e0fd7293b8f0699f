/**
 * Clinic data every screen may need: settings (name, time zone, hours), suites, staff and
 * payers. Loaded once, refreshed when the backend says the clinic changed.
 */
import { create } from 'zustand';
import type { ClinicSettings, Payer, Staff, Suite } from '../../../../src-shared/api/schemas/clinic';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';

type Status = 'idle' | 'loading' | 'ready' | 'error';

interface ClinicState {
  status: Status;
  error: string | null;
  settings: ClinicSettings | null;
  suites: Suite[];
  staff: Staff[];
  payers: Payer[];
  /** Load everything (first use) or reload it (after a change). */
  refresh: () => Promise<void>;
  ensureLoaded: () => void;
  /** Replace cached rows right after a save, before the change event arrives. */
  setSettings: (s: ClinicSettings) => void;
  upsertSuite: (s: Suite) => void;
  upsertStaff: (s: Staff) => void;
  upsertPayer: (p: Payer) => void;
}

let generation = 0;

function upsert<T extends { id: string }>(list: T[], row: T): T[] {
  const i = list.findIndex((x) => x.id === row.id);
  if (i === -1) return [...list, row];
  const next = list.slice();
  next[i] = row;
  return next;
}

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, undefined, { sensitivity: 'base' });

export const useClinicStore = create<ClinicState>()((set, get) => ({
  status: 'idle',
  error: null,
  settings: null,
  suites: [],
  staff: [],
  payers: [],

  async refresh() {
    const mine = ++generation;
    if (get().status !== 'ready') set({ status: 'loading' });
    try {
      const [settings, suites, staff, payers] = await Promise.all([
        api.call('settings.get', {}),
        api.call('suites.list', { includeInactive: true }),
        api.call('staff.list', {}),
        api.call('payers.list', {}),
      ]);
      if (mine !== generation) return; // a newer refresh is on its way
      set({ status: 'ready', error: null, settings, suites, staff, payers });
    } catch (err) {
      if (mine !== generation) return;
      set({ status: get().settings ? 'ready' : 'error', error: errorText(err) });
    }
  },

  ensureLoaded() {
    if (get().status === 'idle') void get().refresh();
  },

  setSettings: (settings) => set({ settings }),
  upsertSuite: (s) => set({ suites: upsert(get().suites, s) }),
  upsertStaff: (s) => set({ staff: upsert(get().staff, s).sort(byName) }),
  upsertPayer: (p) => set({ payers: upsert(get().payers, p).sort(byName) }),
}));

/** The zone the clinic works in; the viewer's own until settings have loaded. */
export function useClinicTimeZone(): string {
  return useClinicStore((s) => s.settings?.timeZone ?? Intl.DateTimeFormat().resolvedOptions().timeZone);
}
