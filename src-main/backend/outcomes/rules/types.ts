/** Input shapes the outcomes rules take. The service maps database rows onto these. */
import type { ScoreLike } from './current-scores';

export type TimePoint = 'baseline' | 'pre_session' | 'post_session' | 'follow_up';

export interface OutcomeScore extends ScoreLike {
  patientId: string;
  value: number;
  items?: number[] | null;
  timePoint: TimePoint | string;
  sessionId: string | null;
  followUp: string | null;
  recordedBy?: string;
  source?: string;
}

export interface OutcomeSession {
  id: string;
  patientId: string;
  seq: number;
  startsAt: number;
  endsAt: number;
  /** As in src-shared/api/schemas/series.ts: scheduled | arrived | iv_placed | infusing | recovery | discharged | no_show | cancelled */
  status: string;
  statusTimes: Partial<Record<string, number>>;
}
