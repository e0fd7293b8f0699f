import { describe, expect, it } from 'vitest';
import {
  compareHlc,
  formatHlc,
  HLC_DEFAULT_MAX_DRIFT_MS,
  HLC_MAX_COUNTER,
  HlcError,
  HybridLogicalClock,
  parseHlc,
  type HlcTimestamp,
} from '../../../src-shared/hlc';

const NODE_A = '00000000000000aa';
const NODE_B = '00000000000000bb';
const NODE_C = '9f86d081884c7d65';

/** A wall clock the test moves by hand. */
function manualClock(start: number) {
  let t = start;
  return {
    now: () => t,
    set: (v: number) => {
      t = v;
    },
  };
}

/** Runs fn and returns the HlcError it throws (fails the test if it throws nothing else). */
function hlcErrorOf(fn: () => unknown): HlcError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(HlcError);
    return e as HlcError;
  }
  throw new Error('expected an HlcError, nothing was thrown');
}

const ts = (millis: number, counter: number, node: string = NODE_A): HlcTimestamp => ({ millis, counter, node });
const pair = (t: HlcTimestamp) => [t.millis, t.counter] as const;

/** Deterministic shuffle (mulberry32 + Fisher–Yates) so a failure reproduces. */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  let a = seed >>> 0;
  const rand = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('HybridLogicalClock.tick', () => {
  it.each([
    {
      name: 'wall clock jumps back once',
      walls: [1000, 900, 900, 1100, 500],
      expected: [
        [1000, 0],
        [1000, 1],
        [1000, 2],
        [1100, 0],
        [1100, 1],
      ],
    },
    {
      name: 'wall clock set back by an hour',
      walls: [3_600_000, 1, 2, 3_600_000, 3_600_001],
      expected: [
        [3_600_000, 0],
        [3_600_000, 1],
        [3_600_000, 2],
        [3_600_000, 3],
        [3_600_001, 0],
      ],
    },
    {
      name: 'wall clock steadily advancing',
      walls: [10, 20, 30],
      expected: [
        [10, 0],
        [20, 0],
        [30, 0],
      ],
    },
  ])('stays monotonic: $name', ({ walls, expected }) => {
    const wall = manualClock(walls[0]!);
    const clock = new HybridLogicalClock({ node: NODE_A, now: wall.now });
    const issued: HlcTimestamp[] = [];
    for (const w of walls) {
      wall.set(w);
      issued.push(clock.tick());
    }
    expect(issued.map(pair)).toEqual(expected);
    for (let i = 1; i < issued.length; i++) {
      expect(compareHlc(issued[i - 1]!, issued[i]!)).toBe(-1);
    }
  });

  it.each([1, 10, 5000])('is strictly increasing over %i ticks with a frozen clock', (n) => {
    const frozen = Date.UTC(2026, 10, 26, 23, 27, 23, 123);
    const clock = new HybridLogicalClock({ node: NODE_A, now: () => frozen });
    let prev: HlcTimestamp | undefined;
    let prevText = '';
    for (let i = 0; i < n; i++) {
      const t = clock.tick();
      expect(t.millis).toBe(frozen);
      expect(t.counter).toBe(i);
      const text = formatHlc(t);
      if (prev) {
        expect(compareHlc(prev, t)).toBe(-1);
        expect(prevText < text).toBe(true);
      }
      prev = t;
      prevText = text;
    }
    expect(clock.last).toEqual(ts(frozen, n - 1));
  });

  it.each([
    { ticksBefore: 1, advanceTo: 1001 },
    { ticksBefore: 3, advanceTo: 1001 },
    { ticksBefore: 50, advanceTo: 60_000 },
  ])('resets the counter to 0 when the wall clock advances (after $ticksBefore ticks)', ({ ticksBefore, advanceTo }) => {
    const wall = manualClock(1000);
    const clock = new HybridLogicalClock({ node: NODE_A, now: wall.now });
    for (let i = 0; i < ticksBefore; i++) clock.tick();
    expect(clock.last).toEqual(ts(1000, ticksBefore - 1));
    wall.set(advanceTo);
    expect(clock.tick()).toEqual(ts(advanceTo, 0));
    expect(clock.tick()).toEqual(ts(advanceTo, 1));
  });

  it('uses the node id it was given', () => {
    const clock = new HybridLogicalClock({ node: NODE_C, now: () => 5 });
    expect(clock.tick().node).toBe(NODE_C);
    expect(clock.node).toBe(NODE_C);
  });
});

