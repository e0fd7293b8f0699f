/**
 * Live state shared by the records screens: indexing progress, and a change counter the
 * inbox, search and chart lists reload on. The backend pushes 'records.changed' with the
 * progress while files are read, and with `{ method }` after a person's decision.
 */
import { create } from 'zustand';
import type { RecordsProgress } from '../../../../src-shared/api/schemas/records';
import { progressSchema } from '../../../../src-shared/api/schemas/records';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';

interface RecordsState {
  progress: RecordsProgress | null;
  progressError: string | null;
  /** Bumped on every records change: lists reload when it moves. */
  version: number;
  loadProgress: () => Promise<void>;
  changed: (payload: unknown) => void;
}

/**
 * While hundreds of files are read the backend sends progress four times a second; the
 * figures follow at once, the lists reload at most once a second (the last push always lands).
 */
const LIST_RELOAD_GAP_MS = 1000;
let reloadTimer: ReturnType<typeof setTimeout> | null = null;
let lastReloadAt = 0;

export const useRecordsStore = create<RecordsState>()((set, get) => ({
  progress: null,
  progressError: null,
  version: 0,
  async loadProgress() {
    try {
      set({ progress: await api.call('records.progress', {}), progressError: null });
    } catch (err) {
      set({ progressError: errorText(err) });
    }
  },
  changed(payload) {
    // Progress events carry the figures; anything else (a decision, a reconnect) means ask.
    const sent = (payload as { progress?: unknown } | null)?.progress;
    const parsed = sent === undefined ? null : progressSchema.safeParse(sent);
    const bump = () => {
      lastReloadAt = Date.now();
      set((s) => ({ version: s.version + 1 }));
    };
    if (parsed?.success) {
      set({ progress: parsed.data, progressError: null });
      if (reloadTimer) return;
      reloadTimer = setTimeout(
        () => {
          reloadTimer = null;
          bump();
        },
        Math.max(0, lastReloadAt + LIST_RELOAD_GAP_MS - Date.now()),
      );
    } else {
      // A person's decision: show it now.
      void get().loadProgress();
      bump();
    }
  },
}));

let live = false;
/** Subscribe once for the whole window; the screens only read the store. */
export function ensureRecordsLive(): void {
  if (live) return;
  live = true;
  api.subscribe('records.changed', (payload) => useRecordsStore.getState().changed(payload));
  // A patient renamed or merged changes the names shown beside records.
  api.subscribe('patients.changed', () => useRecordsStore.getState().changed(null));
  void useRecordsStore.getState().loadProgress();
}

export type PatientRecordList = MethodOutput<'records.listForPatient'>;
/** How long an answer is shared: one opening of a chart, not a session's worth. */
const SHARE_MS = 3000;
type SharedList = { answer: Promise<PatientRecordList>; askedAt: number; value?: PatientRecordList };
const patientLists = new Map<string, SharedList>();

/**
 * One patient's records, shared by the chart's panels that show them (the records panel, the
 * record picker beside prior treatments): a chart opening asks once, not once per panel. An
 * answer is shared while it is in flight or for a few seconds after, and never across a records
 * change (the version moves); `fresh` always asks (a panel reloading on a change it was told of).
 */
export function patientRecords(patientId: string, opts: { fresh?: boolean } = {}): Promise<PatientRecordList> {
  const key = `${useRecordsStore.getState().version}|${patientId}`;
  const now = Date.now();
  const had = patientLists.get(key);
  if (had && !opts.fresh && now - had.askedAt < SHARE_MS) return had.answer;
  for (const [k, v] of patientLists) if (now - v.askedAt >= SHARE_MS) patientLists.delete(k);
  const answer = api.call('records.listForPatient', { patientId });
  const entry: SharedList = { answer, askedAt: now };
  patientLists.set(key, entry);
  answer.then(
    (value) => (entry.value = value),
    () => patientLists.get(key) === entry && patientLists.delete(key),
  );
  return answer;
}

/** The shared answer for this patient if it is in and still shared (see patientRecords), else undefined. */
export function settledPatientRecords(patientId: string): PatientRecordList | undefined {
  const had = patientLists.get(`${useRecordsStore.getState().version}|${patientId}`);
  return had && Date.now() - had.askedAt < SHARE_MS ? had.value : undefined;
}
