import { describe, expect, it } from 'vitest';
import { checkPlacement } from '../../../src-shared/domain/series/placement';
import { planSeries, SEARCH_BUDGET } from '../../../src-main/backend/series/rules/planner';
import { rngFor } from '../../../scripts/lib/prng';
import { referencePlanSeries } from './planner-reference';
import { randomClinic } from './planner-random-clinic';

describe('the fast planner answers exactly as the plain search', () => {
  it('on 200 random clinics: the same proposals, or the same reasons and suggestions when nothing fits', () => {
    const seen = { proposals: 0, noFit: 0, stopped: 0 };
    for (let c = 0; c < 200; c++) {
      const rng = rngFor(5, 'planner', c);
      const clinic = randomClinic(rng);
      // Small budgets make the search stop part-way, as it does on a full clinic.
      const budget = rng.pick([SEARCH_BUDGET, SEARCH_BUDGET, 40, 400, 4000]);
      const fast = planSeries(clinic, { budget });
      expect(fast).toEqual(referencePlanSeries(clinic, { budget }));
      for (const p of fast.proposals) for (const s of p.sessions) expect(checkPlacement(clinic, s, p.sessions).reasons).toEqual([]);
      seen.proposals += fast.proposals.length;
      if (fast.noFit) seen.noFit++;
      if (fast.noFit?.reasons.some((r) => r.startsWith('The search stopped'))) seen.stopped++;
    }
    // Every kind of answer was compared.
    expect(seen.proposals).toBeGreaterThan(50);
    expect(seen.noFit).toBeGreaterThan(20);
    expect(seen.stopped).toBeGreaterThan(5);
  });

  it('on a crowded clinic: several suites and supervisors, longer horizons', () => {
    for (let c = 0; c < 30; c++) {
      const rng = rngFor(9, 'crowded', c);
      const clinic = randomClinic(rng);
      const more = Array.from({ length: 3 }, () => randomClinic(rng).booked).flat();
      const crowded = {
        ...clinic,
        horizonDays: 8,
        booked: [...clinic.booked, ...more.map((b, i) => ({ ...b, sessionId: `x${i}`, suiteId: clinic.suites[i % clinic.suites.length]!.id }))],
      };
      expect(planSeries(crowded)).toEqual(referencePlanSeries(crowded, { budget: SEARCH_BUDGET }));
    }
  });
});
