/**
 * Authorizations: the desk's work list across patients. Requests still waiting for a payer's
 * decision, and approvals that end soon (or have ended while still marked approved), each
 * with its sessions left and a link to the patient's chart where it is edited.
 */
import { useEffect, useState } from 'react';
import type { AuthorizationListItem } from '../../../../src-shared/api/schemas/series';
import { formatCalendarDate, todayInZone } from '../../../../src-shared/domain/dates';
import { paths } from '../../app/router';
import { ScreenHeading } from '../../components/ScreenHeading';
import { addDays } from '../../lib/zoned-time';
import { useClinicTimeZone } from '../clinic/store';
import { SessionsGlance, StatusBadge, TimingNote } from './Glance';
import { coversText } from './labels';
import { WORKLIST_LIMIT, useAuthorizationsLiveData, useAuthorizationsStore } from './store';

const WINDOWS = [
  { days: 14, label: '2 weeks' },
  { days: 30, label: '30 days' },
  { days: 60, label: '60 days' },
  { days: 90, label: '90 days' },
];

export function AuthorizationsScreen() {
  useAuthorizationsLiveData();
  const today = todayInZone(useClinicTimeZone());
  const [days, setDays] = useState(30);
  // "Ending within 30 days" includes the 30th day: before the day after it.
  const endingBefore = addDays(today, days + 1);
  const entry = useAuthorizationsStore((s) => s.worklist);
  useEffect(() => {
    void useAuthorizationsStore.getState().loadWorklist(endingBefore);
  }, [endingBefore]);
  const data = entry?.data?.endingBefore === endingBefore ? entry.data : null;

  return (
    <section className="screen">
      <ScreenHeading
        title="Authorizations"
        lead="Requests waiting for a payer’s decision, and approvals that are ending. Open a patient to add or change one."
      />
      {entry?.status === 'error' ? (
        <div className="form-alert" role="alert">
          <p>The authorizations could not be loaded. {entry.error}</p>
          <button type="button" className="button" onClick={() => void useAuthorizationsStore.getState().loadWorklist(endingBefore)}>
            Try again
          </button>
        </div>
      ) : null}

      <section className="panel" aria-labelledby="ending-heading">
        <div className="panel-heading">
          <h2 id="ending-heading">Approved, ending within {WINDOWS.find((w) => w.days === days)?.label}</h2>
          <label className="window-picker">
            <span>Ending within</span>{' '}
            <select value={days} onChange={(e) => setDays(Number(e.target.value))}>
              {WINDOWS.map((w) => (
                <option key={w.days} value={w.days}>
                  {w.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <p className="field-hint">Includes approvals whose last day has passed: change their status, or record the new approval.</p>
        {!data ? (
          entry?.status === 'error' ? null : <p className="muted">Loading…</p>
        ) : data.ending.length === 0 ? (
          <p className="muted">No approvals end in this time.</p>
        ) : (
          <WorkTable rows={data.ending} today={today} kind="ending" />
        )}
      </section>

      <section className="panel" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">Waiting for a decision</h2>
        <p className="field-hint">Drafts not sent yet, and requests sent to the payer with no decision recorded.</p>
        {!data ? (
          entry?.status === 'error' ? null : <p className="muted">Loading…</p>
        ) : data.waiting.length === 0 ? (
          <p className="muted">Nothing is waiting for a decision.</p>
        ) : (
          <WorkTable rows={data.waiting} today={today} kind="waiting" />
        )}
      </section>
    </section>
  );
}

function WorkTable({ rows, today, kind }: { rows: AuthorizationListItem[]; today: string; kind: 'ending' | 'waiting' }) {
  return (
    <>
      <table className="data-table auth-table">
        <thead>
          <tr>
            <th scope="col">Patient</th>
            <th scope="col">Payer and number</th>
            <th scope="col">Status</th>
            <th scope="col">{kind === 'ending' ? 'Covers' : 'Dates asked for'}</th>
            <th scope="col">Sessions</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((a) => (
            <tr key={a.id}>
              <td>
                <a className="row-link" href={paths.patient(a.patientId)}>
                  {a.patientName}
                </a>
                <div className="muted small">
                  MRN <span className="mono">{a.patientMrn}</span>
                </div>
              </td>
              <td>
                <div>{a.payerName ?? <span className="muted">Payer not recorded</span>}</div>
                {a.authNumber ? <div className="mono small">#{a.authNumber}</div> : null}
              </td>
              <td>
                <StatusBadge status={a.status} />
                {a.decisionDate ? <div className="muted small">Decided {formatCalendarDate(a.decisionDate)}</div> : null}
              </td>
              <td>
                {coversText(a) ? <span className="auth-covers">{coversText(a)}</span> : <span className="muted">No dates</span>}
                <div>
                  <TimingNote auth={a} today={today} />
                </div>
              </td>
              <td>
                <SessionsGlance auth={a} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {rows.length >= WORKLIST_LIMIT ? <p className="more-note">Showing the first {WORKLIST_LIMIT}. Work through these and the rest will show.</p> : null}
    </>
  );
}
