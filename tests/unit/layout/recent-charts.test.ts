/**
 * The renderer's per-chart stores keep only the charts opened lately, so a change event (a
 * booking anywhere in the clinic fires `schedule.changed`) reloads those and not every chart
 * opened since the morning; an answer for a chart dropped while it was on its way is not kept.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

const calls: { method: string; input: Record<string, unknown> }[] = [];
const held: (() => void)[] = [];
let hold = false;
vi.mock('../../../src-renderer/src/api/client', () => ({
  api: {
    call: (method: string, input: Record<string, unknown>) => {
      calls.push({ method, input });
      const answer = method === 'consultations.freeSlots' ? { slots: [], searchedUntil: 0 } : [];
      if (!hold) return Promise.resolve(answer);
      return new Promise((resolve) => held.push(() => resolve(answer)));
    },
    subscribe: () => () => undefined,
  },
}));

const { KEEP_RECENT, withRecent } = await import('../../../src-renderer/src/lib/recent');
const { useDocumentsStore } = await import('../../../src-renderer/src/features/documents/store');
const { useSeriesStore } = await import('../../../src-renderer/src/features/series/store');
const { useSchedulingStore } = await import('../../../src-renderer/src/features/scheduling/store');
const { useAuthorizationsStore } = await import('../../../src-renderer/src/features/authorizations/store');

const patients = Array.from({ length: 25 }, (_, i) => `0190aaaa-0000-7000-8000-${String(i).padStart(12, '0')}`);
const askedFor = (method: string) => calls.filter((c) => c.method === method).map((c) => c.input.patientId);

describe('withRecent', () => {
  it('sets the newest last and drops the oldest beyond the limit', () => {
    let r: Record<string, number> = {};
    const dropped: string[] = [];
    for (const k of ['a', 'b', 'c', 'd']) {
      const next = withRecent(r, k, k.charCodeAt(0), 3);
      r = next.record;
      dropped.push(...next.dropped);
    }
    expect(r).toEqual({ b: 98, c: 99, d: 100 });
    expect(dropped).toEqual(['a']);
    // Setting a kept key again makes it the newest; nothing is dropped.
    const again = withRecent(r, 'b', 1, 3);
    expect(Object.keys(again.record)).toEqual(['c', 'd', 'b']);
    expect(again.dropped).toEqual([]);
  });
});

describe('a change event after a day of charts', () => {
  beforeEach(() => {
    calls.length = 0;
    hold = false;
  });

  it('reloads only the charts opened lately, in each store', async () => {
    for (const id of patients) {
      await useDocumentsStore.getState().load(id);
      await useSeriesStore.getState().load(id);
      await useAuthorizationsStore.getState().loadForPatient(id);
      await useSchedulingStore.getState().loadConsultations(id);
      await useSchedulingStore.getState().loadSlots(id, null, null);
    }
    const latest = patients.slice(-KEEP_RECENT);
    expect(Object.keys(useDocumentsStore.getState().byPatient)).toEqual(latest);
    expect(Object.keys(useSeriesStore.getState().byPatient)).toEqual(latest);
    expect(Object.keys(useAuthorizationsStore.getState().byPatient)).toEqual(latest);
    expect(Object.keys(useSchedulingStore.getState().consultations)).toEqual(latest);
    expect(Object.keys(useSchedulingStore.getState().slots)).toHaveLength(KEEP_RECENT);

    calls.length = 0;
    useDocumentsStore.getState().refreshAll();
    useSeriesStore.getState().refreshAll();
    useAuthorizationsStore.getState().refreshAll();
    useSchedulingStore.getState().refreshAll();
    await vi.waitFor(() => expect(calls).toHaveLength(5 * KEEP_RECENT));
    expect(askedFor('documents.listForPatient')).toEqual(latest);
    expect(askedFor('series.listForPatient')).toEqual(latest);
    expect(askedFor('authorizations.listForPatient')).toEqual(latest);
    expect(askedFor('consultations.listForPatient')).toEqual(latest);
    expect(askedFor('consultations.freeSlots').sort()).toEqual([...latest].sort());
  });

  it('does not keep the answer for a chart dropped while it was on its way', async () => {
    const first = patients[0]!;
    hold = true;
    const late = useDocumentsStore.getState().load(first);
    hold = false;
    for (const id of patients.slice(1, KEEP_RECENT + 2)) await useDocumentsStore.getState().load(id);
    expect(useDocumentsStore.getState().byPatient[first]).toBeUndefined();
    held.shift()!();
    await late;
    expect(useDocumentsStore.getState().byPatient[first]).toBeUndefined();
  });
});