describe('counter overflow', () => {
  it('throws COUNTER_OVERFLOW after 0xFFFF in one millisecond, leaves state unchanged, recovers when the wall clock moves', () => {
    const wall = manualClock(7000);
    const clock = new HybridLogicalClock({ node: NODE_A, now: wall.now });
    let last: HlcTimestamp | undefined;
    for (let i = 0; i <= HLC_MAX_COUNTER; i++) last = clock.tick();
    expect(last).toEqual(ts(7000, 0xffff));
    expect(formatHlc(last!)).toBe('1970-01-01T00:00:07.000Z-ffff-00000000000000aa');

    const err = hlcErrorOf(() => clock.tick());
    expect(err.reason).toBe('COUNTER_OVERFLOW');
    expect(clock.last).toEqual(ts(7000, 0xffff));
    // A second refusal does not creep the counter either.
    expect(hlcErrorOf(() => clock.tick()).reason).toBe('COUNTER_OVERFLOW');
    expect(clock.last).toEqual(ts(7000, 0xffff));

    wall.set(7001);
    const next = clock.tick();
    expect(next).toEqual(ts(7001, 0));
    expect(compareHlc(last!, next)).toBe(-1);
  });

  it.each([
    { name: 'tick with the wall clock behind', start: ts(9000, 0xffff), wall: 8000, op: 'tick' as const },
    { name: 'tick with the wall clock equal', start: ts(9000, 0xffff), wall: 9000, op: 'tick' as const },
    { name: 'receive of a remote at 0xFFFF, same millis', start: ts(9000, 3), wall: 9000, op: 'receive' as const, remote: ts(9000, 0xffff, NODE_B) },
    { name: 'receive of a remote at 0xFFFF, ahead', start: ts(9000, 3), wall: 9000, op: 'receive' as const, remote: ts(9500, 0xffff, NODE_B) },
    { name: 'receive while our own counter is full', start: ts(9000, 0xffff), wall: 8000, op: 'receive' as const, remote: ts(100, 0, NODE_B) },
  ])('refuses with COUNTER_OVERFLOW and no state change: $name', ({ start, wall, op, remote }) => {
    const w = manualClock(wall);
    const clock = new HybridLogicalClock({ node: NODE_A, now: w.now, last: start });
    const before = clock.last;
    const err = hlcErrorOf(() => (op === 'tick' ? clock.tick() : clock.receive(remote!)));
    expect(err.reason).toBe('COUNTER_OVERFLOW');
    expect(clock.last).toEqual(before);

    w.set(Math.max(start.millis, remote?.millis ?? 0) + 1);
    const next = clock.tick();
    expect(next.counter).toBe(0);
    expect(compareHlc(before, next)).toBe(-1);
  });
});

describe('HybridLogicalClock.receive', () => {
  it.each([
    { name: 'remote ahead in time', local: ts(0, 0), wall: 1000, remote: ts(5000, 3, NODE_B), merged: [5000, 4] },
    { name: 'remote far ahead, within drift', local: ts(1000, 9), wall: 1000, remote: ts(1000 + 4 * 60_000, 0, NODE_B), merged: [241_000, 1] },
    { name: 'same millis, local counter higher', local: ts(1000, 7), wall: 1000, remote: ts(1000, 3, NODE_B), merged: [1000, 8] },
    { name: 'same millis, remote counter higher', local: ts(1000, 2), wall: 1000, remote: ts(1000, 9, NODE_B), merged: [1000, 10] },
    { name: 'wall clock ahead of both', local: ts(1000, 7), wall: 2000, remote: ts(1500, 3, NODE_B), merged: [2000, 0] },
    { name: 'local ahead of wall and remote', local: ts(3000, 4), wall: 2000, remote: ts(1500, 9, NODE_B), merged: [3000, 5] },
    { name: 'remote equals wall, local behind', local: ts(500, 8), wall: 2000, remote: ts(2000, 6, NODE_B), merged: [2000, 7] },
  ])('merges and the next local tick sorts after the remote: $name', ({ local, wall, remote, merged }) => {
    const w = manualClock(wall);
    const clock = new HybridLogicalClock({ node: NODE_A, now: w.now, last: local });
    const r = clock.receive(remote);
    expect(pair(r)).toEqual(merged);
    expect(r.node).toBe(NODE_A);
    expect(clock.last).toEqual(r);

    const next = clock.tick();
    expect(compareHlc(remote, next)).toBe(-1);
    expect(compareHlc(r, next)).toBe(-1);
    expect(formatHlc(remote) < formatHlc(next)).toBe(true);
  });

  it('a device behind in time still orders its next edit after a change it has seen', () => {
    // Device B's clock runs two minutes ahead of device A's.
    const aWall = manualClock(Date.UTC(2026, 0, 15, 9, 0, 0));
    const bWall = manualClock(Date.UTC(2026, 0, 15, 9, 2, 0));
    const a = new HybridLogicalClock({ node: NODE_A, now: aWall.now });
    const b = new HybridLogicalClock({ node: NODE_B, now: bWall.now });
    const fromB = b.tick();
    a.receive(fromB);
    aWall.set(aWall.now() + 1000); // A's wall clock is still behind B's timestamp.
    const fromA = a.tick();
    expect(fromA.millis).toBe(fromB.millis);
    expect(compareHlc(fromB, fromA)).toBe(-1);
    expect([formatHlc(fromA), formatHlc(fromB)].sort()).toEqual([formatHlc(fromB), formatHlc(fromA)]);
  });
});

