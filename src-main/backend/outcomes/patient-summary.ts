/**
 * outcomes.patientSummary: one patient's scores, each series with its before/after pairs and
 * responder results, follow-ups, review flags and decisions, the trend chart's data, and what
 * the patient owes now.
 */
import { ApiError } from '../../../src-shared/api/errors';
import type { DueItemOut, PatientOutcomes, ReviewFlagOut, SeriesOutcome } from '../../../src-shared/api/schemas/outcomes';
import type { HandlerContext } from '../api/context';
import { outcomesConfig } from './config-file';
import {
  dispositionsOfPatient,
  displayName,
  livePatient,
  scoresOfPatient,
  seriesOfPatient,
  type DispositionRecord,
  type PatientRecord,
  type ScoreRecord,
  type SeriesRecord,
} from './data';
import { SeriesEvaluation } from './evaluate';
import { dispositionOut, flagKeyOf, flagOut, responderOut, scoreLabels, scoreOut, seriesLabel, type ScoreLabels } from './present';
import type { OutcomesConfig } from './rules/config';
import { currentScores } from './rules/current-scores';
import type { DueItem } from './rules/due';
import { ruleSentence } from './rules/wording';
import { activeSessions } from './rules/series-scores';

export interface PatientOutcomeData {
  patient: PatientRecord;
  series: SeriesRecord[];
  rows: ScoreRecord[];
  dispositions: DispositionRecord[];
  cfg: OutcomesConfig;
}

export function loadPatientOutcomes(ctx: HandlerContext, patientId: string): PatientOutcomeData {
  const patient = livePatient(ctx.sqlite, patientId);
  if (!patient) throw ApiError.notFound('This patient');
  return {
    patient,
    series: seriesOfPatient(ctx.sqlite, patientId),
    rows: scoresOfPatient(ctx.sqlite, patientId),
    dispositions: dispositionsOfPatient(ctx.sqlite, patientId),
    cfg: outcomesConfig(ctx),
  };
}

export function dueItemOut(d: DueItem, patient: PatientRecord, seriesId: string, now: number): DueItemOut {
  return {
    patientId: patient.id,
    patientName: displayName(patient),
    mrn: patient.mrn,
    kind: d.kind,
    instrument: d.instrument,
    status: d.status,
    seriesId,
    sessionId: d.sessionId,
    sessionSeq: d.sessionSeq,
    followUp: d.followUp,
    followUpLabel: d.followUpLabel,
    dueAt: d.dueAt,
    overdueSince: d.overdueSince,
    daysOverdue: d.overdueSince === null ? null : Math.max(0, Math.floor((now - d.overdueSince) / 86_400_000)),
    message: d.message,
  };
}

export function seriesOutcome(
  ev: SeriesEvaluation,
  patient: PatientRecord,
  labels: ScoreLabels,
  dispositions: readonly DispositionRecord[],
): SeriesOutcome {
  const { series, cfg } = ev;
  const inst = cfg.comparison.instrument;
  const out = (s: ScoreRecord | undefined) => (s ? scoreOut(s, labels) : null);
  const active = activeSessions(series.sessions);
  const sessions = series.sessions.map((x) => {
    const before = ev.score(inst, 'pre_session', { sessionId: x.id });
    const after = ev.score(inst, 'post_session', { sessionId: x.id });
    return {
      sessionId: x.id,
      seq: x.seq,
      startsAt: x.startsAt,
      endsAt: x.endsAt,
      status: x.status,
      dischargedAt: x.statusTimes['discharged'] ?? null,
      before: out(before),
      after: out(after),
      beforeVas: out(ev.score('vas', 'pre_session', { sessionId: x.id })),
      afterVas: out(ev.score('vas', 'post_session', { sessionId: x.id })),
      sessionChangePoints: before && after ? before.value - after.value : null,
      responder: responderOut(ev.atSession(x.id), cfg),
    };
  });
  const followUps = ev.followUpDates().map((f) => ({
    key: f.key,
    label: f.label,
    dueAt: f.dueAt,
    overdueAt: f.overdueAt,
    score: out(ev.score(cfg.due.followUp.instrument, 'follow_up', { followUp: f.key })),
    pgic: out(ev.score('pgic', 'follow_up', { followUp: f.key })),
    responder: responderOut(ev.atFollowUp(f.key), cfg),
  }));
  // What a payer asks for: the latest point with a result (a follow-up after the sessions).
  const candidates = [
    ...sessions.filter((s) => s.responder.ok).map((s) => ({ r: s.responder, asOf: `session ${s.seq}` })),
    ...followUps.filter((f) => f.responder.ok).map((f) => ({ r: f.responder, asOf: `${f.label} follow-up` })),
  ];
  const latest = candidates.at(-1);
  const mine = dispositions.filter((d) => d.seriesId === series.id);
  const latestByFlag = new Map(mine.map((d) => [d.flagKey, d]));
  const flags: ReviewFlagOut[] = ev.flags().map((f) => flagOut(f, series, patient, latestByFlag.get(flagKeyOf(series.id, f))));
  return {
    seriesId: series.id,
    label: seriesLabel(series),
    status: series.status,
    firstSessionAt: active[0]?.startsAt ?? null,
    lastSessionAt: active.at(-1)?.startsAt ?? null,
    endedAt: ev.endedAt,
    baseline: { nrs: out(ev.baseline('nrs')), vas: out(ev.baseline('vas')) },
    sessions,
    followUps,
    latest: latest ? { ...latest.r, asOf: latest.asOf } : null,
    flags,
    dispositions: mine.map(dispositionOut),
  };
}

