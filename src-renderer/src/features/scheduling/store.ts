/**
 * Scheduling: the consulting providers' availability (Settings), each open patient's
 * consultations, and the free consultation slots shown on the chart. Refreshed when the
 * backend says the schedule changed.
 */
import { create } from 'zustand';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import type { Consultation } from '../../../../src-shared/api/schemas/scheduling';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { withRecent } from '../../lib/recent';

type Availability = MethodOutput<'availability.list'>;
type FreeSlots = MethodOutput<'consultations.freeSlots'>;

interface Loaded<T> {
  data: T | null;
  status: 'loading' | 'ready' | 'error';
  error: string | null;
}

/** How many free slots the chart offers at a time. */
export const SLOT_LIMIT = 36;
/** How far ahead the chart looks for a first consultation. */
export const SLOT_DAYS = 21;

interface SchedulingState {
  availability: Loaded<Availability> | null;
  loadAvailability: () => Promise<void>;

  consultations: Record<string, Loaded<Consultation[]>>;
  loadConsultations: (patientId: string) => Promise<void>;

  /** Keyed by slotKey(patientId, staffId, from). */
  slots: Record<string, Loaded<FreeSlots>>;
  /**
   * `from`: search from this instant (later pages); null: from now. `reuseRecent`: an ask for the
   * same slots sent in the last few seconds is enough (the chart asks for the first page as it
   * opens, alongside the consultations, and the picker that shows it mounts once they answer).
   */
  loadSlots: (patientId: string, staffId: string | null, from: number | null, opts?: { reuseRecent?: boolean }) => Promise<void>;

  refreshAll: () => void;
}

export const slotKey = (patientId: string, staffId: string | null, from: number | null) => `${patientId}|${staffId ?? ''}|${from ?? ''}`;

const seqs = new Map<string, number>();
function next(key: string): number {
  const n = (seqs.get(key) ?? 0) + 1;
  seqs.set(key, n);
  return n;
}
const current = (key: string, n: number) => seqs.get(key) === n;

/** The last ask for each slot key: what `reuseRecent` shares, if it is still the latest and young. */
const SLOT_SHARE_MS = 3000;
const slotAsks = new Map<string, { n: number; at: number; done: Promise<void> }>();

export const useSchedulingStore = create<SchedulingState>()((set, get) => ({
  availability: null,

  async loadAvailability() {
    const n = next('availability');
    const prev = get().availability;
    if (!prev?.data) set({ availability: { data: null, status: 'loading', error: null } });
    try {
      const data = await api.call('availability.list', {});
      if (current('availability', n)) set({ availability: { data, status: 'ready', error: null } });
    } catch (err) {
      if (current('availability', n)) set({ availability: { data: prev?.data ?? null, status: 'error', error: errorText(err) } });
    }
  },

  consultations: {},

  async loadConsultations(patientId) {
    const key = `c|${patientId}`;
    const n = next(key);
    const prev = get().consultations[patientId];
    // Only the charts opened lately are kept (lib/recent.ts): refreshAll reloads every one kept.
    const put = (v: Loaded<Consultation[]>) =>
      set((s) => {
        const { record, dropped } = withRecent(s.consultations, patientId, v);
        for (const k of dropped) seqs.delete(`c|${k}`);
        return { consultations: record };
      });
    if (!prev?.data) put({ data: null, status: 'loading', error: null });
    try {
      const data = await api.call('consultations.listForPatient', { patientId });
      if (current(key, n)) put({ data, status: 'ready', error: null });
    } catch (err) {
      if (current(key, n)) put({ data: prev?.data ?? null, status: 'error', error: errorText(err) });
    }
  },

  slots: {},

  loadSlots(patientId, staffId, from, opts) {
    const key = slotKey(patientId, staffId, from);
    const asked = slotAsks.get(key);
    if (opts?.reuseRecent && asked && current(`s|${key}`, asked.n) && Date.now() - asked.at < SLOT_SHARE_MS) return asked.done;
    const n = next(`s|${key}`);
    const done = askSlots(key, n, patientId, staffId, from);
    slotAsks.set(key, { n, at: Date.now(), done });
    return done;
  },

  refreshAll() {
    const s = get();
    if (s.availability) void s.loadAvailability();
    for (const id of Object.keys(s.consultations)) void s.loadConsultations(id);
    for (const key of Object.keys(s.slots)) {
      const [patientId, staffId, from] = key.split('|') as [string, string, string];
      void s.loadSlots(patientId, staffId || null, from ? Number(from) : null);
    }
  },
}));

/** One ask for free slots; its answer lands only if no later ask for the same key was sent. */
async function askSlots(key: string, n: number, patientId: string, staffId: string | null, from: number | null): Promise<void> {
  const { getState: get, setState: set } = useSchedulingStore;
  const prev = get().slots[key];
  // The slot searches of the charts opened lately (lib/recent.ts), each patient, provider and
  // first day apart; a search dropped here is forgotten with its counters.
  const put = (v: Loaded<FreeSlots>) =>
    set((s) => {
      const { record, dropped } = withRecent(s.slots, key, v);
      for (const k of dropped) {
        seqs.delete(`s|${k}`);
        slotAsks.delete(k);
      }
      return { slots: record };
    });
  if (!prev?.data) put({ data: null, status: 'loading', error: null });
  try {
    const data = await api.call('consultations.freeSlots', {
      patientId,
      ...(staffId ? { staffId } : {}),
      ...(from ? { from } : {}),
      days: SLOT_DAYS,
      limit: SLOT_LIMIT,
    });
    if (current(`s|${key}`, n)) put({ data, status: 'ready', error: null });
  } catch (err) {
    if (current(`s|${key}`, n)) put({ data: prev?.data ?? null, status: 'error', error: errorText(err) });
  }
}
