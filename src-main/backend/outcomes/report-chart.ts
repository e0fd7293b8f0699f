/**
 * The trend chart of the payer report as vector shapes (drawn by documents/pdf/render-pdf.ts
 * with pdf-lib lines): NRS on the left axis (0-10), VAS on the right (0-100 mm), the baseline
 * and the 30% / 50% reduction lines, and a marker per infusion session. Pure.
 */
import type { FigureColor, FigureShape } from '../documents/pdf/report-model';
import { shortDate } from './rules/dates';

export interface ChartPoint {
  at: number;
  value: number;
}

export interface TrendChartInput {
  width: number;
  height: number;
  nrs: ChartPoint[];
  vas: ChartPoint[];
  sessions: { at: number; seq: number }[];
  /** NRS baseline and the values that are the moderate and substantial reductions. */
  lines: { baseline: number; moderate: number; substantial: number; moderatePercent: number; substantialPercent: number } | null;
  timeZone: string;
}

const NRS_COLOR: FigureColor = [0.12, 0.33, 0.64];
const VAS_COLOR: FigureColor = [0.55, 0.25, 0.6];
const GRID: FigureColor = [0.88, 0.89, 0.91];
const AXIS: FigureColor = [0.45, 0.48, 0.52];
const BASE: FigureColor = [0.2, 0.2, 0.22];
const MODERATE: FigureColor = [0.8, 0.45, 0.05];
const SUBSTANTIAL: FigureColor = [0.05, 0.5, 0.3];
const MARKER: FigureColor = [0.75, 0.77, 0.8];

const PAD = { left: 30, right: 34, top: 22, bottom: 30 };
const DAY = 86_400_000;

export function trendChart(input: TrendChartInput): FigureShape[] {
  const { width, height } = input;
  const plotW = width - PAD.left - PAD.right;
  const plotH = height - PAD.top - PAD.bottom;
  const times = [...input.nrs, ...input.vas].map((p) => p.at).concat(input.sessions.map((s) => s.at));
  const shapes: FigureShape[] = [];
  if (!times.length) {
    shapes.push({ kind: 'text', x: width / 2, y: height / 2, text: 'No NRS or VAS scores recorded yet.', align: 'center', color: AXIS, size: 10 });
    return shapes;
  }
  let t0 = Math.min(...times);
  let t1 = Math.max(...times);
  if (t1 - t0 < DAY) {
    t0 -= DAY;
    t1 += DAY;
  }
  const span = t1 - t0;
  t0 -= span * 0.03;
  t1 += span * 0.03;
  const x = (t: number) => PAD.left + ((t - t0) / (t1 - t0)) * plotW;
  const y = (nrs: number) => PAD.top + (1 - nrs / 10) * plotH;

  // Grid and axes: NRS 0-10 on the left, VAS 0-100 on the right (the same height per unit).
  for (let v = 0; v <= 10; v += 2) {
    shapes.push({ kind: 'line', x1: PAD.left, y1: y(v), x2: PAD.left + plotW, y2: y(v), width: 0.5, color: GRID });
    shapes.push({ kind: 'text', x: PAD.left - 4, y: y(v), text: String(v), align: 'right', size: 7, color: AXIS });
    shapes.push({ kind: 'text', x: PAD.left + plotW + 4, y: y(v), text: String(v * 10), align: 'left', size: 7, color: AXIS });
  }
  shapes.push({ kind: 'text', x: PAD.left - 4, y: PAD.top - 12, text: 'NRS', align: 'right', size: 7, bold: true, color: NRS_COLOR });
  shapes.push({ kind: 'text', x: PAD.left + plotW + 4, y: PAD.top - 12, text: 'VAS mm', align: 'left', size: 7, bold: true, color: VAS_COLOR });
  shapes.push({ kind: 'line', x1: PAD.left, y1: PAD.top, x2: PAD.left, y2: PAD.top + plotH, width: 0.7, color: AXIS });
  shapes.push({ kind: 'line', x1: PAD.left, y1: PAD.top + plotH, x2: PAD.left + plotW, y2: PAD.top + plotH, width: 0.7, color: AXIS });

  // Session markers, labelled S1, S2, ... (thinned when they would overlap).
  const every = Math.max(1, Math.ceil((input.sessions.length * 16) / plotW));
  input.sessions.forEach((s, i) => {
    const sx = x(s.at);
    shapes.push({ kind: 'line', x1: sx, y1: PAD.top, x2: sx, y2: PAD.top + plotH, width: 0.5, color: MARKER, dash: [2, 2] });
    if (i % every === 0) shapes.push({ kind: 'text', x: sx, y: PAD.top + plotH + 8, text: `S${s.seq}`, align: 'center', size: 6.5, color: AXIS });
  });
  // Dates under the axis: first, middle, last.
  for (const t of [t0 + span * 0.03, (t0 + t1) / 2, t1 - span * 0.03]) {
    shapes.push({ kind: 'text', x: x(t), y: PAD.top + plotH + 20, text: shortDate(t, input.timeZone), align: 'center', size: 7, color: AXIS });
  }

  // Baseline and reduction lines, labelled at the right end inside the plot.
  if (input.lines) {
    const l = input.lines;
    const line = (v: number, color: FigureColor, text: string) => {
      shapes.push({ kind: 'line', x1: PAD.left, y1: y(v), x2: PAD.left + plotW, y2: y(v), width: 0.9, color, dash: [5, 3] });
      shapes.push({ kind: 'text', x: PAD.left + plotW - 2, y: y(v) - 5, text, align: 'right', size: 6.5, color });
    };
    line(l.baseline, BASE, `baseline ${fmt(l.baseline)}`);
    line(l.moderate, MODERATE, `${l.moderatePercent}% lower (${fmt(l.moderate)})`);
    line(l.substantial, SUBSTANTIAL, `${l.substantialPercent}% lower (${fmt(l.substantial)})`);
  }

  // The scores: VAS under NRS so NRS stays on top where they overlap.
  const series = (pts: ChartPoint[], scale: number, color: FigureColor, filled: boolean) => {
    const sorted = [...pts].sort((a, b) => a.at - b.at);
    for (let i = 1; i < sorted.length; i++) {
      const a = sorted[i - 1]!;
      const b = sorted[i]!;
      shapes.push({ kind: 'line', x1: x(a.at), y1: y(a.value / scale), x2: x(b.at), y2: y(b.value / scale), width: 1.2, color });
    }
    for (const p of sorted) shapes.push({ kind: 'circle', x: x(p.at), y: y(p.value / scale), r: 2.2, color, filled });
  };
  series(input.vas, 10, VAS_COLOR, false);
  series(input.nrs, 1, NRS_COLOR, true);

  // Legend.
  const lx = PAD.left + 6;
  shapes.push({ kind: 'circle', x: lx, y: 6, r: 2.2, color: NRS_COLOR });
  shapes.push({ kind: 'text', x: lx + 6, y: 6, text: 'NRS (left axis)', size: 7, color: NRS_COLOR });
  shapes.push({ kind: 'circle', x: lx + 80, y: 6, r: 2.2, color: VAS_COLOR, filled: false });
  shapes.push({ kind: 'text', x: lx + 86, y: 6, text: 'VAS (right axis)', size: 7, color: VAS_COLOR });
  shapes.push({ kind: 'line', x1: lx + 165, y1: 6, x2: lx + 175, y2: 6, width: 0.5, color: MARKER, dash: [2, 2] });
  shapes.push({ kind: 'text', x: lx + 179, y: 6, text: 'infusion session', size: 7, color: AXIS });
  return shapes;
}

const fmt = (n: number) => String(Math.round(n * 10) / 10);
