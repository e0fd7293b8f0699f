import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { syncedColumns } from '../db/columns';

/**
 * Every field written through the mutation helper, in order, with its HLC timestamp. This
 * is what sync ships to the clinic server and what the audit trail reads.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    hlc: text('hlc').notNull(),
    /** One id per mutation: the same batch applied twice is recognised by it. */
    opId: text('op_id').notNull(),
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    /** JSON-encoded new value. */
    value: text('value'),
    userId: text('user_id'),
  },
  (t) => [index('change_log_row').on(t.tableName, t.rowId), index('change_log_hlc').on(t.hlc)],
);

/** The HLC of the last write to each field: last-writer-wins merges compare against it. */
export const fieldClocks = sqliteTable(
  'field_clocks',
  {
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    hlc: text('hlc').notNull(),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.rowId, t.field] })],
);

/** Device-local facts: this device's node id, the last HLC issued. Not synced. */
export const deviceMeta = sqliteTable('device_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});

/**
 * Fields received from the clinic server that this device cannot place yet: a table or
 * column this version of the app does not have, or a row whose required fields have not all
 * arrived. Kept (never dropped) and placed when the row can be written. Not synced.
 */
export const syncParked = sqliteTable(
  'sync_parked',
  {
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    field: text('field').notNull(),
    hlc: text('hlc').notNull(),
    value: text('value'),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.rowId, t.field] })],
);

/**
 * A domain conflict found after merging changes from other devices (two bookings of one suite
 * at once, a patient booked twice, a supervisor over capacity, sessions beyond an
 * authorization, two records of one person). Synced, so every device lists it and a
 * resolution made on one is seen on all. The id is stable (kind + the rows involved), so two
 * devices that find the same conflict create the same row.
 */
export const syncConflicts = sqliteTable(
  'sync_conflicts',
  {
    ...syncedColumns,
    /** suite | patient | supervisor | closure | authorization | duplicate_patient */
    kind: text('kind').notNull(),
    /** The rows involved (session ids, patient ids, or the authorization id first), sorted. */
    subjectIds: text('subject_ids', { mode: 'json' }).$type<string[]>().notNull(),
    /** In plain words, as found. */
    summary: text('summary').notNull(),
    startsAt: integer('starts_at'),
    /** open | resolved | dismissed */
    status: text('status').notNull(),
    resolution: text('resolution'),
    resolvedBy: text('resolved_by'),
    resolvedAt: integer('resolved_at'),
  },
  (t) => [index('sync_conflicts_status').on(t.status)],
);

/**
 * The clinic's computers by the node id in their clocks, so any computer can say where a
 * change was made ("booked by Carla on Front desk PC"). Written by a device when it enrols
 * (stable id from the node id); synced.
 */
export const syncDevices = sqliteTable('sync_devices', {
  ...syncedColumns,
  nodeId: text('node_id').notNull(),
  name: text('name').notNull(),
});
