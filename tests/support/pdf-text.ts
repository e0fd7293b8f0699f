import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Text of a PDF as a reader would copy it, via poppler's pdftotext (Debian poppler-utils). */
export function pdfText(bytes: Uint8Array, opts: { layout?: boolean } = {}): string {
  const file = join(mkdtempSync(join(tmpdir(), 'desk-pdf-')), 'doc.pdf');
  writeFileSync(file, bytes);
  return execFileSync('pdftotext', [...(opts.layout ? ['-layout'] : []), file, '-'], { encoding: 'utf8' });
}

export function pdfPageCount(bytes: Uint8Array): number {
  const file = join(mkdtempSync(join(tmpdir(), 'desk-pdf-')), 'doc.pdf');
  writeFileSync(file, bytes);
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
}
