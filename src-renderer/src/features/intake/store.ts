/**
 * Intake: the reference lists (ICD-10, Budapest checklist, screening questions, treatment
 * labels, instruments), each open patient's intake record, and the work list of intakes to
 * complete. Refreshed when the backend says intake (or patients) changed.
 */
import { create } from 'zustand';
import type { IntakeRecord, IntakeReference, IntakeSection, WorklistItem } from '../../../../src-shared/api/schemas/intake';
import { ApiError } from '../../../../src-shared/api/errors';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { withRecent } from '../../lib/recent';

type Status = 'idle' | 'loading' | 'ready' | 'error';

export interface RecordEntry {
  record: IntakeRecord | null;
  status: 'loading' | 'ready' | 'error' | 'gone';
  error: string | null;
}

interface FocusRequest {
  section: IntakeSection;
  seq: number;
}

interface IntakeState {
  reference: IntakeReference | null;
  referenceStatus: Status;
  referenceError: string | null;
  ensureReference: () => void;
  loadReference: () => Promise<void>;

  records: Record<string, RecordEntry>;
  loadRecord: (patientId: string) => Promise<void>;

  /**
   * One page of the work list: `offset` is where the shown page starts, `total` how many
   * intakes are incomplete in all. `paging` is true while another page is on its way (the
   * shown rows stay until it arrives).
   */
  worklist: { items: WorklistItem[]; total: number; offset: number; paging: boolean; status: Status; error: string | null };
  /** Load the page starting at `offset` (default: the page shown now). */
  loadWorklist: (offset?: number) => Promise<void>;

  /** The completeness panel asks a section to show its form and take the cursor. */
  focusRequest: FocusRequest | null;
  requestFocus: (section: IntakeSection) => void;

  /** After a change event: reload every open record and the work list. */
  refreshAll: () => void;
}

const KEEP_RECORDS = 10;
/** Rows on one page of Today's work list: a screenful, so 1,000+ intakes never draw at once. */
export const WORKLIST_PAGE_SIZE = 25;
const recordSeq = new Map<string, number>();
let worklistSeq = 0;
let focusSeq = 0;

export const useIntakeStore = create<IntakeState>()((set, get) => ({
  reference: null,
  referenceStatus: 'idle',
  referenceError: null,

  ensureReference() {
    if (get().referenceStatus === 'idle' || get().referenceStatus === 'error') void get().loadReference();
  },

  async loadReference() {
    set({ referenceStatus: 'loading' });
    try {
      const reference = await api.call('intake.reference', {});
      set({ reference, referenceStatus: 'ready', referenceError: null });
    } catch (err) {
      set({ referenceStatus: 'error', referenceError: errorText(err) });
    }
  },

  records: {},

  async loadRecord(patientId) {
    const seq = (recordSeq.get(patientId) ?? 0) + 1;
    recordSeq.set(patientId, seq);
    const prev = get().records[patientId];
    if (!prev?.record) setRecord(patientId, { record: null, status: 'loading', error: null });
    try {
      const record = await api.call('intake.get', { patientId });
      if (recordSeq.get(patientId) !== seq) return;
      setRecord(patientId, { record, status: 'ready', error: null });
    } catch (err) {
      if (recordSeq.get(patientId) !== seq) return;
      const gone = err instanceof ApiError && err.code === 'NOT_FOUND';
      setRecord(patientId, { record: gone ? null : (prev?.record ?? null), status: gone ? 'gone' : 'error', error: errorText(err) });
    }
  },

  worklist: { items: [], total: 0, offset: 0, paging: false, status: 'idle', error: null },

  async loadWorklist(offset) {
    const mine = ++worklistSeq;
    const prev = get().worklist;
    const want = pageStart(offset ?? prev.offset);
    if (prev.status !== 'ready') set({ worklist: { ...prev, status: 'loading' } });
    else if (want !== prev.offset) set({ worklist: { ...prev, paging: true } });
    try {
      let out = await api.call('intake.worklist', { limit: WORKLIST_PAGE_SIZE, offset: want });
      let at = want;
      // The list got shorter while a later page was open (intakes completed): show its last page.
      if (out.items.length === 0 && out.total > 0 && at > 0) {
        at = pageStart(out.total - 1);
        out = await api.call('intake.worklist', { limit: WORKLIST_PAGE_SIZE, offset: at });
      }
      if (mine !== worklistSeq) return;
      set({ worklist: { items: out.items, total: out.total, offset: at, paging: false, status: 'ready', error: null } });
    } catch (err) {
      if (mine !== worklistSeq) return;
      set({ worklist: { ...get().worklist, paging: false, status: 'error', error: errorText(err) } });
    }
  },

  focusRequest: null,
  requestFocus(section) {
    set({ focusRequest: { section, seq: ++focusSeq } });
  },

  refreshAll() {
    for (const id of Object.keys(get().records)) void get().loadRecord(id);
    if (get().worklist.status !== 'idle') void get().loadWorklist();
  },
}));

/** The first row of the page holding row `index` (pages start at multiples of the page size). */
function pageStart(index: number): number {
  return Math.max(0, Math.floor(index / WORKLIST_PAGE_SIZE) * WORKLIST_PAGE_SIZE);
}

function setRecord(patientId: string, entry: RecordEntry): void {
  useIntakeStore.setState((s) => {
    const { record, dropped } = withRecent(s.records, patientId, entry, KEEP_RECORDS);
    for (const k of dropped) recordSeq.delete(k);
    return { records: record };
  });
}

/** Reload the patient's intake after a save, without waiting for the change event. */
export function reloadIntake(patientId: string): Promise<void> {
  return useIntakeStore.getState().loadRecord(patientId);
}
