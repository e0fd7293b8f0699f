import { describe, expect, it } from 'vitest';
import { IdleTimer, locksWhenIdle, type IdleClock } from '../../../src-renderer/src/features/auth/idle';
import { DEFAULT_ROLE_PERMISSIONS, PERMISSIONS } from '../../../src-shared/api/permissions';

/** A hand-driven clock: advance() fires timers that are due, in order. */
function fakeClock(): IdleClock & { advance(ms: number): void; pending(): number } {
  let now = 1_000_000;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimer(fn, ms) {
      const id = ++seq;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer(h) {
      timers.delete(h as number);
    },
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.at <= until).sort((a, b) => a[1].at - b[1].at)[0];
        if (!due) break;
        timers.delete(due[0]);
        now = due[1].at;
        due[1].fn();
      }
      now = until;
    },
    pending: () => timers.size,
  };
}

const MIN = 60_000;

describe('IdleTimer', () => {
  it('locks after the idle time with no input', () => {
    const clock = fakeClock();
    let locked = 0;
    new IdleTimer(10 * MIN, () => locked++, clock);
    clock.advance(10 * MIN - 1);
    expect(locked).toBe(0);
    clock.advance(1);
    expect(locked).toBe(1);
  });

  it('input moves the deadline; only one timer is ever armed', () => {
    const clock = fakeClock();
    let locked = 0;
    const t = new IdleTimer(10 * MIN, () => locked++, clock);
    clock.advance(9 * MIN);
    t.activity();
    expect(clock.pending()).toBe(1);
    clock.advance(9 * MIN);
    expect(locked).toBe(0);
    clock.advance(1 * MIN);
    expect(locked).toBe(1);
  });

  it('locks once, and never after stop()', () => {
    const clock = fakeClock();
    let locked = 0;
    const t = new IdleTimer(MIN, () => locked++, clock);
    clock.advance(5 * MIN);
    expect(locked).toBe(1);
    expect(clock.pending()).toBe(0);
    const u = new IdleTimer(MIN, () => locked++, clock);
    u.stop();
    clock.advance(5 * MIN);
    expect(locked).toBe(1);
    t.stop();
  });

  it('a timer that fires late (the computer slept) locks at once', () => {
    const clock = fakeClock();
    let locked = 0;
    new IdleTimer(10 * MIN, () => locked++, clock);
    clock.advance(3 * 60 * MIN);
    expect(locked).toBe(1);
  });
});

describe('locksWhenIdle', () => {
  it('every role that reads more than the board locks; the wall board does not', () => {
    expect(locksWhenIdle(PERMISSIONS)).toBe(true);
    expect(locksWhenIdle(DEFAULT_ROLE_PERMISSIONS.front_desk)).toBe(true);
    expect(locksWhenIdle(DEFAULT_ROLE_PERMISSIONS.nurse)).toBe(true);
    expect(locksWhenIdle(DEFAULT_ROLE_PERMISSIONS.viewer)).toBe(false);
    expect(locksWhenIdle(['board.read', 'patients.read'])).toBe(true);
    expect(locksWhenIdle([])).toBe(false);
  });
});