describe('drift bound', () => {
  const WALL = Date.UTC(2026, 5, 1, 12, 0, 0);

  it.each([
    { maxDriftMs: 60_000, aheadBy: 60_001 },
    { maxDriftMs: 60_000, aheadBy: 10 * 60_000 },
    { maxDriftMs: undefined, aheadBy: HLC_DEFAULT_MAX_DRIFT_MS + 1 },
    { maxDriftMs: 0, aheadBy: 1 },
  ])('refuses a remote $aheadBy ms ahead (max $maxDriftMs) with CLOCK_DRIFT and keeps its state', ({ maxDriftMs, aheadBy }) => {
    const clock = new HybridLogicalClock({
      node: NODE_A,
      now: () => WALL,
      ...(maxDriftMs !== undefined ? { maxDriftMs } : {}),
    });
    clock.tick();
    clock.tick();
    const before = clock.last;
    expect(before).toEqual(ts(WALL, 1));

    const err = hlcErrorOf(() => clock.receive(ts(WALL + aheadBy, 0, NODE_B)));
    expect(err.reason).toBe('CLOCK_DRIFT');
    expect(err.message).toMatch(/ahead/);
    expect(err.message).toContain(NODE_B);
    expect(clock.last).toEqual(before);
    // The refused timestamp did not leak into the next tick.
    expect(clock.tick()).toEqual(ts(WALL, 2));
  });

  it.each([
    { maxDriftMs: 60_000, aheadBy: 59_999 },
    { maxDriftMs: 60_000, aheadBy: 60_000 },
    { maxDriftMs: undefined, aheadBy: HLC_DEFAULT_MAX_DRIFT_MS - 1 },
    { maxDriftMs: undefined, aheadBy: HLC_DEFAULT_MAX_DRIFT_MS },
    { maxDriftMs: 0, aheadBy: 0 },
  ])('accepts a remote $aheadBy ms ahead (max $maxDriftMs)', ({ maxDriftMs, aheadBy }) => {
    const clock = new HybridLogicalClock({
      node: NODE_A,
      now: () => WALL,
      ...(maxDriftMs !== undefined ? { maxDriftMs } : {}),
    });
    const r = clock.receive(ts(WALL + aheadBy, 4, NODE_B));
    expect(r).toEqual(ts(WALL + aheadBy, 5));
  });

  it('the default drift bound is five minutes', () => {
    expect(HLC_DEFAULT_MAX_DRIFT_MS).toBe(300_000);
  });

  it('a remote far behind is never refused', () => {
    const clock = new HybridLogicalClock({ node: NODE_A, now: () => WALL, maxDriftMs: 1 });
    expect(clock.receive(ts(0, 0, NODE_B))).toEqual(ts(WALL, 0));
  });
});

