/**
 * One series through the outcomes rules: its scores, the responder result per session and at
 * each follow-up, its review flags and what it still owes. Pure (records in, results out), so
 * the patient summary, the clinic lists, the dashboard and the report all agree.
 */
import type { ScoreRecord, SeriesRecord } from './data';
import type { OutcomesConfig } from './rules/config';
import { currentScores } from './rules/current-scores';
import { DAY_MS } from './rules/dates';
import { dueList, type DueItem } from './rules/due';
import type { OutcomeScore } from './rules/types';
import { responderAtFollowUp, responderForSession, type ResponderResult } from './rules/responder';
import { reviewFlags, type ReviewFlag } from './rules/review';
import { activeSessions, baselineForSeries, scoresForSeries, seriesEndedAt } from './rules/series-scores';

/** Instruments whose baseline a series carries (the comparison one, and the pain scales shown). */
export const baselineInstruments = (cfg: OutcomesConfig) => [...new Set([cfg.comparison.instrument, 'nrs', 'vas'])];

/** What the rules read of a score row (the patient summary passes whole records, the dashboard lean ones). */
export type EvaluatedScore = OutcomeScore & { seriesId: string | null };

export class SeriesEvaluation<S extends EvaluatedScore = ScoreRecord> {
  /** The series' baselines and its own session and follow-up rows (corrections included). */
  readonly rows: S[];
  readonly endedAt: number | null;
  private current: S[] | undefined;

  constructor(
    readonly series: SeriesRecord,
    patientRows: readonly S[],
    readonly cfg: OutcomesConfig,
  ) {
    this.rows = scoresForSeries(patientRows, series.id, series.sessions, baselineInstruments(cfg));
    this.endedAt = seriesEndedAt(series.sessions);
  }

  baseline(instrument: string): S | undefined {
    return baselineForSeries(this.rows, this.series.sessions, instrument);
  }

  /** Responder result as of a session, by the configured comparison rule. */
  atSession(sessionId: string): ResponderResult {
    return responderForSession(this.rows, this.series.sessions, sessionId, this.cfg);
  }

  /** Result at the end of the series (its last active session), or null while it runs. */
  atEnd(): ResponderResult | null {
    const last = activeSessions(this.series.sessions).at(-1);
    return this.endedAt !== null && last ? this.atSession(last.id) : null;
  }

  atFollowUp(key: string): ResponderResult {
    return responderAtFollowUp(this.rows, key, this.cfg);
  }

  /** Follow-up dates from the series' end (empty while it runs). */
  followUpDates() {
    if (this.endedAt === null) return [];
    return this.cfg.followUps.map((f) => ({
      ...f,
      dueAt: this.endedAt! + f.offsetDays * DAY_MS,
      overdueAt: this.endedAt! + (f.offsetDays + f.toleranceDays) * DAY_MS,
    }));
  }

  flags(): ReviewFlag[] {
    return reviewFlags(this.series.patientId, this.series.sessions, this.rows, this.cfg);
  }

  due(now: number): DueItem[] {
    return dueList(this.series.patientId, this.series.sessions, this.rows, this.cfg, now);
  }

  /** The latest current score of an instrument at a time point for a session or follow-up. */
  score(instrument: string, timePoint: string, where: { sessionId?: string; followUp?: string }): S | undefined {
    // The rows never change after construction: which count is worked out once.
    return (this.current ??= currentScores(this.rows)).find(
      (s) =>
        s.instrument === instrument &&
        s.timePoint === timePoint &&
        (where.sessionId === undefined || s.sessionId === where.sessionId) &&
        (where.followUp === undefined || s.followUp === where.followUp),
    );
  }
}
