/**
 * Consultation hours and bookings for the synthetic clinic: each physician and
 * anesthesiologist gets three half-days a week (one with a rota change part-way), some
 * exceptions (a week of leave, a conference day, a training afternoon, the July 4th
 * holiday), and a few hundred initial consultations booked over the weeks after the
 * clinic's "today" (SEED_REFERENCE_INSTANT), fuller in the first weeks.
 *
 * Deterministic: the same seed and clinic give the same rows (ids from the seeded PRNG,
 * creation times simulated). Bookings are placed with the app's own slot rules, so none
 * overlaps another, an exception or the provider's hours. Writes go through insertRow.
 */
import { isConsultingRole } from '../../src-shared/api/schemas/scheduling';
import { insertRow, type WriteContext } from '../../src-main/backend/db/mutate';
import { findFreeSlots, type ExceptionBlock, type WeeklyBlock } from '../../src-main/backend/scheduling/rules/free-slots';
import { appointments, availabilityExceptions, providerAvailability } from '../../src-main/backend/scheduling/schema';
import { addDays, zonedToInstant } from '../../src-main/backend/scheduling/zoned-time';
import { rngFor, uuidV7 } from './prng';
import { SEED_REFERENCE_DATE, SEED_REFERENCE_INSTANT, type SyntheticClinic } from './synthetic-clinic';

const DAY_MS = 86_400_000;
/** How far ahead bookings go. */
export const BOOKING_WEEKS = 10;
/** Share of each week's free hours that is booked: nearly full soon, emptier later. */
const FILL_BY_WEEK = [0.97, 0.93, 0.88, 0.8, 0.72, 0.64, 0.56, 0.48, 0.4, 0.32];
const CONSULTATION_MINUTES = 60;

type Half = readonly [weekday: number, start: string, end: string];
const AM = (d: number): Half => [d, '08:00', '12:00'];
const PM = (d: number): Half => [d, '13:00', '17:00'];
/** Three half-days each; providers beyond four reuse the patterns. */
const ROTAS: readonly (readonly Half[])[] = [
  [AM(1), AM(3), PM(4)],
  [AM(2), PM(3), AM(5)],
  [PM(1), AM(4), PM(5)],
  [PM(2), AM(4), [6, '08:00', '12:00']],
];

export interface AvailabilitySeedReport {
  providers: number;
  weeklyBlocks: number;
  exceptions: number;
  booked: number;
  cancelled: number;
}

