/** A patient's infusion series on the chart, reloaded when the backend says the schedule changed. */
import { create } from 'zustand';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { withRecent } from '../../lib/recent';

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

/** Only the charts opened lately are kept (lib/recent.ts): refreshAll reloads every one kept. */
const put = (patientId: string, entry: Entry) => useSeriesStore.setState((s) => ({ byPatient: withRecent(s.byPatient, patientId, entry).record }));

export const useSeriesStore = create<SeriesState>()((_set, get) => ({
  byPatient: {},
  async load(patientId) {
    try {
      const data = await api.call('series.listForPatient', { patientId });
      put(patientId, { data, error: null });
    } catch (err) {
      put(patientId, { data: get().byPatient[patientId]?.data ?? null, error: errorText(err) });
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
