/**
 * Prior authorization package: building a request package with 20 enclosed records (~200
 * pages: cover sheet and letter in the embedded Unicode fonts, then the records' own pages copied
 * with pdf-lib) vs. a raw pdf-lib merge of the same 20 record PDFs, in the same run. Each run is a
 * child process (scripts/lib/bench-package-child.ts) so its peak RSS is its own; runs alternate.
 * Aim: under 5 s and under 1.5x the raw merge. Needs no seeded clinic.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { recordPdf } from '../../tests/unit/authorizations/package-fixtures';
import { ms, ratio, summarize, table, verdict } from './bench-kit';

interface Run {
  mode: string;
  cold: number;
  /** The five builds after the first. */
  warm: number[];
  pages: number;
  size: number;
  maxRssMb: number;
}

const CHILD = resolve(import.meta.dirname, 'bench-package-child.ts');

export async function benchPackage(opts: { iterations: number }): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'desk-bench-package-'));
  try {
    // 20 outside records (about 200 pages in all: the fixture fits a little more than asked on a page), each a real multi-page PDF.
    let total = 0;
    for (let i = 0; i < 20; i++) {
      const pages = 8 + ((i * 7) % 9);
      const bytes = await recordPdf(`Outside record ${String(i + 1).padStart(2, '0')}`, pages);
      writeFileSync(join(dir, `record-${String(i + 1).padStart(2, '0')}.pdf`), bytes);
      total += pages;
    }
    console.log(`20 record PDFs written ( ${total} pages); ${opts.iterations} runs of each, alternating, each in its own process.`);
    const runs: Record<'package' | 'raw', Run[]> = { package: [], raw: [] };
    for (let i = 0; i < opts.iterations; i++) {
      for (const mode of ['raw', 'package'] as const) {
        const out = execFileSync(process.execPath, ['--import', 'tsx', CHILD, mode, dir], { encoding: 'utf8', cwd: resolve(import.meta.dirname, '../..') });
        runs[mode].push(JSON.parse(out.trim().split('\n').at(-1)!) as Run);
      }
    }
    const cold = { package: summarize(runs.package.map((r) => r.cold)), raw: summarize(runs.raw.map((r) => r.cold)) };
    const warm = { package: summarize(runs.package.flatMap((r) => r.warm)), raw: summarize(runs.raw.flatMap((r) => r.warm)) };
    const rss = { package: Math.max(...runs.package.map((r) => r.maxRssMb)), raw: Math.max(...runs.raw.map((r) => r.maxRssMb)) };
    const p = runs.package[0]!;
    const r = runs.raw[0]!;
    console.log(
      table(
        ['', 'pages', 'PDF MB', 'first in process p50', 'later p50', 'later max', 'peak RSS MB'],
        [
          ['request package (cover + letter + 20 records)', p.pages, (p.size / 1e6).toFixed(1), ms(cold.package.p50), ms(warm.package.p50), ms(warm.package.max), rss.package.toFixed(0)],
          ['raw pdf-lib merge of the 20 records', r.pages, (r.size / 1e6).toFixed(1), ms(cold.raw.p50), ms(warm.raw.p50), ms(warm.raw.max), rss.raw.toFixed(0)],
        ],
      ),
    );
    console.log(`time, later builds: package/raw ${ratio(warm.package.p50, warm.raw.p50)} (aim < 1.5x) ${verdict(warm.package.p50 < 1.5 * warm.raw.p50)}; package p50 ${ms(warm.package.p50)} (aim < 5 s) ${verdict(warm.package.p50 < 5000)}`);
    console.log(`time, first build in a process (fonts parsed): package/raw ${ratio(cold.package.p50, cold.raw.p50)}; package p50 ${ms(cold.package.p50)} (aim < 5 s) ${verdict(cold.package.p50 < 5000)}`);
    console.log(`peak RSS: package/raw ${ratio(rss.package, rss.raw)} (aim < 1.5x) ${verdict(rss.package < 1.5 * rss.raw)}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
