/**
 * The Outcomes screen: scores owed now (the assistants' work list), the clinical review
 * queue with decisions, the clinic dashboard (response rates with their denominators, data
 * completeness) over a chosen period, and registry exports.
 */
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { todayInZone } from '../../../../src-shared/domain/dates';
import { addDays } from '../../../../src-shared/domain/zoned-time';
import { api } from '../../api/client';
import { paths } from '../../app/router';
import { ScreenHeading } from '../../components/ScreenHeading';
import { errorText } from '../../lib/errors';
import { useClinicTimeZone } from '../clinic/store';
import { dayText } from '../series/format';
import { DispositionForm } from './DispositionForm';
import { ExportsPanel } from './ExportsPanel';
import { CATEGORY_BADGE, percentText, rateText } from './labels';
import { ensureOutcomesLive, useOutcomesStore } from './store';

type Tab = 'due' | 'review' | 'dashboard' | 'export';
type Due = MethodOutput<'outcomes.due'>;
type Queue = MethodOutput<'outcomes.reviewQueue'>;
type Dash = MethodOutput<'outcomes.dashboard'>;

function useLoad<T>(load: () => Promise<T>, deps: unknown[]): { data: T | null; error: string | null } {
  const version = useOutcomesStore((s) => s.version);
  const [state, setState] = useState<{ data: T | null; error: string | null }>({ data: null, error: null });
  useEffect(() => {
    let live = true;
    load().then(
      (data) => live && setState({ data, error: null }),
      (e: unknown) => live && setState((s) => ({ data: s.data, error: errorText(e) })),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [version, ...deps]);
  return state;
}

function DueList({ zone }: { zone: string }) {
  const [overdueOnly, setOverdueOnly] = useState(false);
  const { data, error } = useLoad<Due>(() => api.call('outcomes.due', { overdueOnly }), [overdueOnly]);
  return (
    <section aria-label="Scores owed">
      <label className="checkbox-label">
        <input type="checkbox" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} /> Overdue only
      </label>
      {error ? <p className="error-text">{error}</p> : null}
      {!data ? (
        <p className="muted">Loading…</p>
      ) : data.items.length === 0 ? (
        <p className="muted">No scores are owed. Scores fall due at intake, before and after each infusion, and at the follow-ups after a series.</p>
      ) : (
        <>
          <p>
            {data.total} owed · {data.overdue} overdue
          </p>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">What</th>
                <th scope="col">Due</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((d) => (
                <tr key={`${d.patientId}-${d.kind}-${d.sessionId ?? d.followUp ?? ''}-${d.instrument}`}>
                  <td>
                    <a href={paths.patient(d.patientId)}>{d.patientName}</a> <span className="muted small mono">{d.mrn}</span>
                  </td>
                  <td>{d.message}</td>
                  <td>{dayText(zone, d.dueAt)}</td>
                  <td>
                    {d.status === 'overdue' ? <span className="badge badge-danger">{d.daysOverdue ? `${d.daysOverdue} days overdue` : 'Overdue'}</span> : <span className="badge badge-info">Due</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

function ReviewQueue({ zone }: { zone: string }) {
  const reference = useOutcomesStore((s) => s.reference);
  const [showDecided, setShowDecided] = useState(false);
  const { data, error } = useLoad<Queue>(() => api.call('outcomes.reviewQueue', { includeDisposed: showDecided }), [showDecided]);
  return (
    <section aria-label="Review queue">
      <p className="muted">{reference?.review.sentence}</p>
      <label className="checkbox-label">
        <input type="checkbox" checked={showDecided} onChange={(e) => setShowDecided(e.target.checked)} /> Show decided flags too
      </label>
      {error ? <p className="error-text">{error}</p> : null}
      {!data || !reference ? (
        <p className="muted">Loading…</p>
      ) : data.items.length === 0 ? (
        <p className="muted">No patient is waiting for a review.</p>
      ) : (
        <ul className="review-list">
          {data.items.map((f) => (
            <li key={f.flagKey} className="review-item" aria-label={`Review: ${f.patientName}`}>
              <h3>
                <a href={paths.patient(f.patientId)}>{f.patientName}</a> <span className="muted small mono">{f.mrn}</span>{' '}
                {f.category ? <span className={`badge ${CATEGORY_BADGE[f.category] ?? 'badge-neutral'}`}>{percentText(f.percentReduction)} lower</span> : null}
              </h3>
              <p>{f.reason}</p>
              <p className="muted small">
                {f.seriesLabel} · flagged {dayText(zone, f.flaggedAt)}
              </p>
              {f.disposition ? (
                <p>
                  Decided: <strong>{f.disposition.dispositionLabel}</strong> by {f.disposition.decidedBy}
                  {f.disposition.note ? ` — ${f.disposition.note}` : ''}
                </p>
              ) : (
                <DispositionForm patientId={f.patientId} flagKey={f.flagKey} reference={reference} onDone={() => useOutcomesStore.getState().refreshAll()} />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RateTable({ title, rows }: { title: string; rows: Dash['byDiagnosis'] }) {
  return (
    <table className="data-table rate-table">
      <caption>{title}</caption>
      <thead>
        <tr>
          <th scope="col">Group</th>
          <th scope="col">Series ended</th>
          <th scope="col">With scores</th>
          <th scope="col">≥ 30% lower</th>
          <th scope="col">≥ 50% lower</th>
        </tr>
      </thead>
      <tbody>
        {rows.length === 0 ? (
          <tr>
            <td colSpan={5} className="muted">
              No series ended in this period.
            </td>
          </tr>
        ) : null}
        {rows.map((r) => (
          <tr key={r.key}>
            <td>{r.label}</td>
            <td>{r.series}</td>
            <td>{r.evaluable}</td>
            <td>
              {rateText(r.moderateRate)} <span className="muted small">({r.moderateRate === null ? 0 : Math.round(r.moderateRate * r.evaluable)}/{r.evaluable})</span>
            </td>
            <td>
              {rateText(r.substantialRate)} <span className="muted small">({r.substantial}/{r.evaluable})</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Dashboard({ zone }: { zone: string }) {
  const today = todayInZone(zone);
  const [from, setFrom] = useState(addDays(today, -90));
  const [to, setTo] = useState(today);
  const { data, error } = useLoad<Dash>(() => api.call('outcomes.dashboard', { from, to }), [from, to]);
  return (
    <section aria-label="Dashboard">
      <div className="field-row">
        <label className="field">
          <span className="field-label">Series ended from</span>
          <input type="date" value={from} onChange={(e) => e.target.value && setFrom(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">to</span>
          <input type="date" value={to} onChange={(e) => e.target.value && setTo(e.target.value)} />
        </label>
      </div>
      {error ? <p className="error-text">{error}</p> : null}
      {!data ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <p className="muted">{data.definition}</p>
          <div className="dash-headline">
            <div>
              <span className="dash-number">{rateText(data.overall.moderateRate)}</span> responded (≥ 30% lower) · {data.overall.evaluable} of {data.overall.series} series with scores
            </div>
            <div>
              <span className="dash-number">{rateText(data.completeness.overall.share)}</span> of expected scores recorded ({data.completeness.overall.recorded} of{' '}
              {data.completeness.overall.expected})
            </div>
          </div>
          <RateTable title="By diagnosis" rows={data.byDiagnosis} />
          <RateTable title="By payer" rows={data.byPayer} />
          <RateTable title="By series template" rows={data.byTemplate} />
          <table className="data-table rate-table">
            <caption>Data completeness</caption>
            <thead>
              <tr>
                <th scope="col">Scores</th>
                <th scope="col">Expected</th>
                <th scope="col">Recorded</th>
                <th scope="col">Share</th>
              </tr>
            </thead>
            <tbody>
              {data.completeness.byKind.map((c) => (
                <tr key={c.kind}>
                  <td>{c.label}</td>
                  <td>{c.expected}</td>
                  <td>{c.recorded}</td>
                  <td>{rateText(c.share)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

const TABS: { key: Tab; label: string }[] = [
  { key: 'due', label: 'Scores owed' },
  { key: 'review', label: 'Review queue' },
  { key: 'dashboard', label: 'Dashboard' },
  { key: 'export', label: 'Exports' },
];

export function OutcomesScreen() {
  const zone = useClinicTimeZone();
  const [tab, setTab] = useState<Tab>('due');
  useEffect(() => {
    ensureOutcomesLive();
    useOutcomesStore.getState().ensureReference();
  }, []);
  return (
    <section className="screen">
      <ScreenHeading title="Outcomes" lead="Pain scores owed, patients to review, and how the clinic’s patients respond." />
      <div className="button-group tab-bar" role="tablist" aria-label="Outcomes">
        {TABS.map((t) => (
          <button key={t.key} type="button" role="tab" aria-selected={tab === t.key} className={`button${tab === t.key ? ' button-primary' : ''}`} onClick={() => setTab(t.key)}>
            {t.label}
          </button>
        ))}
      </div>
      <div className="tab-panel" role="tabpanel">
        {tab === 'due' ? <DueList zone={zone} /> : tab === 'review' ? <ReviewQueue zone={zone} /> : tab === 'dashboard' ? <Dashboard zone={zone} /> : <ExportsPanel zone={zone} />}
      </div>
    </section>
  );
}
