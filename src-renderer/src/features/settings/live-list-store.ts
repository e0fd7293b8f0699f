/**
 * A Settings list kept loaded and fresh while its page is open (payer rule sets, letter
 * templates): loaded when the page shows, reloaded when the backend publishes 'clinic.changed'
 * (every settings write does, on this computer or after a sync). An answer that arrives after a
 * newer one was asked for (or after `put`) is dropped, so the list never goes back in time.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';

export interface LiveListState<T> {
  list: T[] | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  reload: () => Promise<void>;
  /** An item the backend just returned (after a save), in place of the listed one with the same key. */
  put: (item: T) => void;
}

export function createLiveListStore<T>(load: () => Promise<T[]>, sameItem: (a: T, b: T) => boolean) {
  let seq = 0;
  const useStore = create<LiveListState<T>>()((set, get) => ({
    list: null,
    status: 'idle',
    error: null,
    async reload() {
      const n = ++seq;
      if (!get().list) set({ status: 'loading' });
      try {
        const list = await load();
        if (n === seq) set({ list, status: 'ready', error: null });
      } catch (err) {
        if (n === seq) set({ status: get().list ? 'ready' : 'error', error: errorText(err) });
      }
    },
    put(item) {
      // A reload already on its way may have read before the save: let this answer stand.
      seq++;
      const list = get().list;
      set({ list: list ? list.map((x) => (sameItem(x, item) ? item : x)) : [item] });
    },
  }));
  /** Keep the list loaded and fresh while the page using it is open. */
  const useLive = (): void => {
    const reload = useStore((s) => s.reload);
    useEffect(() => {
      void reload();
      return api.subscribe('clinic.changed', () => void reload());
    }, [reload]);
  };
  return { useStore, useLive };
}
