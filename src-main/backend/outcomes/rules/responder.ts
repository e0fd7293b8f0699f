/** Change from baseline and IMMPACT categories. Pure. */
import type { OutcomesConfig } from './config';
import { currentScores } from './current-scores';
import type { OutcomeScore, OutcomeSession } from './types';

export type ResponderCategory = 'none' | 'minimal' | 'moderate' | 'substantial' | 'worse' | 'unchanged_zero';

export interface Change {
  baseline: number;
  compared: number;
  /** baseline − compared: positive = less pain. */
  pointsReduction: number;
  /** Percent reduction from baseline; null when the baseline is 0. */
  percentReduction: number | null;
  category: ResponderCategory;
  note: string | null;
}

export type ResponderResult =
  | ({ ok: true; sentence: string; comparedValues: number[] } & Change)
  | { ok: false; reason: 'not_enough_scores'; missing: string[]; sentence: string };

const EPS = 1e-9;

const fmt = (n: number) => String(Math.round(n * 10) / 10);

export function categorize(percentReduction: number, c: OutcomesConfig['categories']): ResponderCategory {
  if (percentReduction < -EPS) return 'worse';
  if (percentReduction + EPS >= c.substantialPercent) return 'substantial';
  if (percentReduction + EPS >= c.moderatePercent) return 'moderate';
  if (percentReduction + EPS >= c.minimalPercent) return 'minimal';
  return 'none';
}

export function changeFromBaseline(baseline: number, compared: number, c: OutcomesConfig['categories']): Change {
  const pointsReduction = baseline - compared;
  if (baseline === 0) {
    return {
      baseline,
      compared,
      pointsReduction,
      percentReduction: null,
      category: compared > 0 ? 'worse' : 'unchanged_zero',
      note: 'no percent change (baseline is 0)',
    };
  }
  const percentReduction = (pointsReduction / baseline) * 100;
  return { baseline, compared, pointsReduction, percentReduction, category: categorize(percentReduction, c), note: null };
}

export function categoryLabel(cat: ResponderCategory, c: OutcomesConfig['categories']): string {
  switch (cat) {
    case 'substantial':
      return `substantial (≥ ${c.substantialPercent}%)`;
    case 'moderate':
      return `moderate (≥ ${c.moderatePercent}%)`;
    case 'minimal':
      return `minimal (≥ ${c.minimalPercent}%)`;
    case 'none':
      return `no meaningful change (< ${c.minimalPercent}%)`;
    case 'worse':
      return 'worse';
    case 'unchanged_zero':
      return 'unchanged';
  }
}

function changePhrase(ch: Change, c: OutcomesConfig['categories']): string {
  if (ch.percentReduction === null) {
    const pts = ch.pointsReduction === 0 ? 'no change in points' : `${fmt(Math.abs(ch.pointsReduction))} points ${ch.pointsReduction > 0 ? 'lower' : 'higher'}`;
    return `${pts}, ${ch.note}`;
  }
  const p = Math.round(Math.abs(ch.percentReduction));
  const dir = ch.percentReduction > EPS ? `${p}% lower` : ch.percentReduction < -EPS ? `${p}% higher` : 'no change';
  return `${dir}, ${categoryLabel(ch.category, c)}`;
}

const NUM_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];
const label = (instrument: string) => instrument.toUpperCase();

/** Latest current score per session for a time point. */
function perSession(scores: readonly OutcomeScore[], instrument: string, timePoint: string): Map<string, OutcomeScore> {
  const out = new Map<string, OutcomeScore>();
  for (const s of currentScores(scores))
    if (s.instrument === instrument && s.timePoint === timePoint && s.sessionId && !out.has(s.sessionId)) out.set(s.sessionId, s);
  return out;
}

export function baselineScore(scores: readonly OutcomeScore[], instrument: string): OutcomeScore | undefined {
  return currentScores(scores).find((s) => s.instrument === instrument && s.timePoint === 'baseline');
}