export function seedAvailability(
  w: WriteContext,
  opts: { seed: number; clinic: SyntheticClinic; log?: (line: string) => void },
): AvailabilitySeedReport {
  const { clinic } = opts;
  const zone = clinic.settings.timeZone;
  const providers = clinic.staff.filter((s) => isConsultingRole(s.fields.role));
  const idRng = rngFor(opts.seed, 'availability-ids');
  const ref = SEED_REFERENCE_DATE;
  let t = SEED_REFERENCE_INSTANT - 60 * DAY_MS;
  const at = (time: number): WriteContext => ({ ...w, now: () => time });

  return w.sqlite.transaction(() => {
    // Weekly hours, set up two months before "today". The second provider moves their
    // Friday from the morning to the afternoon at the start of July.
    const weekly: WeeklyBlock[] = [];
    providers.forEach((p, k) => {
      for (const [weekday, startTime, endTime] of ROTAS[k % ROTAS.length]!) {
        const changes = k === 1 && weekday === 5;
        const blocks = changes
          ? [
              { weekday, startTime, endTime, validFrom: null, validTo: '2026-06-30' },
              { weekday, startTime: '13:00', endTime: '17:00', validFrom: '2026-07-01', validTo: null },
            ]
          : [{ weekday, startTime, endTime, validFrom: null, validTo: null }];
        for (const b of blocks) {
          t += 60_000;
          insertRow(at(t), providerAvailability, { id: uuidV7(t, idRng), staffId: p.id, ...b });
          weekly.push({ staffId: p.id, ...b });
        }
      }
    });

    // Exceptions: leave, a conference, training for everyone, a public holiday.
    const local = (date: string, time: string) => zonedToInstant(zone, date, time);
    const exceptions: (ExceptionBlock & { reason: string })[] = [];
    const leaveStart = addDays(ref, 14); // the third week
    if (providers[0]) exceptions.push({ staffId: providers[0].id, startsAt: local(leaveStart, '00:00'), endsAt: local(addDays(leaveStart, 7), '00:00'), reason: 'Annual leave' });
    if (providers[2]) exceptions.push({ staffId: providers[2].id, startsAt: local(addDays(ref, 24), '00:00'), endsAt: local(addDays(ref, 25), '00:00'), reason: 'Conference' });
    exceptions.push({ staffId: null, startsAt: local(addDays(ref, 9), '13:00'), endsAt: local(addDays(ref, 9), '17:00'), reason: 'Staff training' });
    exceptions.push({ staffId: null, startsAt: local('2026-07-03', '00:00'), endsAt: local('2026-07-04', '00:00'), reason: 'Independence Day (observed)' });
    for (const e of exceptions) {
      t += 60_000;
      insertRow(at(t), availabilityExceptions, { id: uuidV7(t, idRng), ...e });
    }

    // Bookings: the most recently registered patients, one initial consultation each,
    // on a 30-minute grid so some days are fragmented.
    const patientIds = (
      w.sqlite.prepare(`SELECT id FROM patients WHERE deleted_at IS NULL ORDER BY created_at DESC, id LIMIT 2000`).all() as { id: string }[]
    ).map((r) => r.id);
    const candidates = findFreeSlots({
      timeZone: zone,
      openingHours: clinic.settings.openingHours,
      providers: providers.map((p) => ({ staffId: p.id, name: p.fields.name })),
      availability: weekly,
      exceptions,
      appointments: [],
      from: SEED_REFERENCE_INSTANT,
      days: BOOKING_WEEKS * 7,
      minutes: CONSULTATION_MINUTES,
      step: 30,
    }).slots;
    const rng = rngFor(opts.seed, 'consultations');
    const busyUntil = new Map<string, number>();
    let booked = 0;
    let cancelled = 0;
    let next = 0;
    for (const slot of candidates) {
      if (next >= patientIds.length) break;
      if (slot.startsAt < (busyUntil.get(slot.staffId) ?? 0)) continue;
      const week = Math.min(Math.floor((slot.startsAt - SEED_REFERENCE_INSTANT) / (7 * DAY_MS)), FILL_BY_WEEK.length - 1);
      // Two chances per hour on a 30-minute grid: book each with half the week's fill.
      if (!rng.chance(1 - Math.sqrt(1 - FILL_BY_WEEK[week]!))) continue;
      const createdAt = Math.min(slot.startsAt, SEED_REFERENCE_INSTANT) - rng.int(1, 21 * 24) * 3_600_000;
      const isCancelled = rng.chance(0.05);
      insertRow(at(createdAt), appointments, {
        id: uuidV7(createdAt, rng),
        patientId: patientIds[next++]!,
        staffId: slot.staffId,
        kind: 'initial_consultation',
        startsAt: slot.startsAt,
        endsAt: slot.endsAt,
        status: isCancelled ? 'cancelled' : 'booked',
        note: isCancelled ? 'Cancelled: Patient asked to rebook' : null,
      });
      if (isCancelled) cancelled++;
      else {
        booked++;
        busyUntil.set(slot.staffId, slot.endsAt);
      }
    }

    const report = { providers: providers.length, weeklyBlocks: weekly.length, exceptions: exceptions.length, booked, cancelled };
    opts.log?.(
      `  consultation hours for ${report.providers} providers (${report.weeklyBlocks} weekly blocks), ${report.exceptions} exceptions, ` +
        `${report.booked} booked consultations (+${report.cancelled} cancelled) over ${BOOKING_WEEKS} weeks`,
    );
    return report;
  })();
}
