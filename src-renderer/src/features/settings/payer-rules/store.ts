/**
 * Settings › Payers: the payer rule sets (templates and the clinic's copies) with the payers
 * each one serves, kept fresh while a Payers page is open (every payer-rule write publishes
 * 'clinic.changed', as adding a payer does).
 */
import type { RuleSetSummary } from '../../../../../src-shared/api/schemas/payer-rules';
import { api } from '../../../api/client';
import { createLiveListStore } from '../live-list-store';

const ruleSets = createLiveListStore<RuleSetSummary>(
  () => api.call('payerRules.list', {}),
  (a, b) => a.key === b.key,
);

export const useRuleSetsStore = ruleSets.useStore;
/** Keep the list loaded and fresh while a Payers page is open. */
export const useRuleSetsLive = ruleSets.useLive;

/** "Template — confirm with the payer" until confirmed; then the date and who. */
export function confirmationWords(r: { confirmed: boolean; confirmedOn: string | null; confirmedBy: string | null }, shownDate: (d: string) => string): string {
  if (!r.confirmed || !r.confirmedOn) return 'Template — confirm with the payer';
  return `Confirmed with the payer on ${shownDate(r.confirmedOn)}${r.confirmedBy ? ` by ${r.confirmedBy}` : ''}`;
}
