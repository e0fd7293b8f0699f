import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseOutcomesConfig, type OutcomesConfig } from '../../../src-main/backend/outcomes/rules/config';
import type { OutcomeScore, OutcomeSession } from '../../../src-main/backend/outcomes/rules/types';

// The service sets the clinic's zone; these rules tests use New York.
export const cfg: OutcomesConfig = {
  ...parseOutcomesConfig(JSON.parse(readFileSync(join(__dirname, '../../../resources/outcomes/outcomes-config.json'), 'utf8'))),
  timeZone: 'America/New_York',
};
export const withCfg = (patch: (c: OutcomesConfig) => void): OutcomesConfig => {
  const c = structuredClone(cfg);
  patch(c);
  return c;
};

export const T0 = Date.UTC(2026, 2, 2, 14, 0); // Mon 2 Mar 2026 14:00 UTC = 09:00 New York
export const H = 3_600_000;
export const D = 86_400_000;

let n = 0;
export function score(p: Partial<OutcomeScore> & { value: number; timePoint: string }): OutcomeScore {
  n++;
  return {
    id: p.id ?? `s${n}`,
    patientId: 'p1',
    instrument: 'nrs',
    observedAt: T0,
    createdAt: T0 + n,
    supersedesId: null,
    sessionId: null,
    followUp: null,
    recordedBy: 'u1',
    source: 'staff',
    ...p,
  };
}

export function sessions(count: number, status: (seq: number) => string = () => 'discharged'): OutcomeSession[] {
  return Array.from({ length: count }, (_, i) => {
    const seq = i + 1;
    const startsAt = T0 + i * 2 * D;
    const st = status(seq);
    return {
      id: `ses${seq}`,
      patientId: 'p1',
      seq,
      startsAt,
      endsAt: startsAt + 4 * H,
      status: st,
      statusTimes: st === 'discharged' ? { iv_placed: startsAt + 0.5 * H, discharged: startsAt + 4 * H + 10 * 60_000 } : {},
    };
  });
}

/** baseline + pre scores per session (index = seq-1) */
export function series(baseline: number | null, pre: (number | null)[], post: (number | null)[] = []): OutcomeScore[] {
  const out: OutcomeScore[] = [];
  if (baseline !== null) out.push(score({ value: baseline, timePoint: 'baseline', observedAt: T0 - 7 * D }));
  pre.forEach((v, i) => {
    if (v !== null) out.push(score({ value: v, timePoint: 'pre_session', sessionId: `ses${i + 1}`, observedAt: T0 + i * 2 * D }));
  });
  post.forEach((v, i) => {
    if (v !== null) out.push(score({ value: v, timePoint: 'post_session', sessionId: `ses${i + 1}`, observedAt: T0 + i * 2 * D + 4 * H }));
  });
  return out;
}
