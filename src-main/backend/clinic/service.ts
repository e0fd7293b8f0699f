/** Clinic settings, infusion suites, staff and payers: the API methods. */
import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import type { ClinicSettings } from '../../../src-shared/api/schemas/clinic';
import type { HandlerContext, PartialHandlers } from '../api/context';
import { insertDefaultRow, insertRow, updateRow, type WriteContext } from '../db/mutate';
import { preparedOnce } from '../db/prepared';
import { DEFAULT_OPENING_HOURS, defaultTimeZone } from './defaults';
import { clinicSettings, payers, staff, suites } from './schema';
import { changeTimeZone, refuseSilentZoneChange, zoneChangeImpact } from './time-zone-change';

/** The clinic's one settings row, created with defaults on first start. */
export function ensureClinicSettings(w: WriteContext): void {
  const row = w.db.select({ id: clinicSettings.id }).from(clinicSettings).where(isNull(clinicSettings.deletedAt)).get();
  if (!row) {
    insertDefaultRow(w, clinicSettings, 'clinic', { name: 'New clinic', timeZone: defaultTimeZone(), openingHours: DEFAULT_OPENING_HOURS });
  }
}

export function readSettings(ctx: Pick<WriteContext, 'db'>): ClinicSettings & { id: string } {
  // Read on almost every call (the clinic's today, its zone): prepared once.
  const row = preparedOnce(ctx.db, 'clinic.settings', (db) =>
    db.select().from(clinicSettings).where(isNull(clinicSettings.deletedAt)).orderBy(asc(clinicSettings.createdAt)).prepare(),
  ).get();
  if (!row) throw new ApiError('NOT_FOUND', 'The clinic has no settings yet. Restart the app to create them.');
  return row;
}

function uniqueName(ctx: HandlerContext, table: typeof suites | typeof staff | typeof payers, name: string, selfId: string | null, what: string): void {
  const clash = ctx.db
    .select({ id: table.id })
    .from(table)
    .where(and(sql`lower(${table.name}) = lower(${name})`, isNull(table.deletedAt)))
    .get();
  if (clash && clash.id !== selfId) {
    const message = `There is already ${what} called ${name}.`;
    throw new ApiError('CONFLICT', message, { field: 'name', issues: [{ field: 'name', message }] });
  }
}

const listSuites = (ctx: HandlerContext, includeInactive: boolean) =>
  ctx.db
    .select()
    .from(suites)
    .where(includeInactive ? isNull(suites.deletedAt) : and(isNull(suites.deletedAt), eq(suites.active, true)))
    .orderBy(asc(suites.sortOrder), asc(suites.name))
    .all();

export const clinicHandlers: PartialHandlers = {
  'settings.get': (_input, ctx) => readSettings(ctx),
  'settings.update': ({ expectedVersion, ...fields }, ctx) => {
    const current = readSettings(ctx);
    // Booked rows ahead would move on the clock: that change has its own method and dialog.
    refuseSilentZoneChange(ctx, fields.timeZone);
    return updateRow(ctx, clinicSettings, current.id, fields, { expectedVersion, what: 'The clinic settings' });
  },
  'settings.timeZoneImpact': ({ timeZone }, ctx) => zoneChangeImpact(ctx, timeZone),
  'settings.changeTimeZone': ({ timeZone, expectedVersion }, ctx) => changeTimeZone(ctx, timeZone, expectedVersion),

  'suites.list': ({ includeInactive }, ctx) => listSuites(ctx, includeInactive),
  'suites.create': (fields, ctx) => {
    uniqueName(ctx, suites, fields.name, null, 'a suite');
    const max = ctx.db.select({ n: sql<number>`coalesce(max(${suites.sortOrder}), 0)` }).from(suites).get();
    return insertRow(ctx, suites, { ...fields, sortOrder: (max?.n ?? 0) + 1 });
  },
  'suites.update': ({ id, expectedVersion, ...fields }, ctx) => {
    uniqueName(ctx, suites, fields.name, id, 'a suite');
    return updateRow(ctx, suites, id, fields, { expectedVersion, what: 'This suite' });
  },

  'staff.list': (_input, ctx) =>
    ctx.db.select().from(staff).where(isNull(staff.deletedAt)).orderBy(sql`lower(${staff.name})`).all(),
  'staff.create': (fields, ctx) => insertRow(ctx, staff, fields),
  'staff.update': ({ id, expectedVersion, ...fields }, ctx) =>
    updateRow(ctx, staff, id, fields, { expectedVersion, what: 'This staff member' }),

  'payers.list': (_input, ctx) =>
    ctx.db.select().from(payers).where(isNull(payers.deletedAt)).orderBy(sql`lower(${payers.name})`).all(),
  'payers.create': (fields, ctx) => {
    uniqueName(ctx, payers, fields.name, null, 'a payer');
    return insertRow(ctx, payers, fields);
  },
  'payers.update': ({ id, expectedVersion, ...fields }, ctx) => {
    uniqueName(ctx, payers, fields.name, id, 'a payer');
    return updateRow(ctx, payers, id, fields, { expectedVersion, what: 'This payer' });
  },
};
