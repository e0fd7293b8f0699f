/**
 * The Schedule's session blocks: every word on them meets WCAG AA (4.5:1) over every colour it
 * can sit on, computed from the stylesheet's own values (axe flagged the status word at 4.48:1,
 * blue on the infusion phase's blue).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const CSS = readFileSync(join(__dirname, '../../../src-renderer/src/styles.css'), 'utf8');

/** The declarations of the first rule whose selector list is exactly `selector`. */
function rule(selector: string): Record<string, string> {
  const escaped = selector.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`(^|\\n)${escaped}\\s*\\{([^}]*)\\}`).exec(CSS);
  if (!m) throw new Error(`no rule ${selector}`);
  const out: Record<string, string> = {};
  for (const d of m[2]!.split(';')) {
    const i = d.indexOf(':');
    if (i > 0) out[d.slice(0, i).trim()] = d.slice(i + 1).trim();
  }
  return out;
}

const ROOT = rule(':root');
function resolve(value: string): string {
  const v = /^var\((--[\w-]+)\)$/.exec(value);
  return v ? resolve(ROOT[v[1]!]!) : value;
}

function luminance(hex: string): number {
  const h = hex.replace('#', '');
  const full = h.length === 3 ? [...h].map((c) => c + c).join('') : h;
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(full.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}
function contrast(a: string, b: string): number {
  const [x, y] = [luminance(resolve(a)), luminance(resolve(b))].sort((p, q) => q - p);
  return (x! + 0.05) / (y! + 0.05);
}

/** Every colour a session block's words can sit on (the solid ones; the stripes' two colours). */
const PHASE_BACKGROUNDS = ['#9fcfe0', '#e4eef2', '#cfe6ef', '#e8f3f7', '#ffffff'];

describe('session blocks on the Schedule', () => {
  it('the formula gives the figure axe reported for the old colours', () => {
    expect(contrast('#0b5b78', '#9fcfe0')).toBeCloseTo(4.48, 2);
  });

  it('the phase colours in the stylesheet are the ones checked here', () => {
    expect(rule('.session-phase.phase-infusion,\n.legend-swatch.phase-infusion').background).toBe('#9fcfe0');
    expect(rule('.session-phase.phase-recovery,\n.legend-swatch.phase-recovery').background).toBe('#e4eef2');
  });

  it('the status word is at least 4.5:1 on its own chip, scheduled or no-show', () => {
    const status = rule('.session-event-status');
    expect(contrast(status.color!, status.background!)).toBeGreaterThanOrEqual(4.5);
    const noShow = rule('.session-no_show .session-event-status');
    expect(contrast(status.color!, noShow.background!)).toBeGreaterThanOrEqual(4.5);
  });

  it('the name and times (the page text colour) are at least 4.5:1 over every phase', () => {
    for (const bg of PHASE_BACKGROUNDS) expect(contrast('var(--text)', bg), bg).toBeGreaterThanOrEqual(4.5);
  });

  it('a no-show fades its phases, not its words', () => {
    expect(CSS).not.toMatch(/\n\.session-no_show\s*\{[^}]*opacity/);
    expect(rule('.session-no_show .session-phases').opacity).toBeDefined();
  });
});
