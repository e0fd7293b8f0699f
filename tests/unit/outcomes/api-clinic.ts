/**
 * A small clinic on a real SQLite file for the outcomes API tests: a clock the test moves,
 * patients, and infusion series whose sessions are written straight into the store with the
 * status (and status times) each test needs, as the sessions tests do.
 */
import { insertRow, type WriteContext } from '../../../src-main/backend/db/mutate';
import { addDays, zonedToInstant } from '../../../src-shared/domain/zoned-time';
import { infusionSeries, infusionSessions } from '../../../src-main/backend/series/schema';
import { loadDeviceClock } from '../../../src-main/backend/sync/device-clock';
import type { MethodInput } from '../../../src-shared/api/contract';
import { tempBackend, validPatient, type TestBackend } from '../../support/temp-backend';

export const ZONE = 'America/Chicago';
export const MIN = 60_000;
export const HOUR = 3_600_000;
export const DAY = 86_400_000;
export const at = (date: string, time: string) => zonedToInstant(ZONE, date, time);

export interface SessionPlan {
  id: string;
  seq: number;
  startsAt: number;
  endsAt: number;
  dischargedAt: number | null;
}

export class OutcomesClinic {
  now: number;
  readonly b: TestBackend;
  private w: WriteContext;
  suiteId = '';

  private constructor(now: number) {
    this.now = now;
    this.b = tempBackend({ now: () => this.now });
    this.w = { db: this.b.store.db, sqlite: this.b.store.sqlite, clock: loadDeviceClock(this.b.store.sqlite, () => this.now), userId: null, now: () => this.now };
  }

  static async open(now: number): Promise<OutcomesClinic> {
    const c = new OutcomesClinic(now);
    await c.b.ok('settings.update', {
      name: 'Lakeside Pain & Infusion',
      timeZone: ZONE,
      openingHours: [1, 2, 3, 4, 5].map((day) => ({ day, open: '07:00', close: '18:00' })),
    });
    c.suiteId = (await c.b.ok('suites.create', { name: 'Suite 1' })).id;
    return c;
  }

  count(table: string): number {
    return (this.b.store.sqlite.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  }

  async patient(firstName: string, lastName: string, extra: Partial<typeof validPatient> & { mrn?: string } = {}): Promise<string> {
    return (await this.b.ok('patients.create', { ...validPatient, firstName, lastName, mrn: `MRN-${firstName}-${lastName}`, ...extra })).id;
  }

  /**
   * A series of `count` sessions, one every `gapDays` from `firstDate` at 08:00 clinic time,
   * 5 hours each. Sessions with seq <= `dischargedThrough` are discharged (IV at 08:30,
   * discharge at 13:10); the rest keep `restStatus`.
   */
  series(
    patientId: string,
    opts: {
      count: number;
      firstDate: string;
      gapDays?: number;
      dischargedThrough?: number;
      restStatus?: string;
      templateId?: string | null;
      templateName?: string;
      authorizationId?: string | null;
    },
  ): { seriesId: string; sessions: SessionPlan[] } {
    const gap = opts.gapDays ?? 2;
    const done = opts.dischargedThrough ?? opts.count;
    const series = insertRow(this.w, infusionSeries, {
      patientId,
      templateId: opts.templateId ?? null,
      templateSnapshot: { name: opts.templateName ?? `${opts.count} infusions` },
      authorizationId: opts.authorizationId ?? null,
      selfPay: !opts.authorizationId,
      status: done >= opts.count ? 'completed' : 'active',
      note: null,
    });
    const sessions: SessionPlan[] = [];
    for (let seq = 1; seq <= opts.count; seq++) {
      const startsAt = at(addDays(opts.firstDate, (seq - 1) * gap), '08:00');
      const discharged = seq <= done;
      const statusTimes: Record<string, number> = discharged
        ? { arrived: startsAt, iv_placed: startsAt + 30 * MIN, infusing: startsAt + 35 * MIN, recovery: startsAt + 4 * HOUR, discharged: startsAt + 5 * HOUR + 10 * MIN }
        : {};
      const row = insertRow(this.w, infusionSessions, {
        seriesId: series.id,
        patientId,
        seq,
        suiteId: this.suiteId,
        supervisorId: null,
        startsAt,
        infusionStartsAt: startsAt + 30 * MIN,
        recoveryStartsAt: startsAt + 4 * HOUR,
        endsAt: startsAt + 5 * HOUR,
        status: discharged ? 'discharged' : (opts.restStatus ?? 'scheduled'),
        statusTimes,
        checklist: {},
      });
      sessions.push({ id: row.id, seq, startsAt, endsAt: startsAt + 5 * HOUR, dischargedAt: discharged ? statusTimes['discharged']! : null });
    }
    return { seriesId: series.id, sessions };
  }

  record(input: MethodInput<'outcomes.recordScore'>) {
    return this.b.ok('outcomes.recordScore', input);
  }

  /** Baseline NRS a week before `before`, then before/after NRS per session (null = not taken). */
  async scores(
    patientId: string,
    baseline: number | null,
    sessions: SessionPlan[],
    pre: (number | null)[],
    post: (number | null)[] = [],
    baselineAt?: number,
  ): Promise<void> {
    if (baseline !== null) {
      await this.record({ patientId, instrument: 'nrs', timePoint: 'baseline', value: baseline, observedAt: baselineAt ?? sessions[0]!.startsAt - 7 * DAY });
    }
    for (const [i, s] of sessions.entries()) {
      const p = pre[i];
      if (p !== null && p !== undefined) await this.record({ patientId, instrument: 'nrs', timePoint: 'pre_session', sessionId: s.id, value: p, observedAt: s.startsAt + 10 * MIN });
      const q = post[i];
      if (q !== null && q !== undefined) await this.record({ patientId, instrument: 'nrs', timePoint: 'post_session', sessionId: s.id, value: q, observedAt: s.startsAt + 5 * HOUR });
    }
  }

  dispose(): void {
    this.b.dispose();
  }
}
