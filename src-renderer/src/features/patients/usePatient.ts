import { useLayoutEffect } from 'react';
import { usePatientsStore, type DetailEntry } from './store';

/**
 * The patient with this id from the cache, loading (or reloading) it when the page opens.
 * Asked in a layout effect, which runs before any component's ordinary effects: the chart's
 * panels ask for their own data in theirs, and the patient's details, which the top of the
 * chart waits for, go first.
 */
export function usePatient(id: string): DetailEntry | undefined {
  const entry = usePatientsStore((s) => s.details[id]);
  useLayoutEffect(() => {
    void usePatientsStore.getState().loadPatient(id);
  }, [id]);
  return entry;
}
