/**
 * Authorizations: the desk's work list across patients. Requests still waiting for a payer's
 * decision, and approvals that end soon, each with its sessions used and left and a link to the
 * patient's chart where it is edited. Approvals whose last day has passed are a filter of their
 * own: years of them once buried the new one under "ending soon". Every table is paged.
 */
import { useEffect, useMemo, useState } from 'react';
import type { AuthorizationListItem } from '../../../../src-shared/api/schemas/series';
import { AUTH_STATUS_WORDS } from '../../../../src-shared/domain/authorizations/lifecycle';
import { formatCalendarDate, todayInZone } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { Flash } from '../../components/Flash';
import { ListDownloadButton } from '../../components/ListDownloadButton';
import { useListDownload } from '../../components/useListDownload';
import { paths } from '../../app/router';
import { ScreenHeading } from '../../components/ScreenHeading';
import { addDays, localDateAt } from '../../lib/zoned-time';
import { useClinicTimeZone } from '../clinic/store';
import { SessionsGlance, StatusBadge, TimingNote } from './Glance';
import { coversText } from './labels';
import { PAGE_SIZE, WAITING_STATUSES, queryKey, useAuthorizationsLiveData, useAuthorizationsStore, type WorklistQuery } from './store';
import { DecisionsReport } from './DecisionsReport';
import { DueList } from './DueList';
import { WaitingList } from './WaitingList';
import './authorizations.css';

const WINDOWS = [
  { days: 14, label: '2 weeks' },
  { days: 30, label: '30 days' },
  { days: 60, label: '60 days' },
  { days: 90, label: '90 days' },
];

type ApprovedView = 'ending' | 'ended';

export function AuthorizationsScreen() {
  useAuthorizationsLiveData();
  const today = todayInZone(useClinicTimeZone());
  const [view, setView] = useState<ApprovedView>('ending');
  const [days, setDays] = useState(30);
  const [approvedOffset, setApprovedOffset] = useState(0);
  const [waitingOffset, setWaitingOffset] = useState(0);
  const windowLabel = WINDOWS.find((w) => w.days === days)?.label;

  // "Ending within 30 days": from today through the 30th day (before the day after it). "Ended":
  // approvals whose last day is before today, and those marked expired.
  const approvedQuery = useMemo<WorklistQuery>(
    () =>
      view === 'ending'
        ? { status: ['approved'], endingFrom: today, expiringBefore: addDays(today, days + 1), offset: approvedOffset }
        : { status: ['approved', 'expired'], expiringBefore: today, offset: approvedOffset },
    [view, today, days, approvedOffset],
  );
  const waitingQuery = useMemo<WorklistQuery>(() => ({ status: [...WAITING_STATUSES], offset: waitingOffset }), [waitingOffset]);

  return (
    <section className="screen authorizations-screen">
      <ScreenHeading
        title="Authorizations"
        lead="Requests waiting for a payer’s decision, and approvals that are ending or have ended. Open a patient to add or change one."
      />

      <DueList />
      <WaitingList />

      <section className="panel" aria-labelledby="approved-heading">
        <div className="panel-heading auth-panel-heading">
          <h2 id="approved-heading">{view === 'ending' ? `Approved, ending within ${windowLabel}` : 'Approved, ended'}</h2>
          <div className="auth-filters">
            <div className="button-group" role="group" aria-label="Show approvals">
              <button
                type="button"
                className={`button${view === 'ending' ? ' button-primary' : ''}`}
                aria-pressed={view === 'ending'}
                onClick={() => {
                  setView('ending');
                  setApprovedOffset(0);
                }}
              >
                Ending soon
              </button>
              <button
                type="button"
                className={`button${view === 'ended' ? ' button-primary' : ''}`}
                aria-pressed={view === 'ended'}
                onClick={() => {
                  setView('ended');
                  setApprovedOffset(0);
                }}
              >
                Ended
              </button>
            </div>
            {view === 'ending' ? (
              <label className="window-picker">
                <span>Ending within</span>{' '}
                <select
                  value={days}
                  onChange={(e) => {
                    setDays(Number(e.target.value));
                    setApprovedOffset(0);
                  }}
                >
                  {WINDOWS.map((w) => (
                    <option key={w.days} value={w.days}>
                      {w.label}
                    </option>
                  ))}
                </select>
              </label>
            ) : null}
          </div>
        </div>
        <p className="field-hint">
          {view === 'ending'
            ? 'Approvals still running whose last day is in this time. Ended ones are under Ended.'
            : 'Approvals whose last day has passed, and those marked expired: change their status, or record the new approval.'}
        </p>
        <PagedTable
          query={approvedQuery}
          today={today}
          kind="approved"
          empty={view === 'ending' ? 'No approvals end in this time.' : 'No approvals have ended.'}
          onOffset={setApprovedOffset}
          label={view === 'ending' ? 'Approvals ending soon' : 'Approvals ended'}
        />
      </section>

      <section className="panel" aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">Waiting for a decision</h2>
        <p className="field-hint">Drafts not sent yet, and requests sent to the payer with no decision recorded.</p>
        <PagedTable
          query={waitingQuery}
          today={today}
          kind="waiting"
          empty="Nothing is waiting for a decision."
          onOffset={setWaitingOffset}
          label="Waiting for a decision"
        />
      </section>

      <DecisionsReport />
    </section>
  );
}

