/**
 * The payer outcomes report as a ReportModel: series dates, responder status with the rule in
 * words, the trend chart, the score table, results per session and at follow-ups, and review
 * decisions. Built from the same patient summary the screens show, so the two cannot differ. Pure.
 */
import type { OutcomeScoreOut, PatientOutcomes, ResponderOut, SeriesOutcome } from '../../../src-shared/api/schemas/outcomes';
import { formatCalendarDate } from '../../../src-shared/domain/dates';
import { localDateAt, localTimeAt } from '../../../src-shared/domain/zoned-time';
import type { Block, ReportModel, ReportSection } from '../documents/pdf/report-model';
import { trendChart } from './report-chart';

export interface ReportFacts {
  clinicName: string;
  timeZone: string;
  generatedAt: number;
  generatedBy: string;
  /** "Aetna, authorization A-123 (approved, 6 sessions)" or "Self-pay". */
  payer: string;
  diagnoses: string[];
  categories: { moderatePercent: number; substantialPercent: number };
  citations: string[];
  pgicLabel: (value: number) => string;
  /** Width of the page's content area, for the chart. */
  contentWidth: number;
}

const fmt = (n: number | null | undefined) => (n === null || n === undefined ? '-' : String(Math.round(n * 10) / 10));

function change(r: ResponderOut): string {
  if (!r.ok) return 'not enough scores';
  if (r.percentReduction === null) return `${fmt(r.pointsReduction)} points; no percent change (baseline is 0)`;
  const pct = Math.round(r.percentReduction);
  return `${fmt(r.pointsReduction)} points, ${pct >= 0 ? `${pct}% lower` : `${-pct}% higher`}`;
}

