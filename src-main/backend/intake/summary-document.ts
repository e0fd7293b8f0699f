/** Generating the intake summary PDF and filing it in the patient's record. */
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import type { HandlerContext } from '../api/context';
import { readSettings } from '../clinic/service';
import { staff } from '../clinic/schema';
import { renderReportPdf } from '../documents/pdf/render-pdf';
import { saveGeneratedDocument } from '../documents/store';
import { preparedOnce } from '../db/prepared';
import { appointments } from '../scheduling/schema';
import { intakeRecord } from './record';
import { intakeResources } from './resources';
import { buildIntakeSummary } from './summary';
import { keptDateTimeFormat } from '../../../src-shared/domain/dates';

/** How the summary words a booked consultation's time: "Mon, Dec 7, 2026, 9:30 AM CST". */
export const consultationFormat = (timeZone: string): Intl.DateTimeFormat =>
  keptDateTimeFormat('en-US', { timeZone, weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' });

export async function generateIntakeSummary(ctx: HandlerContext, patientId: string) {
  const res = intakeResources();
  const record = intakeRecord(ctx, res, patientId); // NOT_FOUND for an unknown patient
  const settings = readSettings(ctx);
  const label = (list: { id: string; label: string }[]) => (id: string) => list.find((x) => x.id === id)?.label ?? id;
  const when = consultationFormat(settings.timeZone);
  const booked = preparedOnce(ctx.db, 'intake.summaryConsultations', (db) =>
    db
      .select({ startsAt: appointments.startsAt, kind: appointments.kind, staffName: staff.name })
      .from(appointments)
      .innerJoin(staff, eq(staff.id, appointments.staffId))
      .where(and(eq(appointments.patientId, sql.placeholder('patientId')), eq(appointments.status, 'booked'), gte(appointments.endsAt, sql.placeholder('now'))))
      .orderBy(asc(appointments.startsAt))
      .prepare(),
  ).all({ patientId, now: ctx.now() });
  const model = buildIntakeSummary(record, {
    clinicName: settings.name,
    timeZone: settings.timeZone,
    generatedAt: ctx.now(),
    generatedBy: ctx.user.displayName,
    kindLabel: label(res.treatments.kinds),
    outcomeLabel: label(res.treatments.outcomes),
    consultations: booked.map(
      (a) => `${a.kind === 'initial_consultation' ? 'Initial consultation' : 'Consultation'} with ${a.staffName}: ${when.format(a.startsAt)}`,
    ),
  });
  const bytes = await renderReportPdf(model, { author: settings.name, createdAt: new Date(ctx.now()) });
  const p = record.patient;
  return saveGeneratedDocument(ctx, {
    patientId,
    docType: 'intake_summary',
    title: `Intake summary ${p.lastName}, ${p.firstName} ${record.asOf}`,
    mimeType: 'application/pdf',
    extension: 'pdf',
    bytes,
  });
}
