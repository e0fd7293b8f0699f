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
 * filter joins record_files.
 *
 * Why the statements look as they do (measured on 20,000 records, see scripts/lib/bench-records.ts):
 * - `ORDER BY rank` (FTS5's own sort), as the bare statement does. `ORDER BY bm25(...)` (SQLite's
 *   sorter keeping the best LIMIT + OFFSET rows) was used until 2026-12-06, when it measured
 *   slower for all but the commonest words (same connection, interleaved, 20,000 records, mean of
 *   100-200 runs: a rare word 5.5 vs 3.4 ms, a middling one 6.7-12.2 vs 5.4-6.5 ms, one of the
 *   20 commonest 16.3-18.0 vs 17.6-17.7 ms). The order is the same (rank is bm25 with no weights).
 * - The FTS5 table alone when there is no date filter (the page's summaries are read by rowid
 *   afterwards), so nothing is joined for hits that will not be shown. With a date filter the
 *   join is needed and FTS5's rank sort is kept (see DATED_HITS_SQL).
 * - The count only when the page is full or not the first, and without bm25 or snippets: it
 *   reads doclists only. It stops at SEARCH_COUNT_CAP + 1 matches: past a thousand, the exact
 *   number tells nobody at the desk anything ("more than 1,000" says to narrow the search),
 *   and counting every hit of a common word was the costliest part of a dated search (the
 *   count joins each hit to its record's received date: type + date on 20,000 records, same
 *   connection, interleaved, mean of 840: 12.4 ms counting all of about 1,900 hits, 3.0 ms
 *   stopping at 1,001).
 * - Every statement is prepared once per connection (the summaries' once per page size).
 */
export function searchRecords(ctx: HandlerContext, input: SearchInput) {
  const query = toFtsQuery(input.q);
  if (!query) return { items: [], total: 0, totalCapped: false, terms: [] };
  const match = ftsMatch(query.match, input);

  const dated = Boolean(input.from || input.to);
  const range: number[] = [];
  if (dated) {
    const zone = readSettings(ctx).timeZone;
    range.push(input.from ? startOfLocalDay(zone, input.from) : Number.MIN_SAFE_INTEGER);
    range.push(input.to ? startOfLocalDay(zone, addDays(input.to, 1)) : Number.MAX_SAFE_INTEGER);
  }
  const hits = preparedSql(ctx.sqlite, dated ? DATED_HITS_SQL : HITS_SQL).all(match, ...range, input.limit, input.offset) as {
    tid: number;
    snip: string;
  }[];
  const counted =
    hits.length < input.limit && input.offset === 0
      ? hits.length
      : (preparedSql(ctx.sqlite, dated ? DATED_COUNT_SQL : COUNT_SQL).get(match, ...range, SEARCH_COUNT_CAP + 1) as { n: number }).n;
  const totalCapped = counted > SEARCH_COUNT_CAP;
  const total = Math.min(counted, SEARCH_COUNT_CAP);
  if (hits.length === 0) return { items: [], total, totalCapped, terms: query.terms };

  const rows = preparedSql(ctx.sqlite, summariesByTextIdSql(hits.length)).all(...hits.map((h) => h.tid)) as (SummaryRow & { tid: number })[];
  const byTextId = new Map(rows.map((r) => [r.tid, toSummary(r)]));
  const items: { record: RecordSummary; snippet: SnippetPart[] }[] = [];
  for (const h of hits) {
    const record = byTextId.get(h.tid);
    if (record) items.push({ record, snippet: snippetParts(h.snip) });
  }
  return { items, total, totalCapped, terms: query.terms };
}

const SNIPPET_SQL = `snippet(record_texts_fts, 1, '${HIT_OPEN}', '${HIT_CLOSE}', '…', ${SNIPPET_TOKENS})`;

const HITS_SQL = `SELECT rowid AS tid, ${SNIPPET_SQL} AS snip FROM record_texts_fts
  WHERE record_texts_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?`;

/** Search counts matches up to this many; more is said as "more than" it (see searchRecords). */
export const SEARCH_COUNT_CAP = 1000;

/** The count's statements end at a LIMIT: FTS5 (and the date join) stop there. */
const COUNT_SQL = `SELECT count(*) AS n FROM (SELECT 1 FROM record_texts_fts WHERE record_texts_fts MATCH ? LIMIT ?)`;

/**
 * Received between two instants: [from, to). Unset ends are the widest safe integers. Every
 * hit is joined to its record by id; the index record_files_id_received (id, mtime_ms)
 * answers the join and the date test without reading the wide record_files row (migration
 * 0023; the count of a common word with type and date filters on 20,000 records, same run:
 * p50 5.9 ms without it, 3.8 ms with it).
 */
const DATED_FROM = `record_texts_fts f JOIN record_texts t ON t.id = f.rowid JOIN record_files r ON r.id = t.record_id
  WHERE record_texts_fts MATCH ? AND r.mtime_ms >= ? AND r.mtime_ms < ?`;

/**
 * With the join, ORDER BY bm25() measured slower than FTS5's own rank sort (p50 85 vs 37 ms on a
 * common word with a type filter): SQLite then builds the snippet of every joined hit before
 * its sorter sees it, while FTS5 sorts first and only the page is joined and snipped.
 */
const DATED_HITS_SQL = `SELECT f.rowid AS tid, ${SNIPPET_SQL} AS snip FROM ${DATED_FROM} ORDER BY f.rank LIMIT ? OFFSET ?`;

export const DATED_COUNT_SQL = `SELECT count(*) AS n FROM (SELECT 1 FROM ${DATED_FROM} LIMIT ?)`;

const summariesByTextIdSql = (n: number) =>
  `SELECT t.id AS tid, ${SUMMARY_COLUMNS} FROM record_texts t JOIN ${SUMMARY_FROM}
   WHERE r.id = t.record_id AND t.id IN (${Array.from({ length: n }, () => '?').join(', ')})`;

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
