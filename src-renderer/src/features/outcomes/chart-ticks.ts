/**
 * The trend chart's time axis: a handful of ticks on clinic-local day, month or year starts, chosen
 * for the span shown so labels never crowd each other, each with its year whenever that year is not
 * this one (a chart over several years says which). Pure; unit-tested.
 */
import { formatDay, needsYear } from '../../../../src-shared/domain/clock-display';
import { addDays, localDateAt, zonedToInstant } from '../../../../src-shared/domain/zoned-time';

/** At most this many labels: each is up to ~12 characters, the chart is ~600 px at 1024 wide. */
export const MAX_TICKS = 7;
const DAY = 86_400_000;

export interface TimeAxis {
  ticks: number[];
  label: (t: number) => string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function timeAxis(from: number, to: number, zone: string, now: number = Date.now()): TimeAxis {
  const first = localDateAt(zone, from);
  const last = localDateAt(zone, to);
  const days = Math.max(1, Math.round((to - from) / DAY));
  const within = (t: number) => t >= from && t <= to;

  if (days <= 120) {
    // Days, every n-th so that at most MAX_TICKS fit.
    const step = Math.max(1, Math.ceil(days / MAX_TICKS));
    const ticks: number[] = [];
    for (let d = first; d <= last; d = addDays(d, step)) {
      const t = zonedToInstant(zone, d, 0);
      if (within(t)) ticks.push(t);
    }
    return { ticks, label: (t) => formatDay(localDateAt(zone, t), zone, { weekday: false, now }) };
  }

  const [fy, fm] = first.split('-').map(Number) as [number, number];
  const [ly, lm] = last.split('-').map(Number) as [number, number];
  const months = (ly - fy) * 12 + (lm - fm) + 1;
  if (months <= 36) {
    // Month starts, every n-th month: "Jul" this year, "Jul 2025" in another.
    const step = Math.max(1, Math.ceil(months / MAX_TICKS));
    const ticks: number[] = [];
    for (let i = 0; i <= months; i += step) {
      const y = fy + Math.floor((fm - 1 + i) / 12);
      const m = ((fm - 1 + i) % 12) + 1;
      const t = zonedToInstant(zone, `${y}-${String(m).padStart(2, '0')}-01`, 0);
      if (within(t)) ticks.push(t);
    }
    return {
      ticks,
      label: (t) => {
        const d = localDateAt(zone, t);
        const name = MONTHS[Number(d.slice(5, 7)) - 1]!;
        return needsYear(d, zone, now) ? `${name} ${d.slice(0, 4)}` : name;
      },
    };
  }

  // Years.
  const step = Math.max(1, Math.ceil((ly - fy + 1) / MAX_TICKS));
  const ticks: number[] = [];
  for (let y = fy; y <= ly + 1; y += step) {
    const t = zonedToInstant(zone, `${y}-01-01`, 0);
    if (within(t)) ticks.push(t);
  }
  return { ticks, label: (t) => localDateAt(zone, t).slice(0, 4) };
}
