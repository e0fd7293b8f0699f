/**
 * Words for the records screens: what state a record is in, who it matched and why, and
 * file sizes. Pure; the backend's own reasons are shown as written.
 */
import type { InboxBucket, MatchState, RecordStatus, RecordSummary } from '../../../../src-shared/api/schemas/records';
import { RECORD_TYPES, RECORD_TYPE_LABELS } from '../../../../src-shared/api/schemas/records';
import { formatCalendarDate } from '../../../../src-shared/domain/dates';

export const RECORD_TYPE_OPTIONS = RECORD_TYPES.map((t) => ({ value: t, label: RECORD_TYPE_LABELS[t] }));

export const STATUS_LABELS: Record<RecordStatus, string> = {
  queued: 'Waiting to be read',
  extracting: 'Being read',
  indexed: 'Read',
  failed: 'Could not be read',
  missing: 'Original missing',
  duplicate: 'Duplicate',
};

export const MATCH_LABELS: Record<MatchState, string> = {
  unmatched: 'No patient found',
  suggested: 'Suggested patient',
  matched: 'Matched automatically',
  confirmed: 'Confirmed',
  rejected: 'Rejected',
};

export type BadgeTone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

export function matchTone(state: MatchState): BadgeTone {
  if (state === 'confirmed') return 'success';
  if (state === 'matched') return 'info';
  if (state === 'suggested') return 'warning';
  if (state === 'rejected') return 'neutral';
  return 'danger';
}

export function statusTone(status: RecordStatus): BadgeTone {
  if (status === 'indexed') return 'success';
  if (status === 'failed' || status === 'missing') return 'danger';
  if (status === 'duplicate') return 'neutral';
  return 'info';
}

/** Inbox tabs: one for what a person must look at, then one per problem. */
export interface InboxTab {
  key: string;
  label: string;
  show: InboxBucket[];
}

export const INBOX_TABS: readonly InboxTab[] = [
  { key: 'review', label: 'To review', show: ['unmatched', 'suggested', 'matched'] },
  { key: 'pending', label: 'Being read', show: ['pending'] },
  { key: 'failed', label: 'Could not be read', show: ['failed'] },
  { key: 'duplicate', label: 'Duplicates', show: ['duplicate'] },
  { key: 'missing', label: 'Missing originals', show: ['missing'] },
];

export function tabCount(tab: InboxTab, counts: Partial<Record<InboxBucket, number>>): number {
  return tab.show.reduce((n, b) => n + (counts[b] ?? 0), 0);
}

export function sizeText(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** "Ramirez, Ana · born 03/14/1971 · MRN 004512" for a matched or suggested patient. */
export function matchedPatientText(m: RecordSummary['match']): string | null {
  if (!m.patientName) return null;
  const parts = [m.patientName];
  if (m.patientDateOfBirth) parts.push(`born ${formatCalendarDate(m.patientDateOfBirth)}`);
  if (m.patientMrn) parts.push(`MRN ${m.patientMrn}`);
  return parts.join(' · ');
}

/** "3 pages, 1 read by OCR" / "Text layer" — how the words were read. */
export function readText(r: Pick<RecordSummary, 'pages' | 'ocrPages' | 'method'>): string | null {
  if (r.pages === null) return null;
  const pages = `${r.pages} page${r.pages === 1 ? '' : 's'}`;
  if (r.method === 'ocr') return `${pages}, read by OCR`;
  if (r.method === 'mixed') return `${pages}, ${r.ocrPages} read by OCR`;
  return pages;
}
