/**
 * Which scores belong to one infusion series, and when a series has ended. A patient may have
 * several series (a first series, boosters, a repeat); each is compared with the baseline taken
 * before it started. Pure.
 */
import { currentScores } from './current-scores';
import type { OutcomeScore, OutcomeSession } from './types';

const INACTIVE = new Set(['cancelled', 'no_show']);

export const activeSessions = (sessions: readonly OutcomeSession[]) =>
  sessions.filter((s) => !INACTIVE.has(s.status)).sort((a, b) => a.seq - b.seq);

/** When a session ended: its discharge time, else its planned end. */
export const sessionEnd = (s: OutcomeSession) => s.statusTimes['discharged'] ?? s.endsAt;

/**
 * The series has ended once its last active session is discharged (as the follow-up schedule
 * counts it); null while it is running or when it has no active session.
 */
export function seriesEndedAt(sessions: readonly OutcomeSession[]): number | null {
  const last = activeSessions(sessions).at(-1);
  return last && last.status === 'discharged' ? sessionEnd(last) : null;
}

/**
 * The baseline a series is compared with, per instrument: the latest current baseline taken
 * no later than the end of the series' first session; when there is none that early (a
 * baseline entered late), the earliest baseline after it.
 */
export function baselineForSeries<T extends OutcomeScore>(
  patientScores: readonly T[],
  sessions: readonly OutcomeSession[],
  instrument: string,
): T | undefined {
  const baselines = currentScores(patientScores).filter((s) => s.instrument === instrument && s.timePoint === 'baseline');
  const first = activeSessions(sessions)[0];
  if (!first) return baselines[0];
  const limit = sessionEnd(first);
  return baselines.find((s) => s.observedAt <= limit) ?? baselines.at(-1);
}

/**
 * The scores the rules should see for one series: its chosen baselines and the session and
 * follow-up scores recorded against it (corrections included, so supersession still works).
 */
export function scoresForSeries<T extends OutcomeScore & { seriesId: string | null }>(
  patientScores: readonly T[],
  seriesId: string,
  sessions: readonly OutcomeSession[],
  baselineInstruments: readonly string[],
): T[] {
  const out: T[] = [];
  for (const inst of baselineInstruments) {
    const b = baselineForSeries(patientScores, sessions, inst);
    if (b) out.push(b);
  }
  for (const s of patientScores) if (s.seriesId === seriesId && s.timePoint !== 'baseline') out.push(s);
  return out;
}
