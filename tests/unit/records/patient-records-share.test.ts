/**
 * The chart's records panels share one ask for a patient's records while the chart opens, and
 * never show a list from before a records change.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const calls: { method: string; input: unknown }[] = [];
let answer = 1;
vi.mock('../../../src-renderer/src/api/client', () => ({
  api: {
    call: (method: string, input: unknown) => {
      calls.push({ method, input });
      const n = answer++;
      return Promise.resolve({ groups: [{ type: 'other', label: `answer ${n}`, items: [] }] });
    },
    subscribe: () => () => undefined,
  },
}));

const { patientRecords, useRecordsStore } = await import('../../../src-renderer/src/features/records/store');
const label = async (p: ReturnType<typeof patientRecords>) => (await p).groups[0]!.label;

describe('patientRecords', () => {
  beforeEach(() => {
    calls.length = 0;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-06T15:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('asks once for two panels opening together, and once per patient', async () => {
    const a = patientRecords('p-share-1');
    const b = patientRecords('p-share-1');
    expect(await label(b)).toBe(await label(a));
    await patientRecords('p-share-2');
    expect(calls.map((c) => c.input)).toEqual([{ patientId: 'p-share-1' }, { patientId: 'p-share-2' }]);
  });

  it('asks again after a records change, when told to, and a few seconds later', async () => {
    const first = await label(patientRecords('p-share-3'));
    useRecordsStore.setState((s) => ({ version: s.version + 1 }));
    const afterChange = await label(patientRecords('p-share-3'));
    expect(afterChange).not.toBe(first);
    const fresh = await label(patientRecords('p-share-3', { fresh: true }));
    expect(fresh).not.toBe(afterChange);
    expect(await label(patientRecords('p-share-3'))).toBe(fresh);
    vi.setSystemTime(new Date('2026-12-06T15:00:04Z'));
    expect(await label(patientRecords('p-share-3'))).not.toBe(fresh);
    expect(calls).toHaveLength(4);
  });
});
