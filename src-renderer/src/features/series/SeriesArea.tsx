/**
 * The patient's infusion series on the chart: each series with its sessions, its
 * authorization coverage at a glance (and which sessions fall outside it), the gate that
 * confirms the first infusion, cancelling, and planning a new series.
 */
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { useCan } from '../auth/store';
import { useClinicTimeZone } from '../clinic/store';
import { OutboxPanel, SeriesCalendarFileButton } from '../reminders';
import { statusLabel } from '../suite-calendar/SessionEvent';
import { TimeSpan } from '../../components/TimeSpan';
import { SeriesPlanner } from './SeriesPlanner';
import { ensureSeriesLive, useSeriesStore, type SeriesView } from './store';

const SERIES_STATUS: Record<string, { label: string; badge: string }> = {
  planned: { label: 'Planned — not confirmed', badge: 'badge-warning' },
  active: { label: 'Confirmed', badge: 'badge-success' },
  completed: { label: 'Completed', badge: 'badge-neutral' },
  cancelled: { label: 'Cancelled', badge: 'badge-neutral' },
};

function SeriesCard({ series, zone }: { series: SeriesView; zone: string }) {
  const [error, setError] = useState<string | null>(null);
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const outside = new Map(series.coverage.outside.map((o) => [o.seq, o.why]));
  const st = SERIES_STATUS[series.status] ?? { label: series.status, badge: 'badge-neutral' };

  const confirm = async () => {
    setError(null);
    try {
      await api.call('series.confirm', { seriesId: series.id, expectedVersion: series.version });
    } catch (e) {
      setError(errorText(e));
    }
  };
  const cancel = async () => {
    setError(null);
    try {
      await api.call('series.cancel', { seriesId: series.id, reason, expectedVersion: series.version });
      setCancelling(false);
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <article className="series-card" aria-label={series.templateName ?? 'Series'}>
      <header className="series-card-head">
        <h3>{series.templateName ?? 'Infusion series'}</h3>
        <span className={`badge ${st.badge}`}>{st.label}</span>
        <span className={`badge ${series.coverage.covered ? 'badge-success' : 'badge-danger'}`} title="Authorization coverage">
          {series.coverage.label}
        </span>
        {series.status !== 'cancelled' ? <SeriesCalendarFileButton seriesId={series.id} /> : null}
      </header>
      <table className="data-table series-sessions">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">When</th>
            <th scope="col">Suite</th>
            <th scope="col">Supervisor</th>
            <th scope="col">Status</th>
            <th scope="col">Coverage</th>
          </tr>
        </thead>
        <tbody>
          {series.sessions.map((s) => (
            <tr key={s.id} className={outside.has(s.seq) ? 'row-warning' : undefined}>
              <td>{s.position}</td>
              <td>
                <TimeSpan zone={zone} startsAt={s.startsAt} endsAt={s.endsAt} />
              </td>
              <td>{s.suiteName}</td>
              <td>{s.supervisorName ?? '—'}</td>
              <td>{statusLabel(s.status)}</td>
              <td>{outside.has(s.seq) ? <span className="error-text">{outside.get(s.seq)}</span> : series.selfPay ? 'Self-pay' : 'Covered'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {error ? (
        <p className="form-alert" role="alert">
          {error}
        </p>
      ) : null}
      {series.status === 'planned' || series.status === 'active' ? (
        <div className="form-actions">
          {series.status === 'planned' ? (
            <button type="button" className="button button-primary" onClick={() => void confirm()}>
              Confirm series
            </button>
          ) : null}
          {cancelling ? (
            <>
              <label className="inline-field">
                <span>Reason</span>
                <input value={reason} onChange={(e) => setReason(e.target.value)} aria-label="Reason for cancelling" />
              </label>
              <button type="button" className="button button-danger" onClick={() => void cancel()}>
                Cancel the series
              </button>
              <button type="button" className="button button-quiet" onClick={() => setCancelling(false)}>
                Keep it
              </button>
            </>
          ) : (
            <button type="button" className="button button-quiet" onClick={() => setCancelling(true)}>
              Cancel series…
            </button>
          )}
        </div>
      ) : null}
    </article>
  );
}

export function SeriesArea({ patientId }: { patientId: string }) {
  const zone = useClinicTimeZone();
  const entry = useSeriesStore((s) => s.byPatient[patientId]);
  const [planning, setPlanning] = useState(false);
  // Planning books sessions: only for roles that may change the schedule.
  const canBook = useCan('schedule.write');
  useEffect(() => {
    ensureSeriesLive();
    void useSeriesStore.getState().load(patientId);
  }, [patientId]);

  const list = entry?.data ?? null;
  return (
    <section className="panel series-area" aria-labelledby="series-heading">
      <div className="panel-heading">
        <h2 id="series-heading">Infusion series</h2>
        {!planning && canBook ? (
          <button type="button" className="button button-primary" onClick={() => setPlanning(true)}>
            Plan a series
          </button>
        ) : null}
      </div>
      {entry?.error ? <p className="error-text">{entry.error}</p> : null}
      {planning ? <SeriesPlanner patientId={patientId} onClose={() => setPlanning(false)} /> : null}
      {list === null ? (
        <p className="muted">Loading…</p>
      ) : list.length === 0 ? (
        !planning ? <p className="muted">No infusion series yet.</p> : null
      ) : (
        [...list].reverse().map((s) => <SeriesCard key={s.id} series={s} zone={zone} />)
      )}
      {list && list.length > 0 ? <OutboxPanel patientId={patientId} heading="Reminders" /> : null}
    </section>
  );
}
