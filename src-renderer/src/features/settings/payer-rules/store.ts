/**
 * Settings › Payers: the payer rule sets (templates and the clinic's copies) with the payers
 * each one serves. Loaded when the page shows, reloaded when the backend says the clinic
 * changed (every payer-rule write publishes 'clinic.changed', as adding a payer does).
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { RuleSetSummary } from '../../../../../src-shared/api/schemas/payer-rules';
import { api } from '../../../api/client';
import { errorText } from '../../../lib/errors';

interface RuleSetsState {
  list: RuleSetSummary[] | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  reload: () => Promise<void>;
}

let seq = 0;

export const useRuleSetsStore = create<RuleSetsState>()((set, get) => ({
  list: null,
  status: 'idle',
  error: null,
  async reload() {
    const n = ++seq;
    if (!get().list) set({ status: 'loading' });
    try {
      const list = await api.call('payerRules.list', {});
      if (n === seq) set({ list, status: 'ready', error: null });
    } catch (err) {
      if (n === seq) set({ status: get().list ? 'ready' : 'error', error: errorText(err) });
    }
  },
}));

/** Keep the list loaded and fresh while a Payers page is open. */
export function useRuleSetsLive(): void {
  const reload = useRuleSetsStore((s) => s.reload);
  useEffect(() => {
    void reload();
    return api.subscribe('clinic.changed', () => void reload());
  }, [reload]);
}

/** "Template — confirm with the payer" until confirmed; then the date and who. */
export function confirmationWords(r: { confirmed: boolean; confirmedOn: string | null; confirmedBy: string | null }, shownDate: (d: string) => string): string {
  if (!r.confirmed || !r.confirmedOn) return 'Template — confirm with the payer';
  return `Confirmed with the payer on ${shownDate(r.confirmedOn)}${r.confirmedBy ? ` by ${r.confirmedBy}` : ''}`;
}
