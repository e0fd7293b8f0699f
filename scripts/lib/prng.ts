/**
 * A small seeded pseudo-random number generator for synthetic data and benchmarks: the same
 * seed gives the same numbers on every machine and Node version (no Math.random).
 *
 * The generator is sfc32 (Chris Doty-Humphrey's "small fast counting" generator, 128-bit
 * state). Streams are keyed: `rngFor(seed, 'patient', 17)` is patient 17's own stream, so
 * a record depends only on the seed and its index, not on how many records came before.
 * mulberry32 would be smaller, but its 32-bit state gives only 2^32 streams: among 50,000
 * keyed streams two would coincide with a probability of about 25% (birthday bound), and
 * those two patients would be identical twins. sfc32's state holds the seed and the keys
 * as they are, so distinct keys always give distinct streams.
 */

/** FNV-1a of a string: turns a textual key ("patient") into 32 bits. */
function hashString(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

function keyBits(key: string | number): number {
  if (typeof key === 'string') return hashString(key);
  if (!Number.isInteger(key) || key < 0 || key > 0xffffffff) throw new Error(`PRNG key must be a 32-bit unsigned integer, got ${key}`);
  return key >>> 0;
}

export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: number, key1 = 0, key2 = 0) {
    this.a = seed >>> 0;
    this.b = key1 >>> 0;
    this.c = (key2 ^ 0x9e3779b9) >>> 0;
    this.d = 1;
    // Mix the state before the first number is used (the authors' recommendation).
    for (let i = 0; i < 15; i++) this.nextUint32();
  }

  /** Uniform 32-bit unsigned integer. */
  nextUint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.nextUint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** One of `options`, chosen with probability proportional to its weight. */
  weighted<T>(options: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of options) total += w;
    let r = this.next() * total;
    for (const [value, w] of options) {
      r -= w;
      if (r < 0) return value;
    }
    return options[options.length - 1]![0];
  }

  /** Standard normal (Box-Muller). */
  normal(mean = 0, sd = 1): number {
    const u = 1 - this.next(); // (0, 1]: log(0) is never taken
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }

  /** `count` decimal digits. */
  digits(count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += String(this.int(0, 9));
    return out;
  }

  /** `count` characters drawn from `alphabet`. */
  chars(alphabet: string, count: number): string {
    let out = '';
    for (let i = 0; i < count; i++) out += alphabet[this.int(0, alphabet.length - 1)];
    return out;
  }
}

/** A stream keyed by the seed and up to two keys (a name or a 32-bit index). */
export function rngFor(seed: number, key1: string | number = 0, key2: string | number = 0): Rng {
  return new Rng(keyBits(seed), keyBits(key1), keyBits(key2));
}

/**
 * A table for drawing items by weight many times (binary search over cumulative weights).
 */
export class WeightedTable<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(
    readonly items: readonly T[],
    weight: (item: T, index: number) => number,
  ) {
    let sum = 0;
    items.forEach((item, i) => {
      sum += weight(item, i);
      this.cumulative.push(sum);
    });
    if (items.length === 0 || sum <= 0) throw new Error('a weighted table needs items with positive weight');
    this.total = sum;
  }

  draw(rng: Rng): T {
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.cumulative[mid]! > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo]!;
  }
}

/**
 * A UUIDv7-shaped id (RFC 9562): 48-bit Unix milliseconds, version 7, variant 10, and 74
 * bits from the stream. Ids made this way sort by creation time like the app's own.
 */
export function uuidV7(ms: number, rng: Rng): string {
  if (!Number.isInteger(ms) || ms < 0 || ms >= 2 ** 48) throw new Error(`uuidV7: bad timestamp ${ms}`);
  const hex = (n: number, width: number) => n.toString(16).padStart(width, '0');
  const time = hex(ms, 12);
  const randA = rng.nextUint32() & 0x0fff;
  const randB1 = (rng.nextUint32() & 0x3fff) | 0x8000;
  const randB2 = rng.nextUint32() & 0xffff;
  const randB3 = rng.nextUint32();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${hex(randA, 3)}-${hex(randB1, 4)}-${hex(randB2, 4)}${hex(randB3, 8)}`;
}