const POINT_LABEL: Record<string, string> = { baseline: 'Baseline', pre_session: 'Before', post_session: 'After' };

export function patientSummary(data: PatientOutcomeData, now: number, includeSuperseded: boolean): PatientOutcomes {
  const { patient, series, rows, dispositions, cfg } = data;
  const labels = scoreLabels(series, cfg);
  const evaluations = series.map((s) => new SeriesEvaluation(s, rows, cfg));
  const current = currentScores(rows).reverse(); // oldest first
  const shown = includeSuperseded
    ? [...rows].sort((a, b) => a.observedAt - b.observedAt || a.createdAt - b.createdAt)
    : current;
  const replaced = new Map(rows.filter((r) => r.supersedesId).map((r) => [r.supersedesId!, r.id]));

  const points = current
    .filter((s) => s.instrument === 'nrs' || s.instrument === 'vas')
    .map((s) => {
      const seq = s.sessionId ? (labels.seqBySession.get(s.sessionId) ?? null) : null;
      const label = s.timePoint === 'follow_up' ? labels.followUpLabel(s.followUp ?? '') : `${POINT_LABEL[s.timePoint] ?? s.timePoint}${seq ? ` ${seq}` : ''}`;
      return { at: s.observedAt, instrument: s.instrument as 'nrs' | 'vas', value: s.value, timePoint: s.timePoint as 'baseline', sessionSeq: seq, seriesId: s.seriesId, label };
    });
  const sessionMarkers = series.flatMap((s) =>
    activeSessions(s.sessions).map((x) => ({ at: x.startsAt, seq: x.seq, seriesId: s.id, label: `Session ${x.seq}` })),
  );
  // Lines from the baseline the latest series is compared with (else the latest baseline).
  const lastEval = evaluations.at(-1);
  const baselineOf = (inst: string) => lastEval?.baseline(inst) ?? current.filter((s) => s.instrument === inst && s.timePoint === 'baseline').at(-1);
  const line = (inst: string) => {
    const b = baselineOf(inst);
    if (!b) return null;
    const m = cfg.categories.moderatePercent / 100;
    const sub = cfg.categories.substantialPercent / 100;
    return { baseline: b.value, moderate: round1(b.value * (1 - m)), substantial: round1(b.value * (1 - sub)) };
  };

  const due = evaluations.flatMap((ev) => ev.due(now).map((d) => dueItemOut(d, patient, ev.series.id, now)));
  return {
    patient: { id: patient.id, name: displayName(patient), mrn: patient.mrn, dateOfBirth: patient.dateOfBirth },
    ruleSentence: ruleSentence(cfg),
    scores: shown.map((r) => scoreOut(r, labels, replaced.get(r.id) ?? null)),
    series: evaluations.map((ev) => seriesOutcome(ev, patient, labels, dispositions)),
    chart: { points, sessionMarkers, lines: { nrs: line('nrs'), vas: line('vas') } },
    due,
  };
}

const round1 = (n: number) => Math.round(n * 10) / 10;

