/**
 * Hybrid logical clock (Kulkarni et al., "Logical Physical Clocks", 2014).
 *
 * Every field change in the change log carries one of these timestamps. They order
 * changes made on different devices the way people expect (close to wall-clock time)
 * while staying strictly monotonic on each device even when the wall clock jumps back
 * (NTP correction, a laptop's clock set by hand), which is what last-writer-wins sync
 * needs.
 *
 * Text form: `<ISO-8601 UTC millis>-<counter, 4 hex>-<node id, 16 hex>`, e.g.
 * `2026-11-26T23:27:23.123Z-0000-9f86d081884c7d65`. All three parts are fixed width, so
 * comparing the strings compares the timestamps; the node id breaks exact ties.
 *
 * Pure: no Node or DOM imports; the wall clock is injected.
 */

export const HLC_MAX_COUNTER = 0xffff;
/** Default bound on how far a remote timestamp may run ahead of our wall clock. */
export const HLC_DEFAULT_MAX_DRIFT_MS = 5 * 60 * 1000;

const NODE_ID_RE = /^[0-9a-f]{16}$/;
const HLC_RE = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)-([0-9a-f]{4})-([0-9a-f]{16})$/;

export interface HlcTimestamp {
  readonly millis: number;
  readonly counter: number;
  readonly node: string;
}

export class HlcError extends Error {
  constructor(
    readonly reason: 'COUNTER_OVERFLOW' | 'CLOCK_DRIFT' | 'BAD_FORMAT' | 'BAD_NODE',
    message: string,
  ) {
    super(message);
    this.name = 'HlcError';
  }
}

export function formatHlc(ts: HlcTimestamp): string {
  if (!NODE_ID_RE.test(ts.node)) throw new HlcError('BAD_NODE', `node id must be 16 lowercase hex digits`);
  if (!Number.isInteger(ts.counter) || ts.counter < 0 || ts.counter > HLC_MAX_COUNTER) {
    throw new HlcError('COUNTER_OVERFLOW', `counter ${ts.counter} is outside 0..${HLC_MAX_COUNTER}`);
  }
  const iso = new Date(ts.millis).toISOString();
  return `${iso}-${ts.counter.toString(16).padStart(4, '0')}-${ts.node}`;
}

export function parseHlc(text: string): HlcTimestamp {
  const m = HLC_RE.exec(text);
  if (!m) throw new HlcError('BAD_FORMAT', `not a hybrid logical clock timestamp: ${JSON.stringify(text)}`);
  const millis = Date.parse(m[1]!);
  // Date.parse rolls over impossible dates ("02-30", "T24:00"); such text would sort apart
  // from the instant it parses to, so only the canonical form formatHlc writes is accepted.
  if (Number.isNaN(millis) || new Date(millis).toISOString() !== m[1]) {
    throw new HlcError('BAD_FORMAT', `bad time in timestamp: ${m[1]}`);
  }
  return { millis, counter: parseInt(m[2]!, 16), node: m[3]! };
}

export function compareHlc(a: HlcTimestamp, b: HlcTimestamp): number {
  if (a.millis !== b.millis) return a.millis < b.millis ? -1 : 1;
  if (a.counter !== b.counter) return a.counter < b.counter ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

export interface HlcOptions {
  node: string;
  /** Wall clock in epoch milliseconds. */
  now?: () => number;
  maxDriftMs?: number;
  /** Last timestamp issued before a restart, so the clock never goes back across restarts. */
  last?: HlcTimestamp;
}

export class HybridLogicalClock {
  readonly node: string;
  private readonly now: () => number;
  private readonly maxDriftMs: number;
  private millis: number;
  private counter: number;

  constructor(opts: HlcOptions) {
    if (!NODE_ID_RE.test(opts.node)) throw new HlcError('BAD_NODE', `node id must be 16 lowercase hex digits`);
    this.node = opts.node;
    this.now = opts.now ?? Date.now;
    this.maxDriftMs = opts.maxDriftMs ?? HLC_DEFAULT_MAX_DRIFT_MS;
    this.millis = opts.last?.millis ?? 0;
    this.counter = opts.last?.counter ?? 0;
  }

  /** The last timestamp issued or observed (for persisting across restarts). */
  get last(): HlcTimestamp {
    return { millis: this.millis, counter: this.counter, node: this.node };
  }

  /** A timestamp for a local event: strictly greater than every one issued or received. */
  tick(): HlcTimestamp {
    const wall = this.now();
    if (wall > this.millis) {
      this.millis = wall;
      this.counter = 0;
    } else {
      this.checkCounter(this.counter + 1);
      this.counter += 1;
    }
    return this.last;
  }

  /**
   * Merge a timestamp received from another device; the next tick() sorts after it.
   * `checkDrift: false` is for changes the clinic server already accepted (it bounds them
   * against its own clock): refusing them here would stall a device whose clock runs slow.
   */
  receive(remote: HlcTimestamp, opts: { checkDrift?: boolean } = {}): HlcTimestamp {
    const wall = this.now();
    if ((opts.checkDrift ?? true) && remote.millis - wall > this.maxDriftMs) {
      throw new HlcError(
        'CLOCK_DRIFT',
        `a change from device ${remote.node} is ${Math.round((remote.millis - wall) / 1000)} s ahead of this device's clock ` +
          `(limit ${Math.round(this.maxDriftMs / 1000)} s); check the clocks`,
      );
    }
    const maxMillis = Math.max(wall, this.millis, remote.millis);
    let next: number;
    if (maxMillis === this.millis && maxMillis === remote.millis) next = Math.max(this.counter, remote.counter) + 1;
    else if (maxMillis === this.millis) next = this.counter + 1;
    else if (maxMillis === remote.millis) next = remote.counter + 1;
    else next = 0;
    this.checkCounter(next);
    this.millis = maxMillis;
    this.counter = next;
    return this.last;
  }

  private checkCounter(counter: number): void {
    if (counter > HLC_MAX_COUNTER) {
      // 65,536 events inside one millisecond, or a wall clock stuck far behind: refuse
      // rather than issue a timestamp that would sort before one already issued.
      throw new HlcError('COUNTER_OVERFLOW', `more than ${HLC_MAX_COUNTER + 1} changes in one millisecond`);
    }
  }
}
