/**
 * The pieces every benchmark section uses: percentiles, a timing summary, plain-text tables,
 * the machine description, and the `section(name, fn)` runner that `scripts/bench.ts`
 * calls once per benchmark. Benchmarks print figures; they never fail a build on them.
 */
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';

/**
 * The p-th percentile (0-100) of an ascending array, by linear interpolation between the
 * closest ranks (the method spreadsheets call PERCENTILE.INC). Empty input gives NaN.
 */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  if (p <= 0) return sorted[0]!;
  if (p >= 100) return sorted[sorted.length - 1]!;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export interface Summary {
  n: number;
  mean: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function summarize(samples: readonly number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const mean = sorted.reduce((a, b) => a + b, 0) / (sorted.length || 1);
  return {
    n: sorted.length,
    mean,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? NaN,
  };
}

/** Milliseconds with enough digits for sub-millisecond figures. */
export function ms(value: number): string {
  if (!Number.isFinite(value)) return '-';
  return value < 10 ? value.toFixed(3) : value < 100 ? value.toFixed(2) : value.toFixed(1);
}

export const ratio = (a: number, b: number): string => (b > 0 ? `${(a / b).toFixed(2)}x` : '-');

export const verdict = (ok: boolean): string => (ok ? 'PASS' : 'MISS');

/**
 * A plain-text table: the first column left-aligned, the others right-aligned (numbers).
 */
export function table(headers: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c)));
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) =>
    r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ').trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]!), rule, ...cells.slice(1).map(line)].join('\n');
}

export function machineInfo(extra: Record<string, string> = {}): string {
  const cpu = cpus();
  const lines: [string, string][] = [
    ['cpu', `${cpu[0]?.model?.trim() ?? 'unknown'} (${cpu.length} cores)`],
    ['node', process.version],
    ['platform', `${process.platform} ${process.arch}`],
    ...Object.entries(extra),
  ];
  return lines.map(([k, v]) => `  ${k.padEnd(10)} ${v}`).join('\n');
}

/** Time one call, in milliseconds. */
export async function timeIt(fn: () => unknown): Promise<number> {
  const t0 = performance.now();
  await fn();
  return performance.now() - t0;
}

export interface SectionResult {
  name: string;
  ok: boolean;
  ms: number;
  error?: string;
}

/**
 * Run one benchmark section under a heading. A section that throws is reported and the
 * next one still runs.
 */
export async function section(name: string, fn: () => unknown): Promise<SectionResult> {
  const heading = `== ${name} `;
  console.log(`\n${heading.padEnd(78, '=')}`);
  const t0 = performance.now();
  try {
    await fn();
    const elapsed = performance.now() - t0;
    console.log(`\n(${name}: ${(elapsed / 1000).toFixed(1)} s)`);
    return { name, ok: true, ms: elapsed };
  } catch (err) {
    const elapsed = performance.now() - t0;
    const message = err instanceof Error ? (err.stack ?? err.message) : String(err);
    console.error(`\n${name} failed after ${(elapsed / 1000).toFixed(1)} s:\n${message}`);
    return { name, ok: false, ms: elapsed, error: message };
  }
}
