/** Each open patient's documents (generated summaries now, prior records later). */
import { create } from 'zustand';
import type { DocumentInfo } from '../../../../src-shared/api/schemas/documents';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { withRecent } from '../../lib/recent';

export interface DocumentsEntry {
  items: DocumentInfo[];
  status: 'loading' | 'ready' | 'error';
  error: string | null;
}

interface DocumentsState {
  byPatient: Record<string, DocumentsEntry>;
  load: (patientId: string) => Promise<void>;
  refreshAll: () => void;
}

const seqs = new Map<string, number>();

export const useDocumentsStore = create<DocumentsState>()((set, get) => ({
  byPatient: {},

  async load(patientId) {
    const seq = (seqs.get(patientId) ?? 0) + 1;
    seqs.set(patientId, seq);
    const prev = get().byPatient[patientId];
    // Only the charts opened lately are kept (lib/recent.ts): refreshAll reloads every one kept.
    const put = (entry: DocumentsEntry) =>
      set((s) => {
        const { record, dropped } = withRecent(s.byPatient, patientId, entry);
        for (const k of dropped) seqs.delete(k);
        return { byPatient: record };
      });
    if (!prev) put({ items: [], status: 'loading', error: null });
    try {
      const items = await api.call('documents.listForPatient', { patientId });
      if (seqs.get(patientId) === seq) put({ items, status: 'ready', error: null });
    } catch (err) {
      if (seqs.get(patientId) === seq) put({ items: prev?.items ?? [], status: 'error', error: errorText(err) });
    }
  },

  refreshAll() {
    for (const id of Object.keys(get().byPatient)) void get().load(id);
  },
}));
