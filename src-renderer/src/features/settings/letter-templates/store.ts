/**
 * Settings › Letter templates: each letter's template as new drafts use it (the clinic's copy,
 * else the built-in one). Loaded when the page shows, reloaded when the backend says the clinic
 * changed (a save or a reset publishes 'clinic.changed', on this computer or after a sync).
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { LetterTemplateView } from '../../../../../src-shared/api/schemas/letter-templates';
import { api } from '../../../api/client';
import { errorText } from '../../../lib/errors';

interface LetterTemplatesState {
  list: LetterTemplateView[] | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  reload: () => Promise<void>;
  /** A template the backend just returned (after a save or reset), in place of the listed one. */
  put: (t: LetterTemplateView) => void;
}

let seq = 0;

export const useLetterTemplatesStore = create<LetterTemplatesState>()((set, get) => ({
  list: null,
  status: 'idle',
  error: null,
  async reload() {
    const n = ++seq;
    if (!get().list) set({ status: 'loading' });
    try {
      const list = await api.call('letterTemplates.list', {});
      if (n === seq) set({ list, status: 'ready', error: null });
    } catch (err) {
      if (n === seq) set({ status: get().list ? 'ready' : 'error', error: errorText(err) });
    }
  },
  put(t) {
    // A reload already on its way may have read before the save: let this answer stand.
    seq++;
    const list = get().list;
    set({ list: list ? list.map((x) => (x.kind === t.kind ? t : x)) : [t] });
  },
}));

/** Keep the templates loaded and fresh while the Letter templates page is open. */
export function useLetterTemplatesLive(): void {
  const reload = useLetterTemplatesStore((s) => s.reload);
  useEffect(() => {
    void reload();
    return api.subscribe('clinic.changed', () => void reload());
  }, [reload]);
}
