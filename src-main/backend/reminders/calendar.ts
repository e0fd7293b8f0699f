/** The series calendar file: a series' live sessions as an .ics the patient can import. */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import { formatPhone } from '../../../src-shared/domain/contact';
import { localDateAt } from '../../../src-shared/domain/zoned-time';
import type { HandlerContext } from '../api/context';
import { infusionSessions } from '../series/schema';
import { requireSeries } from '../series/series-read';
import { arrivalAt } from './rules/due';
import { calendarText, type CalendarEvent } from './rules/ics';
import { messageTime, type ClinicFacts } from './rules/render';
import { clinicFacts } from './sync';

/** The words under each event: when to arrive, fasting, driver, whom to call. */
export function eventDescription(clinic: ClinicFacts, startsAt: number, endsAt: number): string {
  const z = clinic.timeZone;
  const lines = [
    `Please arrive by ${messageTime(z, arrivalAt(startsAt, clinic.arrivalLeadMinutes))}. Your appointment starts at ${messageTime(z, startsAt)}; planned discharge about ${messageTime(z, endsAt)}.`,
    `Fasting: ${clinic.fastingInstructions}`,
    `Driver: ${clinic.driverRequirement}`,
  ];
  if (clinic.clinicPhone) lines.push(`Questions or changes: call ${clinic.clinicName} on ${formatPhone(clinic.clinicPhone)}.`);
  return lines.join('\n');
}

export function seriesCalendarFile(ctx: HandlerContext, seriesId: string) {
  requireSeries(ctx, seriesId);
  const all = ctx.db
    .select()
    .from(infusionSessions)
    .where(and(eq(infusionSessions.seriesId, seriesId), isNull(infusionSessions.deletedAt)))
    .orderBy(asc(infusionSessions.seq), asc(infusionSessions.startsAt))
    .all();
  // "3 of 6" counts every session of the series, as the schedule does. Cancelled sessions stay
  // in the file as cancelled events (same UID, a higher SEQUENCE), so re-importing an updated
  // file removes them from the patient's calendar; no-shows are past and left out.
  const total = all.length;
  const live = all.filter((s) => s.status !== 'cancelled' && s.status !== 'no_show');
  if (!live.length) throw ApiError.validation('seriesId', 'This series has no booked sessions left to put in a calendar file.');
  const clinic = clinicFacts(ctx);
  const location = [clinic.clinicName, clinic.clinicAddress].filter((v): v is string => Boolean(v && v.trim())).join(', ');
  const events: CalendarEvent[] = all
    .filter((s) => s.status !== 'no_show')
    .map((s) => {
      const cancelled = s.status === 'cancelled';
      return {
        uid: `${s.id}@infusion-desk`,
        sequence: s.version,
        startsAt: s.startsAt,
        endsAt: s.endsAt,
        summary: `${cancelled ? 'Cancelled: ' : ''}Infusion ${s.seq} of ${total}`,
        location: location || null,
        description: cancelled ? 'This infusion was cancelled.' : eventDescription(clinic, s.startsAt, s.endsAt),
        ...(cancelled ? { cancelled } : {}),
      };
    });
  const text = calendarText({ name: `Infusions at ${clinic.clinicName}`, stamp: ctx.now(), events });
  return {
    fileName: `infusion-series-${localDateAt(clinic.timeZone, live[0]!.startsAt)}.ics`,
    mimeType: 'text/calendar' as const,
    text,
    events: events.length,
  };
}
