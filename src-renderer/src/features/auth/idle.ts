/**
 * The idle lock's clock (pure: time and timers are passed in, so it is tested without a
 * window). Input only notes the time; one timer is armed for when the idle time would run
 * out, and when it fires it checks the time since the last input: still idle → lock, else it
 * re-arms for what is left. A computer that slept wakes to a timer that fires late, sees the
 * whole gap and locks at once.
 */
import type { Permission } from '../../../../src-shared/api/permissions';

export interface IdleClock {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export class IdleTimer {
  private last: number;
  private handle: unknown = null;
  private fired = false;

  constructor(
    private readonly timeoutMs: number,
    private readonly onIdle: () => void,
    private readonly clock: IdleClock,
  ) {
    this.last = clock.now();
    this.arm(timeoutMs);
  }

  /** Keyboard, mouse or touch input in the window. */
  activity(): void {
    this.last = this.clock.now();
  }

  stop(): void {
    if (this.handle !== null) this.clock.clearTimer(this.handle);
    this.handle = null;
  }

  private arm(ms: number): void {
    this.stop();
    this.handle = this.clock.setTimer(() => this.check(), Math.max(0, ms));
  }

  private check(): void {
    this.handle = null;
    if (this.fired) return;
    const idle = this.clock.now() - this.last;
    if (idle >= this.timeoutMs) {
      this.fired = true;
      this.onIdle();
    } else {
      this.arm(this.timeoutMs - idle);
    }
  }
}

/**
 * Whether this person's window locks itself when left alone. A wall board does not: its
 * account can read the suite board and nothing else (patients by initials, shown to the whole
 * room anyway), and a wall display that locked would go blank until someone typed a password.
 * Any account that can read more than the board locks, whatever its role is called.
 */
export function locksWhenIdle(permissions: readonly Permission[]): boolean {
  return permissions.some((p) => p !== 'board.read');
}

/** The events that count as someone using the window. */
export const ACTIVITY_EVENTS = ['keydown', 'pointerdown', 'pointermove', 'wheel', 'touchstart'] as const;
