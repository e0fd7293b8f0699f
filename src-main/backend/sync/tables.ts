/**
 * Which tables travel between devices, and their columns by SQL name. A table syncs when it
 * carries the synced columns (id, version, created/updated/deleted at) — every table written
 * through db/mutate.ts; the rest are this computer's own (watched folders, extracted text,
 * the change log itself).
 */
import { getTableColumns, is } from 'drizzle-orm';
import { getTableConfig, SQLiteTable, type SQLiteColumn } from 'drizzle-orm/sqlite-core';
import type { EventTopic } from '../../../src-shared/api/contract';
import * as schema from '../db/schema';

export interface SyncedTableInfo {
  name: string;
  table: SQLiteTable;
  /** SQL column name → drizzle column (for value encoding). */
  columns: Map<string, SQLiteColumn>;
  /** Columns that must have a value before the row can be written. */
  required: string[];
  /** What screens refresh after rows of this table arrive. */
  topic: EventTopic;
}

const TOPICS: Record<string, EventTopic> = {
  patients: 'patients.changed',
  coverages: 'patients.changed',
  documents: 'patients.changed',
  patient_merges: 'patients.changed',
  clinic_settings: 'clinic.changed',
  suites: 'clinic.changed',
  staff: 'clinic.changed',
  payers: 'clinic.changed',
  payer_rule_sets: 'clinic.changed',
  letter_templates: 'clinic.changed',
  users: 'users.changed',
  user_credentials: 'users.changed',
  role_permissions: 'users.changed',
  diagnoses: 'intake.changed',
  budapest_evaluations: 'intake.changed',
  prior_treatments: 'intake.changed',
  current_medications: 'intake.changed',
  screenings: 'intake.changed',
  intake_signoffs: 'intake.changed',
  scores: 'outcomes.changed',
  outcome_dispositions: 'outcomes.changed',
  reminder_templates: 'reminders.changed',
  reminder_settings: 'reminders.changed',
  reminder_outbox: 'reminders.changed',
  sync_conflicts: 'sync.changed',
  sync_devices: 'sync.changed',
  // Received audit rows refresh only what already follows sync (the audit screen listens).
  audit_events: 'sync.changed',
};

const SYNCED_MARKERS = ['id', 'version', 'created_at', 'updated_at', 'deleted_at'];

function build(): Map<string, SyncedTableInfo> {
  const out = new Map<string, SyncedTableInfo>();
  for (const value of Object.values(schema)) {
    if (!is(value, SQLiteTable)) continue;
    const config = getTableConfig(value);
    const byName = new Map<string, SQLiteColumn>();
    // Generated columns are computed from others here; a change naming one is kept aside, never written.
    for (const col of Object.values(getTableColumns(value)) as SQLiteColumn[]) if (!col.generated) byName.set(col.name, col);
    if (!SYNCED_MARKERS.every((c) => byName.has(c))) continue;
    const required = [...byName.values()]
      .filter((c) => c.notNull && !c.hasDefault && !['id', 'version', 'created_at', 'updated_at'].includes(c.name))
      .map((c) => c.name);
    out.set(config.name, { name: config.name, table: value, columns: byName, required, topic: TOPICS[config.name] ?? 'schedule.changed' });
  }
  return out;
}

let cached: Map<string, SyncedTableInfo> | null = null;
export function syncedTables(): Map<string, SyncedTableInfo> {
  cached ??= build();
  return cached;
}
