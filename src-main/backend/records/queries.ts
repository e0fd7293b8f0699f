/**
 * The inbox, full-text search and the chart's list, as SQL over record_files, the FTS5 index
 * and patients (see read.ts for the row shape).
 */
import {
  INBOX_BUCKETS,
  RECORD_TYPES,
  RECORD_TYPE_LABELS,
  type InboxBucket,
  type RecordSummary,
  type RecordType,
} from '../../../src-shared/api/schemas/records';
import { addDays, startOfLocalDay } from '../../../src-shared/domain/zoned-time';
import type { HandlerContext } from '../api/context';
import { readSettings } from '../clinic/service';
import { preparedSql } from '../db/prepared';
import { BUCKET_SQL, SUMMARY_COLUMNS, SUMMARY_FROM, toSummary, type SummaryRow } from './read';
import { HIT_CLOSE, HIT_OPEN, snippetParts, toFtsQuery, type SnippetPart } from './rules/fts-query';

export function inbox(ctx: HandlerContext, input: { show: InboxBucket[]; limit: number; offset: number }) {
  const show = [...new Set(input.show)];
  const marks = show.map(() => '?').join(', ');
  const items = (
    ctx.sqlite
      .prepare(
        `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM}
         WHERE (${BUCKET_SQL}) IN (${marks})
         ORDER BY r.mtime_ms DESC, r.id DESC LIMIT ? OFFSET ?`,
      )
      .all(...show, input.limit, input.offset) as SummaryRow[]
  ).map(toSummary);
  const countRows = preparedSql(
    ctx.sqlite,
    `SELECT bucket, count(*) AS n FROM (SELECT ${BUCKET_SQL} AS bucket FROM record_files r) WHERE bucket IS NOT NULL GROUP BY bucket`,
  ).all() as { bucket: InboxBucket; n: number }[];
  const counts = Object.fromEntries(INBOX_BUCKETS.map((b) => [b, 0])) as Record<InboxBucket, number>;
  for (const r of countRows) counts[r.bucket] = r.n;
  const total = show.reduce((n, b) => n + counts[b], 0);
  return { items, total, counts };
}

export interface SearchInput {
  q: string;
  patientId?: string | undefined;
  docType?: RecordType | undefined;
  from?: string | undefined;
  to?: string | undefined;
  limit: number;
  offset: number;
}

/** Words shown either side of the hits in a snippet. */
const SNIPPET_TOKENS = 16;

/**
 * Ranked by FTS5's bm25; rejected records (not for this clinic) are left out. The patient
 * filter means records attached to that patient (matched or confirmed).
 */
export function searchRecords(ctx: HandlerContext, input: SearchInput) {
  const query = toFtsQuery(input.q);
  if (!query) return { items: [], total: 0, terms: [] };
  const where: string[] = [`record_texts_fts MATCH ?`, `r.match_state != 'rejected'`];
  const params: unknown[] = [query.match];
  if (input.patientId) {
    where.push(`r.patient_id = ? AND r.match_state IN ('matched', 'confirmed')`);
    params.push(input.patientId);
  }
  if (input.docType) {
    where.push(`r.doc_type = ?`);
    params.push(input.docType);
  }
  if (input.from || input.to) {
    const zone = readSettings(ctx).timeZone;
    if (input.from) {
      where.push(`r.mtime_ms >= ?`);
      params.push(startOfLocalDay(zone, input.from));
    }
    if (input.to) {
      where.push(`r.mtime_ms < ?`);
      params.push(startOfLocalDay(zone, addDays(input.to, 1)));
    }
  }
  const from = `record_texts_fts f JOIN record_texts t ON t.id = f.rowid JOIN ${SUMMARY_FROM.replace('record_files r', 'record_files r ON r.id = t.record_id')}`;
  const rows = preparedSql(
    ctx.sqlite,
    `SELECT ${SUMMARY_COLUMNS}, snippet(record_texts_fts, -1, '${HIT_OPEN}', '${HIT_CLOSE}', '…', ${SNIPPET_TOKENS}) AS snip
     FROM ${from} WHERE ${where.join(' AND ')} ORDER BY f.rank LIMIT ? OFFSET ?`,
  ).all(...params, input.limit, input.offset) as (SummaryRow & { snip: string })[];
  const total =
    rows.length < input.limit && input.offset === 0
      ? rows.length
      : (
          preparedSql(ctx.sqlite, `SELECT count(*) AS n FROM ${from} WHERE ${where.join(' AND ')}`).get(...params) as { n: number }
        ).n;
  const items: { record: RecordSummary; snippet: SnippetPart[] }[] = rows.map((r) => ({ record: toSummary(r), snippet: snippetParts(r.snip) }));
  return { items, total, terms: query.terms };
}

export function listForPatient(ctx: HandlerContext, patientId: string) {
  const rows = (
    preparedSql(
      ctx.sqlite,
      `SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM}
       WHERE r.patient_id = ? AND r.match_state IN ('matched', 'confirmed')
       ORDER BY r.mtime_ms DESC, r.id DESC`,
    ).all(patientId) as SummaryRow[]
  ).map(toSummary);
  const groups = RECORD_TYPES.map((docType) => ({
    docType,
    label: RECORD_TYPE_LABELS[docType],
    items: rows.filter((r) => r.type.docType === docType),
  })).filter((g) => g.items.length > 0);
  return { groups };
}