export function buildOutcomesReport(summary: PatientOutcomes, series: SeriesOutcome, facts: ReportFacts): ReportModel {
  const tz = facts.timeZone;
  const day = (ms: number | null) => (ms === null ? '-' : formatCalendarDate(localDateAt(tz, ms)));
  const dayTime = (ms: number) => `${day(ms)} ${localTimeAt(tz, ms)}`;
  const p = summary.patient;
  const active = series.sessions.filter((s) => s.status !== 'cancelled' && s.status !== 'no_show');
  const done = active.filter((s) => s.status === 'discharged').length;
  const sections: ReportSection[] = [];

  sections.push({
    heading: 'Infusion series',
    blocks: [
      {
        kind: 'fields',
        rows: [
          ['Series', series.label],
          ['Sessions', `${done} of ${active.length} completed${series.endedAt ? '' : ' (series in progress)'}`],
          ['First session', day(series.firstSessionAt)],
          ['Last session', day(series.lastSessionAt)],
          ['Series ended', series.endedAt ? dayTime(series.endedAt) : 'not yet'],
          ['Payer', facts.payer],
          ['Diagnoses', facts.diagnoses.length ? facts.diagnoses.join('; ') : 'none recorded'],
        ],
      },
    ],
  });

  const latest = series.latest;
  const statusBlocks: Block[] = [
    {
      kind: 'fields',
      rows: [
        ['Baseline NRS', series.baseline.nrs ? `${fmt(series.baseline.nrs.value)} (${day(series.baseline.nrs.observedAt)})` : 'not recorded'],
        ['Baseline VAS', series.baseline.vas ? `${fmt(series.baseline.vas.value)} mm (${day(series.baseline.vas.observedAt)})` : 'not recorded'],
        ['Responder status', latest ? `${latest.categoryLabel ?? '-'} as of ${latest.asOf}` : 'not enough scores yet'],
      ],
    },
  ];
  if (latest) {
    const good = latest.category === 'moderate' || latest.category === 'substantial';
    statusBlocks.push({ kind: 'paragraph', text: latest.sentence, tone: good ? 'ok' : 'alert' });
  }
  statusBlocks.push({ kind: 'paragraph', text: `How it is worked out: ${summary.ruleSentence}`, tone: 'muted' });
  sections.push({ heading: 'Response to treatment (IMMPACT)', blocks: statusBlocks });

  // The chart: this series' scores and its baseline.
  const mine = (s: { seriesId: string | null; id: string }) =>
    s.seriesId === series.seriesId || s.id === series.baseline.nrs?.id || s.id === series.baseline.vas?.id;
  const points = summary.chart.points.filter((pt) => pt.seriesId === series.seriesId || pt.timePoint === 'baseline');
  const base = series.baseline.nrs;
  const c = facts.categories;
  sections.push({
    heading: 'Pain over time',
    blocks: [
      {
        kind: 'figure',
        height: 230,
        shapes: trendChart({
          width: facts.contentWidth,
          height: 230,
          // Baselines long before the series would squash the chart: only the one compared with.
          nrs: points.filter((pt) => pt.instrument === 'nrs' && (pt.timePoint !== 'baseline' || pt.at === base?.observedAt)),
          vas: points.filter((pt) => pt.instrument === 'vas' && (pt.timePoint !== 'baseline' || pt.at === series.baseline.vas?.observedAt)),
          sessions: active.map((s) => ({ at: s.startsAt, seq: s.seq })),
          lines: base
            ? {
                baseline: base.value,
                moderate: base.value * (1 - c.moderatePercent / 100),
                substantial: base.value * (1 - c.substantialPercent / 100),
                moderatePercent: c.moderatePercent,
                substantialPercent: c.substantialPercent,
              }
            : null,
          timeZone: tz,
        }),
      },
    ],
  });

  // Score table: one row per time point, the instruments side by side.
  const rows = new Map<string, { at: number; point: string; byInst: Map<string, OutcomeScoreOut>; by: Set<string> }>();
  for (const s of summary.scores.filter(mine)) {
    const point =
      s.timePoint === 'baseline'
        ? 'Baseline'
        : s.timePoint === 'follow_up'
          ? `Follow-up ${s.followUpLabel ?? ''}`.trim()
          : `Session ${s.sessionSeq ?? '?'} ${s.timePoint === 'pre_session' ? 'before' : 'after'}`;
    const key = `${s.timePoint}|${s.sessionId ?? ''}|${s.followUp ?? ''}`;
    let r = rows.get(key);
    if (!r) rows.set(key, (r = { at: s.observedAt, point, byInst: new Map(), by: new Set() }));
    r.at = Math.min(r.at, s.observedAt);
    r.byInst.set(s.instrument, s);
    r.by.add(s.recordedBy);
  }
  const val = (r: { byInst: Map<string, OutcomeScoreOut> }, inst: string) => fmt(r.byInst.get(inst)?.value);
  const other = (r: { byInst: Map<string, OutcomeScoreOut> }) =>
    [
      r.byInst.get('peg') ? `PEG ${val(r, 'peg')}` : null,
      r.byInst.get('bpi_interference') ? `BPI ${val(r, 'bpi_interference')}` : null,
      r.byInst.get('pgic') ? `PGIC ${r.byInst.get('pgic')!.value} ${facts.pgicLabel(r.byInst.get('pgic')!.value).toLowerCase()}` : null,
    ]
      .filter(Boolean)
      .join('; ');
  sections.push({
    heading: 'Scores',
    blocks: [
      {
        kind: 'table',
        columns: [
          { header: 'Date', width: 16 },
          { header: 'Time point', width: 20 },
          { header: 'NRS', width: 7 },
          { header: 'VAS mm', width: 9 },
          { header: 'Function / impression', width: 26 },
          { header: 'Recorded by', width: 20 },
        ],
        rows: [...rows.values()].sort((a, b) => a.at - b.at).map((r) => [dayTime(r.at), r.point, val(r, 'nrs'), val(r, 'vas'), other(r), [...r.by].join(', ')]),
        empty: 'No scores recorded for this series.',
      },
    ],
  });

  sections.push({
    heading: 'Result per session',
    blocks: [
      {
        kind: 'table',
        columns: [
          { header: 'Session', width: 10 },
          { header: 'Date', width: 13 },
          { header: 'Status', width: 12 },
          { header: 'NRS before', width: 9 },
          { header: 'NRS after', width: 9 },
          { header: 'Change from baseline', width: 24 },
          { header: 'Category', width: 22 },
        ],
        rows: series.sessions.map((s) => [
          String(s.seq),
          day(s.startsAt),
          s.status.replace('_', ' '),
          fmt(s.before?.value),
          fmt(s.after?.value),
          change(s.responder),
          s.responder.categoryLabel ?? '-',
        ]),
      },
    ],
  });

  if (series.followUps.length) {
    sections.push({
      heading: 'Follow-ups after the series',
      blocks: [
        {
          kind: 'table',
          columns: [
            { header: 'Follow-up', width: 12 },
            { header: 'Due', width: 12 },
            { header: 'NRS', width: 15 },
            { header: 'PGIC', width: 17 },
            { header: 'Change from baseline', width: 24 },
            { header: 'Category', width: 22 },
          ],
          rows: series.followUps.map((f) => [
            f.label,
            day(f.dueAt),
            f.score ? `${fmt(f.score.value)} (${day(f.score.observedAt)})` : 'not taken',
            f.pgic ? `${f.pgic.value} ${facts.pgicLabel(f.pgic.value).toLowerCase()}` : '-',
            change(f.responder),
            f.responder.categoryLabel ?? '-',
          ]),
        },
      ],
    });
  }

  if (series.flags.length || series.dispositions.length) {
    sections.push({
      heading: 'Clinical review',
      blocks: [
        {
          kind: 'list',
          items: [
            ...series.flags.filter((f) => !f.disposition).map((f) => `Flagged ${day(f.flaggedAt)}: ${f.reason} (decision pending)`),
            ...series.dispositions.map((d) => `${day(d.decidedAt)}, ${d.decidedBy}: ${d.dispositionLabel}${d.note ? ` - ${d.note}` : ''}. Flag: ${d.reason}`),
          ],
        },
      ],
    });
  }

  sections.push({ heading: 'Sources', blocks: [{ kind: 'list', items: facts.citations }] });

  return {
    title: 'Pain outcomes report',
    subtitle: [`${p.name}  ·  MRN ${p.mrn}  ·  born ${formatCalendarDate(p.dateOfBirth)}`, `${facts.clinicName}  ·  ${series.label}`],
    footer: `${facts.clinicName} · ${p.name} (MRN ${p.mrn}) · generated ${dayTime(facts.generatedAt)} by ${facts.generatedBy}`,
    sections,
  };
}
