/**
 * Settings › Letter templates: each letter's template as new drafts use it (the clinic's copy,
 * else the built-in one), kept fresh while the page is open (a save or a reset publishes
 * 'clinic.changed', on this computer or after a sync).
 */
import type { LetterTemplateView } from '../../../../../src-shared/api/schemas/letter-templates';
import { api } from '../../../api/client';
import { createLiveListStore } from '../live-list-store';

const templates = createLiveListStore<LetterTemplateView>(
  () => api.call('letterTemplates.list', {}),
  (a, b) => a.kind === b.kind,
);

export const useLetterTemplatesStore = templates.useStore;
/** Keep the templates loaded and fresh while the Letter templates page is open. */
export const useLetterTemplatesLive = templates.useLive;