function finish(baseline: number, values: number[], what: string, cfg: OutcomesConfig): ResponderResult {
  const compared = values.reduce((a, b) => a + b, 0) / values.length;
  const ch = changeFromBaseline(baseline, compared, cfg.categories);
  const inst = label(cfg.comparison.instrument);
  const vals = values.length > 1 ? `(${values.map(fmt).join(', ')} → ${fmt(compared)})` : `(${fmt(compared)})`;
  const sentence = `${what} ${vals} against the baseline ${inst} of ${fmt(baseline)}: ${changePhrase(ch, cfg.categories)}`;
  return { ok: true, sentence, comparedValues: values, ...ch };
}

function notEnough(missing: string[]): ResponderResult {
  return { ok: false, reason: 'not_enough_scores', missing, sentence: `Not enough scores: missing ${missing.join('; ')}` };
}

/** Responder result as of a session (that session and the ones before it in the series). */
export function responderForSession(
  scores: readonly OutcomeScore[],
  sessions: readonly OutcomeSession[],
  sessionId: string,
  cfg: OutcomesConfig,
): ResponderResult {
  const inst = cfg.comparison.instrument;
  const L = label(inst);
  const target = sessions.find((s) => s.id === sessionId);
  if (!target) return notEnough([`session ${sessionId} not found`]);
  const base = baselineScore(scores, inst);
  const missing: string[] = [];
  if (!base) missing.push(`baseline ${L}`);
  const upTo = sessions
    .filter((s) => s.seq <= target.seq && s.status !== 'cancelled' && s.status !== 'no_show')
    .sort((a, b) => a.seq - b.seq);
  const rule = cfg.comparison.rule;
  let values: number[] = [];
  let what = '';
  if (rule === 'after_last_session') {
    const after = perSession(scores, inst, 'post_session').get(target.id);
    if (!after) missing.push(`after-infusion ${L} for session ${target.seq}`);
    else values = [after.value];
    what = `After-infusion ${L} of session ${target.seq}`;
  } else if (rule === 'last_before') {
    const before = perSession(scores, inst, 'pre_session').get(target.id);
    if (!before) missing.push(`before-infusion ${L} for session ${target.seq}`);
    else values = [before.value];
    what = `Before-infusion ${L} of session ${target.seq}`;
  } else {
    const n = cfg.comparison.n;
    const pre = perSession(scores, inst, 'pre_session');
    const last = upTo.slice(-n);
    if (last.length < n) missing.push(`${n} sessions with before-infusion ${L} (only ${last.length} session(s) so far)`);
    for (const s of last) {
      const sc = pre.get(s.id);
      if (!sc) missing.push(`before-infusion ${L} for session ${s.seq}`);
      else values.push(sc.value);
    }
    what = n === 1 ? `Last before-infusion ${L}` : `Mean of the last ${NUM_WORDS[n] ?? n} before-infusion ${L} scores`;
  }
  if (missing.length || !base) return notEnough(missing);
  return finish(base.value, values, what, cfg);
}

/** Responder result at a follow-up (by its key from the config, e.g. followup_1m). */
export function responderAtFollowUp(scores: readonly OutcomeScore[], followUpKey: string, cfg: OutcomesConfig): ResponderResult {
  const inst = cfg.comparison.instrument;
  const L = label(inst);
  const base = baselineScore(scores, inst);
  const followUpLabel = cfg.followUps.find((f) => f.key === followUpKey)?.label ?? followUpKey;
  const fu = currentScores(scores).find((s) => s.instrument === inst && s.timePoint === 'follow_up' && s.followUp === followUpKey);
  const missing: string[] = [];
  if (!base) missing.push(`baseline ${L}`);
  if (!fu) missing.push(`${followUpLabel} follow-up ${L}`);
  if (!base || !fu) return notEnough(missing);
  return finish(base.value, [fu.value], `${followUpLabel} follow-up ${L}`, cfg);
}
