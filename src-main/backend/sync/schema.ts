import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

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
