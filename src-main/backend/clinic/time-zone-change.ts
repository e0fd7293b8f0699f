/**
 * Changing the clinic's time zone. Everything dated is stored as an instant, so a new zone
 * alone would move every booked session on the clock (07:00 in Chicago is 06:00 in Denver,
 * before opening; the reminders and .ics would follow). A clinic that changes its zone means
 * "we are here, at the same clock times", so the change keeps the local wall-clock time of
 * everything still ahead: scheduled infusion sessions (each phase), booked consultations,
 * suite closures and provider time off that start from now on, rewritten in the same
 * transaction as the zone through db/mutate.ts (change log, sync, audit). What already
 * happened keeps its real instants. Weekly hours and shifts are clock times already.
 *
 * `settings.update` refuses a zone change while anything is ahead and points here; the
 * screen asks `settings.timeZoneImpact` first and says how many rows keep their local times.
 * Reminders follow: the change publishes clinic.changed, after which the outbox is re-planned.
 */
import { asc, isNull } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import { localToInstant, wallClockAt } from '../../../src-shared/domain/zoned-time';
import { zoneChangeTotal, zoneChangeWords } from '../../../src-shared/domain/clinic/zone-change-words';
import type { HandlerContext } from '../api/context';
import { updateRow, type WriteContext } from '../db/mutate';
import { preparedSql } from '../db/prepared';
import { appointments, availabilityExceptions } from '../scheduling/schema';
import { infusionSessions, suiteClosures } from '../series/schema';
import { clinicSettings } from './schema';

/** The settings row (read here, not through service.ts, which calls into this module). */
function readSettings(ctx: Pick<WriteContext, 'db'>) {
  const row = ctx.db.select().from(clinicSettings).where(isNull(clinicSettings.deletedAt)).orderBy(asc(clinicSettings.createdAt)).get();
  if (!row) throw new ApiError('NOT_FOUND', 'The clinic has no settings yet. Restart the app to create them.');
  return row;
}

/** The instant the new zone's clocks read what the old zone's read at `t` (seconds kept). */
export function keepWallClock(fromZone: string, toZone: string, t: number): number {
  const { year, month, day, hour, minute, second } = wallClockAt(fromZone, t);
  return localToInstant(toZone, { year, month, day, hour, minute, second }) + (((t % 1000) + 1000) % 1000);
}

const SESSIONS = `SELECT id, starts_at AS startsAt, infusion_starts_at AS infusionStartsAt, recovery_starts_at AS recoveryStartsAt, ends_at AS endsAt
  FROM infusion_sessions WHERE deleted_at IS NULL AND status = 'scheduled' AND starts_at >= ? ORDER BY starts_at, id`;
const CONSULTATIONS = `SELECT id, starts_at AS startsAt, ends_at AS endsAt FROM appointments
  WHERE deleted_at IS NULL AND status = 'booked' AND starts_at >= ? ORDER BY starts_at, id`;
const CLOSURES = `SELECT id, starts_at AS startsAt, ends_at AS endsAt FROM suite_closures WHERE deleted_at IS NULL AND starts_at >= ? ORDER BY starts_at, id`;
const TIME_OFF = `SELECT id, starts_at AS startsAt, ends_at AS endsAt FROM availability_exceptions WHERE deleted_at IS NULL AND starts_at >= ? ORDER BY starts_at, id`;

export interface ZoneImpact {
  fromZone: string;
  toZone: string;
  sessions: number;
  consultations: number;
  closures: number;
  timeOff: number;
  /** The first session ahead, as an example: its instant now and the one it gets. */
  example: { before: number; after: number } | null;
}

export function zoneChangeImpact(ctx: Pick<HandlerContext, 'sqlite' | 'db' | 'now'>, toZone: string): ZoneImpact {
  const fromZone = readSettings(ctx).timeZone;
  const now = ctx.now();
  const sessions = preparedSql(ctx.sqlite, SESSIONS).all(now) as { startsAt: number }[];
  const n = (q: string) => (preparedSql(ctx.sqlite, q).all(now) as unknown[]).length;
  const first = sessions[0];
  return {
    fromZone,
    toZone,
    sessions: sessions.length,
    consultations: n(CONSULTATIONS),
    closures: n(CLOSURES),
    timeOff: n(TIME_OFF),
    example: first && fromZone !== toZone ? { before: first.startsAt, after: keepWallClock(fromZone, toZone, first.startsAt) } : null,
  };
}

/** For settings.update: a zone change with anything ahead must go through changeTimeZone. */
export function refuseSilentZoneChange(ctx: HandlerContext, toZone: string): void {
  const current = readSettings(ctx).timeZone;
  if (current === toZone) return;
  const impact = zoneChangeImpact(ctx, toZone);
  if (zoneChangeTotal(impact) === 0) return;
  throw ApiError.validation(
    'timeZone',
    `${zoneChangeWords(impact)} ahead would move on the clock if only the zone changed. Use "Change time zone", which keeps their local times.`,
  );
}

/** The zone and everything ahead at the same local times, in one transaction. */
export function changeTimeZone(ctx: HandlerContext, toZone: string, expectedVersion: number | undefined) {
  return ctx.sqlite
    .transaction(() => {
      const settings = readSettings(ctx);
      const fromZone = settings.timeZone;
      const impact = zoneChangeImpact(ctx, toZone);
      if (fromZone === toZone) {
        if (expectedVersion !== undefined && settings.version !== expectedVersion) throw new ApiError('CONFLICT', 'The clinic settings were changed by someone else. Look again and retry.');
        return { settings, impact, moved: 0 };
      }
      const now = ctx.now();
      const keep = (t: number) => keepWallClock(fromZone, toZone, t);
      const w: WriteContext = ctx;
      let moved = 0;
      const what = 'A booked row';
      for (const s of preparedSql(ctx.sqlite, SESSIONS).all(now) as { id: string; startsAt: number; infusionStartsAt: number; recoveryStartsAt: number; endsAt: number }[]) {
        updateRow(
          w,
          infusionSessions,
          s.id,
          { startsAt: keep(s.startsAt), infusionStartsAt: keep(s.infusionStartsAt), recoveryStartsAt: keep(s.recoveryStartsAt), endsAt: keep(s.endsAt) },
          { what },
        );
        moved++;
      }
      for (const [table, q] of [
        [appointments, CONSULTATIONS],
        [suiteClosures, CLOSURES],
        [availabilityExceptions, TIME_OFF],
      ] as const) {
        for (const r of preparedSql(ctx.sqlite, q).all(now) as { id: string; startsAt: number; endsAt: number }[]) {
          updateRow(w, table, r.id, { startsAt: keep(r.startsAt), endsAt: keep(r.endsAt) }, { what });
          moved++;
        }
      }
      const updated = updateRow(ctx, clinicSettings, settings.id, { timeZone: toZone }, { expectedVersion, what: 'The clinic settings' });
      return { settings: updated, impact, moved };
    })
    .immediate();
}
