/** Clinical review flag: not reaching the configured reduction by the configured point. Pure. */
import type { OutcomesConfig } from './config';
import { responderForSession, type ResponderResult } from './responder';
import type { OutcomeScore, OutcomeSession } from './types';

export interface ReviewFlag {
  patientId: string;
  at: 'after_session' | 'end_of_series';
  sessionId: string;
  sessionSeq: number;
  percentReduction: number | null;
  pointsReduction: number;
  threshold: number;
  reason: string;
  result: ResponderResult;
}

const DONE = new Set(['discharged']);

/**
 * The review points a series has reached (the configured session done, the whole series
 * done), whatever the scores: the sessions alone decide where a flag can arise.
 */
export function reviewPoints(sessions: readonly OutcomeSession[], cfg: OutcomesConfig): { s: OutcomeSession; at: ReviewFlag['at'] }[] {
  const r = cfg.review;
  const active = sessions.filter((s) => s.status !== 'cancelled' && s.status !== 'no_show').sort((a, b) => a.seq - b.seq);
  const points: { s: OutcomeSession; at: ReviewFlag['at'] }[] = [];
  if (r.afterSessionSeq !== null) {
    const s = active.find((x) => x.seq === r.afterSessionSeq && DONE.has(x.status));
    if (s) points.push({ s, at: 'after_session' });
  }
  const last = active.at(-1);
  if (r.atEndOfSeries && last && active.every((x) => DONE.has(x.status)) && !points.some((p) => p.s.id === last.id))
    points.push({ s: last, at: 'end_of_series' });
  return points;
}

export function reviewFlags(
  patientId: string,
  sessions: readonly OutcomeSession[],
  scores: readonly OutcomeScore[],
  cfg: OutcomesConfig,
): ReviewFlag[] {
  const r = cfg.review;
  const out: ReviewFlag[] = [];
  for (const { s, at } of reviewPoints(sessions, cfg)) {
    const res = responderForSession(scores, sessions, s.id, cfg);
    if (!res.ok) continue; // missing scores show on the due list, not as a clinical flag
    const below = res.percentReduction === null || res.percentReduction + 1e-9 < r.minReductionPercent;
    if (!below) continue;
    const when = at === 'after_session' ? `after session ${s.seq}` : `at the end of the series (session ${s.seq})`;
    const pct = res.percentReduction === null ? 'no percent change (baseline is 0)' : `${Math.round(res.percentReduction)}% reduction`;
    out.push({ patientId, at, sessionId: s.id, sessionSeq: s.seq, percentReduction: res.percentReduction, pointsReduction: res.pointsReduction,
      threshold: r.minReductionPercent, reason: `Less than ${r.minReductionPercent}% reduction ${when}: ${pct}. ${res.sentence}`, result: res });
  }
  return out;
}
