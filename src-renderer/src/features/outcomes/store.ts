/**
 * Outcomes on screen: the reference (instruments, time points, follow-ups, the comparison
 * rule), each open patient's outcomes, reloaded when scores, dispositions or the schedule
 * change.
 */
import { create } from 'zustand';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';

export type Reference = MethodOutput<'outcomes.reference'>;
export type PatientOutcomes = MethodOutput<'outcomes.patientSummary'>;

interface Entry {
  data: PatientOutcomes | null;
  error: string | null;
}

interface OutcomesState {
  reference: Reference | null;
  referenceError: string | null;
  ensureReference: () => void;
  byPatient: Record<string, Entry>;
  load: (patientId: string) => Promise<void>;
  /** Bumped on every outcomes change: work lists reload on it. */
  version: number;
  refreshAll: () => void;
}

export const useOutcomesStore = create<OutcomesState>()((set, get) => ({
  reference: null,
  referenceError: null,
  ensureReference() {
    if (get().reference) return;
    api.call('outcomes.reference', {}).then(
      (reference) => set({ reference, referenceError: null }),
      (e: unknown) => set({ referenceError: errorText(e) }),
    );
  },
  byPatient: {},
  async load(patientId) {
    try {
      const data = await api.call('outcomes.patientSummary', { patientId });
      set({ byPatient: { ...get().byPatient, [patientId]: { data, error: null } } });
    } catch (e) {
      set({ byPatient: { ...get().byPatient, [patientId]: { data: get().byPatient[patientId]?.data ?? null, error: errorText(e) } } });
    }
  },
  version: 0,
  refreshAll() {
    set((s) => ({ version: s.version + 1 }));
    for (const id of Object.keys(get().byPatient)) void get().load(id);
  },
}));

let live = false;
/** Subscribe once: outcomes and schedule changes reload what is on screen. */
export function ensureOutcomesLive(): void {
  if (live) return;
  live = true;
  for (const topic of ['outcomes.changed', 'schedule.changed', 'patients.changed'] as const) {
    api.subscribe(topic, () => useOutcomesStore.getState().refreshAll());
  }
}
