/**
 * Settings › Infusion floor: series templates, supervision shifts and suite closures. Each
 * list is loaded when its section first shows, and reloaded when the backend says the
 * schedule changed (every write here publishes 'schedule.changed') or the clinic changed
 * (a staff member added or renamed, a suite renamed).
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { MethodOutput } from '../../../../../src-shared/api/contract';
import { api } from '../../../api/client';
import { errorText } from '../../../lib/errors';

export type Templates = MethodOutput<'series.templates.list'>;
export type SeriesTemplate = Templates[number];
export type StaffShifts = MethodOutput<'shifts.list'>[number];
export type Closure = MethodOutput<'closures.list'>[number];

export interface Loaded<T> {
  data: T | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
}

type ListKey = 'templates' | 'shifts' | 'closures';

interface FloorState {
  templates: Loaded<Templates> | null;
  shifts: Loaded<StaffShifts[]> | null;
  closures: Loaded<Closure[]> | null;
  load: (key: ListKey) => Promise<void>;
  /** Reload whatever has been loaded (a list nobody has opened stays unloaded). */
  refreshAll: () => void;
}

// Only the newest answer for a list is kept: a slow earlier reply must not overwrite it.
const seqs: Record<ListKey, number> = { templates: 0, shifts: 0, closures: 0 };

const fetchers: { [K in ListKey]: () => Promise<NonNullable<FloorState[K]>['data']> } = {
  templates: () => api.call('series.templates.list', {}),
  shifts: () => api.call('shifts.list', {}),
  // Closures still to come or under way (the backend's default: ending after now).
  closures: () => api.call('closures.list', {}),
};

export const useFloorStore = create<FloorState>()((set, get) => ({
  templates: null,
  shifts: null,
  closures: null,

  async load(key) {
    const n = ++seqs[key];
    const prev = get()[key];
    if (!prev?.data) set({ [key]: { data: null, status: 'loading', error: null } });
    try {
      const data = await fetchers[key]();
      if (seqs[key] === n) set({ [key]: { data, status: 'ready', error: null } });
    } catch (err) {
      if (seqs[key] === n) set({ [key]: { data: prev?.data ?? null, status: 'error', error: errorText(err) } });
    }
  },

  refreshAll() {
    const s = get();
    for (const key of ['templates', 'shifts', 'closures'] as const) if (s[key]) void s.load(key);
  },
}));

/** Load a list on first show and keep it fresh while the screen is open. */
export function useFloorList<K extends ListKey>(key: K): FloorState[K] {
  const entry = useFloorStore((s) => s[key]);
  useEffect(() => {
    void useFloorStore.getState().load(key);
  }, [key]);
  return entry;
}

/** Reload on the backend's change events while Settings is open. */
export function useFloorLiveData(): void {
  useEffect(() => {
    const refresh = () => useFloorStore.getState().refreshAll();
    const offSchedule = api.subscribe('schedule.changed', refresh);
    const offClinic = api.subscribe('clinic.changed', refresh);
    return () => {
      offSchedule();
      offClinic();
    };
  }, []);
}
