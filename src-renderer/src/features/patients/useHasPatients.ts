/**
 * Whether the clinic has registered any patient yet (null while asked): an empty list on a new
 * clinic says how to begin, not that everything is done. Asked again when patients change.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { useCan } from '../auth/store';

export function useHasPatients(): boolean | null {
  const reads = useCan('patients.read');
  const [has, setHas] = useState<boolean | null>(null);
  useEffect(() => {
    if (!reads) return;
    let live = true;
    const ask = () =>
      api.call('patients.search', { q: '', limit: 1 }).then(
        (r) => live && setHas(r.items.length > 0),
        () => live && setHas(null),
      );
    void ask();
    const off = api.subscribe('patients.changed', () => void ask());
    return () => {
      live = false;
      off();
    };
  }, [reads]);
  return has;
}
