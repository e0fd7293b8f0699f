/**
 * What the drag check says while a session is being dragged. Its own tiny store so only the
 * hint line re-renders on each pointer move, never the calendars.
 */
import { create } from 'zustand';

interface DragHintState {
  text: string | null;
  kind: 'refused' | 'warning' | null;
  show: (kind: 'refused' | 'warning', text: string) => void;
  clear: () => void;
}

export const useDragHint = create<DragHintState>()((set, get) => ({
  text: null,
  kind: null,
  show(kind, text) {
    if (get().text !== text || get().kind !== kind) set({ kind, text });
  },
  clear() {
    if (get().text !== null) set({ kind: null, text: null });
  },
}));
