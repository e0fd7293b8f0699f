/** The trend chart's time axis: few enough ticks not to overlap, and years on them when not this year. */
import { describe, expect, it } from 'vitest';
import { MAX_TICKS, timeAxis } from '../../../src-renderer/src/features/outcomes/chart-ticks';
import { zonedToInstant } from '../../../src-shared/domain/zoned-time';

const ZONE = 'America/Chicago';
const NOW = zonedToInstant(ZONE, '2026-12-05', '10:00');
const at = (d: string) => zonedToInstant(ZONE, d, '09:00');

describe('trend chart time axis', () => {
  it('over years: one tick a year, labelled with the year, never more than fit', () => {
    const a = timeAxis(at('2019-03-01'), at('2026-11-20'), ZONE, NOW);
    expect(a.ticks.length).toBeLessThanOrEqual(MAX_TICKS);
    expect(a.ticks.map(a.label)).toEqual(['2021', '2023', '2025']);
  });

  it('over months across a year end: month starts, with the year on those not this year', () => {
    const a = timeAxis(at('2025-09-10'), at('2026-03-20'), ZONE, NOW);
    expect(a.ticks.map(a.label)).toEqual(['Oct 2025', 'Nov 2025', 'Dec 2025', 'Jan', 'Feb', 'Mar']);
  });

  it('over weeks: days, every few, with the year when not this year', () => {
    const a = timeAxis(at('2025-12-20'), at('2026-01-25'), ZONE, NOW);
    expect(a.ticks.length).toBeLessThanOrEqual(MAX_TICKS + 1);
    const labels = a.ticks.map(a.label);
    expect(labels[0]).toBe('Dec 26, 2025');
    expect(labels.at(-1)).toMatch(/^Jan \d+$/);
    // Evenly spaced, in order, never two on one day.
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('over a few days this year: each day, no year', () => {
    const a = timeAxis(at('2026-11-28'), at('2026-12-03'), ZONE, NOW);
    expect(a.ticks.map(a.label)).toEqual(['Nov 29', 'Nov 30', 'Dec 1', 'Dec 2', 'Dec 3']);
  });
});