function PagedTable(props: { query: WorklistQuery; today: string; kind: 'approved' | 'waiting'; empty: string; label: string; onOffset: (n: number) => void }) {
  const { query, today, kind, empty, label, onOffset } = props;
  const key = queryKey(query);
  const entry = useAuthorizationsStore((s) => s.pages[key]);
  useEffect(() => {
    void useAuthorizationsStore.getState().loadPage(query);
  }, [key, query]);
  const data = entry?.data ?? null;
  // A page emptied by a change elsewhere (the last row of the last page resolved): step back.
  useEffect(() => {
    if (data && data.rows.length === 0 && data.total > 0 && query.offset > 0) onOffset(Math.max(0, Math.floor((data.total - 1) / PAGE_SIZE) * PAGE_SIZE));
  }, [data, query.offset, onOffset]);

  if (entry?.status === 'error' && !data) {
    return (
      <div className="form-alert" role="alert">
        <p>The authorizations could not be loaded. {entry.error}</p>
        <button type="button" className="button" onClick={() => void useAuthorizationsStore.getState().loadPage(query)}>
          Try again
        </button>
      </div>
    );
  }
  if (!data) return <p className="muted">Loading…</p>;
  if (data.total === 0) return <p className="muted">{empty}</p>;
  const first = data.offset + 1;
  const last = data.offset + data.rows.length;
  return (
    <>
      <WorkTable rows={data.rows} today={today} kind={kind} />
      <ListCsv query={query} kind={kind} label={label} today={today} />
      <nav className="pager" aria-label={`${label}: pages`}>
        <button type="button" className="button" disabled={data.offset === 0} onClick={() => onOffset(Math.max(0, data.offset - PAGE_SIZE))}>
          Previous
        </button>
        <span className="pager-status" aria-live="polite">
          {first === last ? first : `${first}–${last}`} of {data.total}
        </span>
        <button type="button" className="button" disabled={last >= data.total} onClick={() => onOffset(data.offset + PAGE_SIZE)}>
          Next
        </button>
      </nav>
    </>
  );
}

/** The whole list under its filter as CSV (every page, not only the one on screen). */
function ListCsv({ query, kind, label, today }: { query: WorklistQuery; kind: 'approved' | 'waiting'; label: string; today: string }) {
  const zone = useClinicTimeZone();
  const csv = useListDownload(async (pages) => {
    // The screen's page offset is not the file's: every page, from the first.
    const { status, expiringBefore, endingFrom } = query;
    const filter = { status, ...(expiringBefore ? { expiringBefore } : {}), ...(endingFrom ? { endingFrom } : {}) };
    const rows = await pages(500, (offset, limit) => api.call('authorizations.list', { ...filter, offset, limit }));
    const day = (d: string | null) => (d ? formatCalendarDate(d) : '');
    return {
      name: `${label.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${today}`,
      header:
        kind === 'approved'
          ? ['Patient', 'MRN', 'Payer', 'Authorization number', 'Status', 'First day covered', 'Last day covered', 'Approved sessions', 'Used', 'Booked']
          : ['Patient', 'MRN', 'Payer', 'Reference number', 'Status', 'First day asked for', 'Last day asked for', 'Sessions asked for', 'Sent on'],
      rows: rows.map((r) =>
        kind === 'approved'
          ? [r.patientName, r.patientMrn, r.payerName, r.authNumber, AUTH_STATUS_WORDS[r.status], day(r.startDate), day(r.endDate), r.approvedSessions, r.sessionsUsed, r.sessionsBooked]
          : [r.patientName, r.patientMrn, r.payerName, r.referenceNumber, AUTH_STATUS_WORDS[r.status], day(r.requestedStartDate), day(r.requestedEndDate), r.requestedSessions, r.submittedAt ? formatCalendarDate(localDateAt(zone, r.submittedAt)) : ''],
      ),
      noun: ['authorization', 'authorizations'],
    };
  });
  return (
    <div className="list-download">
      <ListDownloadButton state={csv} label={label} />
      <Flash message={csv.flash} />
    </div>
  );
}

function WorkTable({ rows, today, kind }: { rows: AuthorizationListItem[]; today: string; kind: 'approved' | 'waiting' }) {
  return (
    <div className="auth-table-wrap">
      <table className="data-table auth-table">
        <thead>
          <tr>
            <th scope="col">Patient</th>
            <th scope="col">Payer and number</th>
            <th scope="col">Status</th>
            <th scope="col">{kind === 'approved' ? 'Covers' : 'Dates asked for'}</th>
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
    </div>
  );
}
