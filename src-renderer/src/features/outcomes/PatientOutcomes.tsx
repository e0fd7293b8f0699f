/**
 * Outcomes on the patient's chart: the trend picture, the comparison rule in words, each
 * series' sessions with before/after scores and the responder category as of each, the
 * follow-ups, what is owed now, review flags with the clinician's decision, and the payer
 * report and exports.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { useClinicTimeZone } from '../clinic/store';
import { downloadBase64, downloadText } from '../documents/download';
import { dayText, dayTimeText } from '../series/format';
import { DispositionForm } from './DispositionForm';
import { CATEGORY_BADGE, percentText } from './labels';
import { ScoreForm, type ScorePreset } from './ScoreForm';
import { ensureOutcomesLive, useOutcomesStore, type PatientOutcomes as Summary, type Reference } from './store';
import { TrendChart } from './TrendChart';

type SeriesOut = Summary['series'][number];

function Category({ category, label }: { category: string | null; label: string | null }) {
  if (!category) return <span className="muted">—</span>;
  return <span className={`badge ${CATEGORY_BADGE[category] ?? 'badge-neutral'}`}>{label ?? category}</span>;
}

function SeriesOutcomes({ s, zone, onRecord }: { s: SeriesOut; zone: string; onRecord: (p: ScorePreset) => void }) {
  const scoreText = (v: { value: number } | null) => (v ? String(v.value) : '—');
  return (
    <article className="outcome-series" aria-label={`Outcomes: ${s.label}`}>
      <header className="series-card-head">
        <h3>{s.label}</h3>
        {s.firstSessionAt ? (
          <span className="muted">
            {dayText(zone, s.firstSessionAt)}
            {s.lastSessionAt ? ` – ${dayText(zone, s.lastSessionAt)}` : ''}
          </span>
        ) : null}
        {s.latest ? (
          <span className="outcome-latest">
            Now: <Category category={s.latest.category} label={s.latest.categoryLabel} /> {percentText(s.latest.percentReduction)} lower ({s.latest.asOf})
          </span>
        ) : null}
      </header>
      <p className="muted small">
        Baseline NRS {s.baseline.nrs ? s.baseline.nrs.value : 'not recorded'}
        {s.baseline.vas ? ` · VAS ${s.baseline.vas.value}` : ''}
      </p>
      <table className="data-table outcome-sessions">
        <thead>
          <tr>
            <th scope="col">Session</th>
            <th scope="col">Before</th>
            <th scope="col">After</th>
            <th scope="col">Change in session</th>
            <th scope="col">Against baseline</th>
            <th scope="col">Record</th>
          </tr>
        </thead>
        <tbody>
          {s.sessions.map((x) => (
            <tr key={x.sessionId}>
              <td>
                {x.seq} · {dayText(zone, x.startsAt)}
              </td>
              <td>{scoreText(x.before)}</td>
              <td>{scoreText(x.after)}</td>
              <td>{x.sessionChangePoints === null ? '—' : `${x.sessionChangePoints > 0 ? '−' : '+'}${Math.abs(x.sessionChangePoints)} points`}</td>
              <td title={x.responder.sentence}>
                <Category category={x.responder.category} label={x.responder.categoryLabel} /> {x.responder.ok ? percentText(x.responder.percentReduction) : ''}
                {x.responder.note ? <span className="muted small"> {x.responder.note}</span> : null}
              </td>
              <td className="nowrap">
                <button type="button" className="link-button" onClick={() => onRecord({ timePoint: 'pre_session', sessionId: x.sessionId })} aria-label={`Before score for session ${x.seq}`}>
                  Before
                </button>{' '}
                <button type="button" className="link-button" onClick={() => onRecord({ timePoint: 'post_session', sessionId: x.sessionId })} aria-label={`After score for session ${x.seq}`}>
                  After
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {s.followUps.length ? (
        <ul className="followup-list">
          {s.followUps.map((f) => (
            <li key={f.key}>
              <strong>{f.label}</strong> (due {dayText(zone, f.dueAt)}): {f.score ? `${f.score.instrument.toUpperCase()} ${f.score.value}` : <span className="muted">not recorded</span>}
              {f.pgic ? ` · PGIC ${f.pgic.value}` : ''} {f.responder.ok ? <Category category={f.responder.category} label={f.responder.categoryLabel} /> : null}{' '}
              <button type="button" className="link-button" onClick={() => onRecord({ timePoint: 'follow_up', seriesId: s.seriesId, followUp: f.key })}>
                Record
              </button>
            </li>
          ))}
        </ul>
      ) : null}
    </article>
  );
}

const TIME_POINT_WORDS: Record<string, string> = { baseline: 'Baseline', pre_session: 'Before', post_session: 'After', follow_up: 'Follow-up' };

/** Every score with who took it and from what source; a correction replaces one and both are kept. */
function ScoreList({ summary, zone, onCorrect }: { summary: Summary; zone: string; onCorrect: (p: ScorePreset) => void }) {
  const [showReplaced, setShowReplaced] = useState(false);
  const [all, setAll] = useState<Summary['scores'] | null>(null);
  useEffect(() => {
    let live = true;
    if (!showReplaced) setAll(null);
    else void api.call('outcomes.patientSummary', { patientId: summary.patient.id, includeSuperseded: true }).then((r) => live && setAll(r.scores));
    return () => {
      live = false;
    };
  }, [showReplaced, summary]);
  const scores = showReplaced && all ? all : summary.scores;
  if (!summary.scores.length) return null;
  return (
    <details className="outcome-scores">
      <summary>All scores ({summary.scores.length})</summary>
      <label className="checkbox-label">
        <input type="checkbox" checked={showReplaced} onChange={(e) => setShowReplaced(e.target.checked)} /> Show scores replaced by a correction
      </label>
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">Taken</th>
            <th scope="col">When in treatment</th>
            <th scope="col">Scale</th>
            <th scope="col">Score</th>
            <th scope="col">Recorded by</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {[...scores].reverse().map((x) => (
            <tr key={x.id} className={x.supersededById ? 'row-replaced' : undefined}>
              <td>
                {dayTimeText(zone, x.observedAt)}
              </td>
              <td>
                {TIME_POINT_WORDS[x.timePoint] ?? x.timePoint}
                {x.sessionSeq ? ` session ${x.sessionSeq}` : ''}
                {x.followUpLabel ? ` ${x.followUpLabel}` : ''}
              </td>
              <td>{x.instrument.toUpperCase()}</td>
              <td>
                {x.value}
                {x.supersededById ? <span className="muted small"> (replaced by a correction)</span> : null}
              </td>
              <td>
                {x.recordedBy} <span className="muted small">{x.source === 'patient_questionnaire' ? 'patient questionnaire' : 'staff'}</span>
              </td>
              <td>
                {!x.supersededById ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      onCorrect({
                        timePoint: x.timePoint,
                        instrument: x.instrument,
                        supersedesId: x.id,
                        ...(x.sessionId ? { sessionId: x.sessionId } : {}),
                        ...(x.seriesId ? { seriesId: x.seriesId } : {}),
                        ...(x.followUp ? { followUp: x.followUp } : {}),
                      })
                    }
                  >
                    Correct
                  </button>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}

function Flags({ summary, reference, patientId, zone }: { summary: Summary; reference: Reference; patientId: string; zone: string }) {
  const flags = summary.series.flatMap((s) => s.flags);
  const decisions = summary.series.flatMap((s) => s.dispositions);
  if (!flags.length && !decisions.length) return null;
  return (
    <section className="outcome-flags" aria-label="Clinical review">
      <h3 className="small-heading">Clinical review</h3>
      {flags
        .filter((f) => !f.disposition)
        .map((f) => (
          <div key={f.flagKey} className="notice notice-warning">
            <p>{f.reason}</p>
            <DispositionForm patientId={patientId} flagKey={f.flagKey} reference={reference} onDone={() => void useOutcomesStore.getState().load(patientId)} />
          </div>
        ))}
      {decisions.length ? (
        <ul className="decision-list">
          {decisions.map((d) => (
            <li key={d.id}>
              {dayText(zone, d.decidedAt)} · {d.decidedBy}: <strong>{d.dispositionLabel}</strong>
              {d.note ? ` — ${d.note}` : ''} <span className="muted small">({d.reason})</span>
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}

export function PatientOutcomes({ patientId }: { patientId: string }) {
  const zone = useClinicTimeZone();
  const entry = useOutcomesStore((s) => s.byPatient[patientId]);
  const reference = useOutcomesStore((s) => s.reference);
  const [preset, setPreset] = useState<ScorePreset | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  useEffect(() => {
    ensureOutcomesLive();
    useOutcomesStore.getState().ensureReference();
    void useOutcomesStore.getState().load(patientId);
  }, [patientId]);

  const summary = entry?.data;
  const report = async () => {
    setMessage(null);
    try {
      const doc = await api.call('outcomes.reportPdf', { patientId });
      const content = await api.call('documents.read', { id: doc.id });
      downloadBase64(content.base64, content.fileName, content.mimeType);
      setMessage(`Outcomes report saved to the patient’s documents (${content.fileName}).`);
    } catch (e) {
      setMessage(errorText(e));
    }
  };
  const exportAs = async (kind: 'csv' | 'fhir') => {
    setMessage(null);
    try {
      const out = await api.call(kind === 'csv' ? 'outcomes.exportCsv' : 'outcomes.exportFhir', { patientId });
      downloadText(out.text, out.fileName, out.mimeType);
    } catch (e) {
      setMessage(errorText(e));
    }
  };

  return (
    <section className="panel outcomes-area" aria-labelledby="outcomes-heading">
      <div className="panel-heading">
        <h2 id="outcomes-heading">Pain outcomes</h2>
        <div className="screen-actions">
          <button type="button" className="button button-primary" onClick={() => setPreset({ timePoint: 'baseline' })} disabled={!summary || !reference}>
            Record a score
          </button>
          <button type="button" className="button" onClick={() => void report()} disabled={!summary?.series.length}>
            Payer report (PDF)
          </button>
          <button type="button" className="button button-quiet" onClick={() => void exportAs('csv')} disabled={!summary?.scores.length}>
            CSV
          </button>
          <button type="button" className="button button-quiet" onClick={() => void exportAs('fhir')} disabled={!summary?.scores.length}>
            FHIR
          </button>
        </div>
      </div>
      {entry?.error ? <p className="error-text">{entry.error}</p> : null}
      {message ? <p role="status">{message}</p> : null}
      {!summary || !reference ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          {preset ? <ScoreForm key={JSON.stringify(preset)} patientId={patientId} summary={summary} reference={reference} zone={zone} preset={preset} onDone={() => setPreset(null)} /> : null}
          <p className="outcome-rule">
            <strong>How response is judged:</strong> {summary.ruleSentence}
          </p>
          <TrendChart chart={summary.chart} zone={zone} />
          {summary.due.length ? (
            <div className="notice notice-warning" aria-label="Scores owed">
              <strong>Owed now:</strong>
              <ul>
                {summary.due.map((d) => (
                  <li key={`${d.kind}-${d.sessionId ?? d.followUp ?? ''}-${d.instrument}`}>{d.message}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {summary.series.map((s) => (
            <SeriesOutcomes key={s.seriesId} s={s} zone={zone} onRecord={setPreset} />
          ))}
          <ScoreList summary={summary} zone={zone} onCorrect={setPreset} />
          <Flags summary={summary} reference={reference} patientId={patientId} zone={zone} />
        </>
      )}
    </section>
  );
}
