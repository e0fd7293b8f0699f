/** A patient's infusion series on the chart, reloaded when the backend says the schedule changed. */
import { create } from 'zustand';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';

export type SeriesView = MethodOutput<'series.get'>;

interface Entry {
  data: SeriesView[] | null;
  error: string | null;
}

interface SeriesState {
  byPatient: Record<string, Entry>;
  load: (patientId: string) => Promise<void>;
  refreshAll: () => void;
}

export const useSeriesStore = create<SeriesState>()((set, get) => ({
  byPatient: {},
  async load(patientId) {
    try {
      const data = await api.call('series.listForPatient', { patientId });
      set({ byPatient: { ...get().byPatient, [patientId]: { data, error: null } } });
    } catch (err) {
      set({ byPatient: { ...get().byPatient, [patientId]: { data: get().byPatient[patientId]?.data ?? null, error: errorText(err) } } });
    }
  },
  refreshAll() {
    for (const id of Object.keys(get().byPatient)) void get().load(id);
  },
}));

let subscribed = false;
/** Subscribe once, on first use: any schedule change reloads the series on open charts. */
export function ensureSeriesLive(): void {
  if (subscribed) return;
  subscribed = true;
  api.subscribe('schedule.changed', () => useSeriesStore.getState().refreshAll());
}
