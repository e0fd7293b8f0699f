import { useEffect } from 'react';
import { usePatientsStore, type DetailEntry } from './store';

/** The patient with this id from the cache, loading (or reloading) it when the page opens. */
export function usePatient(id: string): DetailEntry | undefined {
  const entry = usePatientsStore((s) => s.details[id]);
  useEffect(() => {
    void usePatientsStore.getState().loadPatient(id);
  }, [id]);
  return entry;
}