describe('restart with last', () => {
  it.each([
    { name: 'wall clock behind the saved timestamp', saved: ts(5000, 3), wall: 4000, expected: [5000, 4] },
    { name: 'wall clock equal to the saved timestamp', saved: ts(5000, 3), wall: 5000, expected: [5000, 4] },
    { name: 'wall clock far behind (reset to 1970)', saved: ts(Date.UTC(2026, 0, 1), 0), wall: 0, expected: [Date.UTC(2026, 0, 1), 1] },
    { name: 'wall clock ahead of the saved timestamp', saved: ts(5000, 3), wall: 6000, expected: [6000, 0] },
  ])('never goes back: $name', ({ saved, wall, expected }) => {
    const clock = new HybridLogicalClock({ node: NODE_A, now: () => wall, last: saved });
    expect(clock.last).toEqual(saved);
    const t = clock.tick();
    expect(pair(t)).toEqual(expected);
    expect(compareHlc(saved, t)).toBe(-1);
  });

  it('survives a restart through the stored text form', () => {
    const wall = manualClock(Date.UTC(2026, 2, 1, 8, 0, 0, 250));
    const first = new HybridLogicalClock({ node: NODE_C, now: wall.now });
    first.tick();
    const lastIssued = first.tick();
    const stored = formatHlc(first.last);

    wall.set(wall.now() - 30_000); // the clock was corrected backwards while the app was closed
    const second = new HybridLogicalClock({ node: NODE_C, now: wall.now, last: parseHlc(stored) });
    const t = second.tick();
    expect(t).toEqual(ts(lastIssued.millis, 2, NODE_C));
    expect(formatHlc(t) > stored).toBe(true);
  });
});

describe('compareHlc and the text form', () => {
  it.each([
    { a: ts(1000, 0, NODE_A), b: ts(1001, 0, NODE_A), expected: -1 },
    { a: ts(1001, 0, NODE_A), b: ts(1000, 0xffff, NODE_A), expected: 1 },
    { a: ts(1000, 1, NODE_B), b: ts(1000, 2, NODE_A), expected: -1 },
    { a: ts(1000, 2, NODE_A), b: ts(1000, 1, NODE_B), expected: 1 },
    // Exact tie on time and counter: the node id decides.
    { a: ts(1000, 5, NODE_A), b: ts(1000, 5, NODE_B), expected: -1 },
    { a: ts(1000, 5, NODE_B), b: ts(1000, 5, NODE_A), expected: 1 },
    { a: ts(1000, 5, '000000000000000a'), b: ts(1000, 5, '0000000000000009'), expected: 1 },
    { a: ts(1000, 5, NODE_C), b: ts(1000, 5, NODE_C), expected: 0 },
  ])('compareHlc($a, $b) = $expected and the strings agree', ({ a, b, expected }) => {
    expect(compareHlc(a, b)).toBe(expected);
    expect(compareHlc(b, a)).toBe(-expected || 0);
    const [sa, sb] = [formatHlc(a), formatHlc(b)];
    expect(Math.sign(sa < sb ? -1 : sa > sb ? 1 : 0)).toBe(expected);
  });

  it('sorting the strings gives the same order as sorting with compareHlc', () => {
    const millis = [
      0,
      1,
      999,
      1000,
      59_999,
      60_000,
      Date.UTC(1999, 11, 31, 23, 59, 59, 999),
      Date.UTC(2000, 0, 1),
      Date.UTC(2026, 10, 26, 23, 27, 23, 123),
      Date.UTC(2026, 10, 26, 23, 27, 23, 124),
      Date.UTC(2100, 1, 28, 12),
    ];
    const counters = [0, 1, 9, 0xa, 0xf, 0x10, 0xff, 0x100, 0xfff, 0xffff];
    const nodes = [NODE_A, NODE_B, NODE_C, '0000000000000009', '000000000000000a', 'ffffffffffffffff'];
    const all: HlcTimestamp[] = [];
    for (const m of millis) for (const c of counters) for (const n of nodes) all.push(ts(m, c, n));
    expect(all).toHaveLength(millis.length * counters.length * nodes.length);

    for (const seed of [1, 42, 20261126]) {
      const mixed = shuffled(all, seed);
      const byCompare = [...mixed].sort(compareHlc).map(formatHlc);
      const byString = mixed.map(formatHlc).sort();
      expect(byString).toEqual(byCompare);
      // And parsing the sorted text gives back timestamps in compareHlc order.
      const parsed = byString.map(parseHlc);
      for (let i = 1; i < parsed.length; i++) expect(compareHlc(parsed[i - 1]!, parsed[i]!)).toBe(-1);
    }
  });
});

