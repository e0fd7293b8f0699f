/**
 * One measured run of the package benchmark in a process of its own, so its peak RSS is its own:
 * `package` builds the request package (cover, letter, the 20 records' pages) with renderPackagePdf;
 * `raw` merges the same record PDFs with pdf-lib alone (load, copyPages, save). Prints one JSON line: the first (cold) build's time, the five later (warm) builds' times and the process's peak RSS.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { draftPackageContent } from '../../src-main/backend/authorizations/package/package-model';
import { renderPackagePdf } from '../../src-main/backend/authorizations/package/package-pdf';
import { evidence, request, RULES } from '../../tests/unit/authorizations/package-fixtures';

const [mode, dir] = process.argv.slice(2) as ['package' | 'raw', string];
const files = readdirSync(dir).filter((f) => f.endsWith('.pdf')).sort();
const bytes = files.map((f) => new Uint8Array(readFileSync(join(dir, f))));

async function raw(): Promise<{ pages: number; size: number }> {
  const out = await PDFDocument.create();
  for (const b of bytes) {
    const src = await PDFDocument.load(b, { updateMetadata: false });
    for (const p of await out.copyPages(src, src.getPageIndices())) out.addPage(p);
  }
  const saved = await out.save();
  return { pages: out.getPageCount(), size: saved.byteLength };
}

async function pkg(): Promise<{ pages: number; size: number }> {
  // The fixture chart, its treatments each citing one of the 20 records, so all 20 are enclosed.
  const base = evidence();
  const records = files.map((f, i) => ({ documentId: `rec-${i}`, title: f.replace(/\.pdf$/, ''), docType: 'other', mimeType: 'application/pdf', pages: null }));
  const treatments = records.map((r, i) => ({ ...base.treatments[i % base.treatments.length]!, cites: [{ documentId: r.documentId, title: r.title, page: 1 }] }));
  const ev = { ...base, treatments, records };
  const content = draftPackageContent(ev, request(), RULES);
  const byId = new Map(records.map((r, i) => [r.documentId, bytes[i]!]));
  const res = await renderPackagePdf(ev, request(), content, (id) => ({ bytes: byId.get(id)!, mimeType: 'application/pdf' }), {
    createdAt: new Date(),
    generatedAt: '2026-12-05',
  });
  return { pages: res.ownPages + res.enclosed.reduce((s, e) => s + e.pages, 0), size: res.bytes.byteLength };
}

// The first build in a process pays for parsing the fonts and warming the code (cold, as the first
// package after the app starts); the next five are every later one (the app keeps the parsed
// fonts). All five are reported, so the parent's p50 is over steady-state builds, not one sample.
const run = () => (mode === 'raw' ? raw() : pkg());
let t0 = performance.now();
const r = await run();
const cold = performance.now() - t0;
const warm: number[] = [];
for (let i = 0; i < 5; i++) {
  t0 = performance.now();
  await run();
  warm.push(performance.now() - t0);
}
console.log(JSON.stringify({ mode, cold, warm, ...r, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
