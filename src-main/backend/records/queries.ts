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
import { BUCKET_SQL, patientTag, SUMMARY_COLUMNS, SUMMARY_FROM, toSummary, typeTag, type SummaryRow } from './read';
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

/** The whole FTS5 match: the words in title and body, the filter tags, and never rejected records. */
export function ftsMatch(words: string, filters: { patientId?: string | undefined; docType?: RecordType | undefined }): string {
  const parts = [`{title body} : (${words})`];
  if (filters.patientId) parts.push(`tags : "${patientTag(filters.patientId)}"`);
  if (filters.docType) parts.push(`tags : "${typeTag(filters.docType)}"`);
  return `(${parts.join(' AND ')}) NOT tags : "rejected"`;
}

/**
 * Ranked by FTS5's bm25. The words are matched in the title and body; the patient and type
 * filters and "not rejected" are tags in the same match (record_texts.tags), so a filter
 * narrows the doclists FTS5 reads instead of filtering every hit afterwards. The received-date
 * filter joins record_files. Snippets come from the body; summaries are read for the page of
 * results only.
 */
export function searchRecords(ctx: HandlerContext, input: SearchInput) {
  const query = toFtsQuery(input.q);
  if (!query) return { items: [], total: 0, terms: [] };
  const match = ftsMatch(query.match, input);

  const where: string[] = [`record_texts_fts MATCH ?`];
  const params: unknown[] = [match];
  let join = '';
  if (input.from || input.to) {
    join = 'JOIN record_files r ON r.id = t.record_id';
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
  const from = `record_texts_fts f JOIN record_texts t ON t.id = f.rowid ${join}`;
  const hits = preparedSql(
    ctx.sqlite,
    `SELECT t.record_id AS id, snippet(record_texts_fts, 1, '${HIT_OPEN}', '${HIT_CLOSE}', '…', ${SNIPPET_TOKENS}) AS snip
     FROM ${from} WHERE ${where.join(' AND ')} ORDER BY f.rank LIMIT ? OFFSET ?`,
  ).all(...params, input.limit, input.offset) as { id: string; snip: string }[];
  const total =
    hits.length < input.limit && input.offset === 0
      ? hits.length
      : (preparedSql(ctx.sqlite, `SELECT count(*) AS n FROM ${join ? from : 'record_texts_fts'} WHERE ${where.join(' AND ')}`).get(...params) as { n: number }).n;
  const rows = hits.length
    ? (ctx.sqlite
        .prepare(`SELECT ${SUMMARY_COLUMNS} FROM ${SUMMARY_FROM} WHERE r.id IN (${hits.map(() => '?').join(', ')})`)
        .all(...hits.map((h) => h.id)) as SummaryRow[])
    : [];
  const byId = new Map(rows.map((r) => [r.id, toSummary(r)]));
  const items: { record: RecordSummary; snippet: SnippetPart[] }[] = hits
    .filter((h) => byId.has(h.id))
    .map((h) => ({ record: byId.get(h.id)!, snippet: snippetParts(h.snip) }));
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