describe('formatHlc / parseHlc', () => {
  it.each([
    { t: ts(0, 0, NODE_A), text: '1970-01-01T00:00:00.000Z-0000-00000000000000aa' },
    { t: ts(Date.UTC(2026, 10, 26, 23, 27, 23, 123), 0, NODE_C), text: '2026-11-26T23:27:23.123Z-0000-9f86d081884c7d65' },
    { t: ts(Date.UTC(2026, 10, 26, 23, 27, 23, 123), 0xabc, NODE_C), text: '2026-11-26T23:27:23.123Z-0abc-9f86d081884c7d65' },
    { t: ts(Date.UTC(2024, 1, 29, 0, 0, 0, 7), 10, NODE_B), text: '2024-02-29T00:00:00.007Z-000a-00000000000000bb' },
    { t: ts(Date.UTC(1999, 11, 31, 23, 59, 59, 999), 0x100, NODE_A), text: '1999-12-31T23:59:59.999Z-0100-00000000000000aa' },
    { t: ts(1, HLC_MAX_COUNTER, 'ffffffffffffffff'), text: '1970-01-01T00:00:00.001Z-ffff-ffffffffffffffff' },
  ])('round-trips $text', ({ t, text }) => {
    expect(formatHlc(t)).toBe(text);
    expect(text).toHaveLength(24 + 1 + 4 + 1 + 16);
    expect(parseHlc(text)).toEqual(t);
    expect(formatHlc(parseHlc(text))).toBe(text);
  });

  it.each([
    '',
    'not a timestamp',
    '2026-11-26T23:27:23.123Z',
    '2026-11-26T23:27:23.123Z-0000',
    '2026-11-26T23:27:23.123Z-000-9f86d081884c7d65',
    '2026-11-26T23:27:23.123Z-00000-9f86d081884c7d65',
    '2026-11-26T23:27:23.123Z-ABCD-9f86d081884c7d65',
    '2026-11-26T23:27:23.123Z-0000-9F86D081884C7D65',
    '2026-11-26T23:27:23.123Z-0000-9f86d081884c7d6',
    '2026-11-26T23:27:23.123Z-0000-9f86d081884c7d650',
    '2026-11-26T23:27:23.123Z-0000-9f86d081884c7d6g',
    '2026-11-26T23:27:23Z-0000-9f86d081884c7d65',
    '2026-11-26T23:27:23.123+00:00-0000-9f86d081884c7d65',
    '2026-11-26 23:27:23.123Z-0000-9f86d081884c7d65',
    ' 2026-11-26T23:27:23.123Z-0000-9f86d081884c7d65',
    '2026-11-26T23:27:23.123Z-0000-9f86d081884c7d65 ',
    '2026-11-26T23:27:23.123Z_0000_9f86d081884c7d65',
    // Shaped right, but not a real instant.
    '2026-13-01T00:00:00.000Z-0000-9f86d081884c7d65',
    '2026-11-26T23:60:00.000Z-0000-9f86d081884c7d65',
    // Date.parse would roll these over to another day, so the text would sort apart from
    // the instant it stands for.
    '2026-02-30T00:00:00.000Z-0000-9f86d081884c7d65',
    '2023-02-29T12:00:00.000Z-0000-9f86d081884c7d65',
    '2026-01-01T24:00:00.000Z-0000-9f86d081884c7d65',
  ])('parseHlc refuses %j with BAD_FORMAT', (text) => {
    const err = hlcErrorOf(() => parseHlc(text));
    expect(err.reason).toBe('BAD_FORMAT');
    expect(err.name).toBe('HlcError');
  });

  it.each(['', '00000000000000AA', '00000000000000a', '00000000000000aaa', '00000000000000ag', ' 00000000000000aa', 'node-a'])(
    'refuses node id %j with BAD_NODE',
    (node) => {
      expect(hlcErrorOf(() => new HybridLogicalClock({ node })).reason).toBe('BAD_NODE');
      expect(hlcErrorOf(() => formatHlc(ts(1000, 0, node))).reason).toBe('BAD_NODE');
    },
  );

  it.each([-1, HLC_MAX_COUNTER + 1, 1.5, Number.NaN])('formatHlc refuses counter %d with COUNTER_OVERFLOW', (counter) => {
    expect(hlcErrorOf(() => formatHlc(ts(1000, counter))).reason).toBe('COUNTER_OVERFLOW');
  });
});
