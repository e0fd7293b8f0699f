/**
 * Waiting on authorization (the Authorizations workspace): patients whose series waits on an
 * authorization, one row each, from the first step to the last — no request yet (what the chart
 * still lacks), request not ready (its first missing items), ready to send, waiting on the payer,
 * a reply to review, denied, partly approved — with a filter per step (its count on the button),
 * the oldest first, a page at a time. Each row opens the request, or the chart when there is none.
 */
import { useCallback, useEffect, useState } from 'react';
import { WAITING_BLOCKERS, type WaitingBlocker, type WaitingPage } from '../../../../src-shared/api/schemas/authorization-readiness';
import { BLOCKER_LABELS } from '../../../../src-shared/domain/authorizations/waiting';
import { formatCalendarDate } from '../../../../src-shared/domain/dates';
import { localDateAt } from '../../../../src-shared/domain/zoned-time';
import { api } from '../../api/client';
import { paths } from '../../app/router';
import { todayInZone } from '../../../../src-shared/domain/dates';
import { AUTH_STATUS_WORDS } from '../../../../src-shared/domain/authorizations/lifecycle';
import { errorText } from '../../lib/errors';
import { Flash } from '../../components/Flash';
import { ListDownloadButton } from '../../components/ListDownloadButton';
import { useListDownload } from '../../components/useListDownload';
import { useClinicTimeZone } from '../clinic/store';
import './readiness.css';

const PAGE = 25;

export function WaitingList() {
  const zone = useClinicTimeZone();
  const [blocker, setBlocker] = useState<WaitingBlocker | null>(null);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<WaitingPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  // The whole list under the chosen filter, not just the page on screen.
  const csv = useListDownload(async (pages) => {
    const items = await pages(200, async (offset, limit) => {
      const p = await api.call('authorizations.waitingList', { ...(blocker ? { blocker } : {}), limit, offset });
      return { rows: p.items, total: p.total };
    });
    return {
      name: `waiting-on-authorization-${todayInZone(zone)}`,
      header: ['Patient', 'MRN', 'Payer', 'Held back by', 'What holds it back', 'Request status', 'Since'],
      rows: items.map((i) => [i.patientName, i.patientMrn, i.payerName, BLOCKER_LABELS[i.blocker], i.text, i.status ? AUTH_STATUS_WORDS[i.status] : 'No request', formatCalendarDate(localDateAt(zone, i.since))]),
      noun: ['patient', 'patients'],
    };
  });

  const load = useCallback(async () => {
    try {
      setPage(await api.call('authorizations.waitingList', { ...(blocker ? { blocker } : {}), limit: PAGE, offset }));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [blocker, offset]);

  useEffect(() => {
    void load();
    const offs = (['schedule.changed', 'patients.changed', 'intake.changed'] as const).map((t) => api.subscribe(t, () => void load()));
    return () => offs.forEach((off) => off());
  }, [load]);

  const all = page ? Object.values(page.counts).reduce((a, b) => a + b, 0) : 0;
  const choose = (b: WaitingBlocker | null) => {
    setBlocker(b);
    setOffset(0);
  };
  const first = page ? page.offset + 1 : 0;
  const last = page ? page.offset + page.items.length : 0;

  return (
    <section className="panel" aria-labelledby="waiting-on-authorization-heading" data-testid="waiting-list">
      <div className="panel-heading">
        <h2 id="waiting-on-authorization-heading">Waiting on authorization</h2>
        <Flash message={csv.flash} />
        {page && page.total > 0 ? <ListDownloadButton state={csv} /> : null}
      </div>
      <p className="field-hint">Patients whose series cannot be booked until a payer approves it, and what holds each back.</p>
      {error && !page ? (
        <div className="form-alert" role="alert">
          <p>The waiting list could not be loaded. {error}</p>
          <button type="button" className="button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      ) : null}
      {page ? (
        <>
          <div className="waiting-filters" role="group" aria-label="Show patients held back by">
            <button type="button" className={`button${blocker === null ? ' button-primary' : ''}`} aria-pressed={blocker === null} onClick={() => choose(null)}>
              All ({all})
            </button>
            {WAITING_BLOCKERS.filter((b) => page.counts[b] > 0 || b === blocker).map((b) => (
              <button key={b} type="button" className={`button${blocker === b ? ' button-primary' : ''}`} aria-pressed={blocker === b} onClick={() => choose(b)}>
                {BLOCKER_LABELS[b]} ({page.counts[b]})
              </button>
            ))}
          </div>
          {page.total === 0 ? (
            <p className="muted">{blocker ? 'Nobody is held back by this.' : 'No patient is waiting on an authorization.'}</p>
          ) : (
            <>
              <div className="auth-table-wrap">
                <table className="data-table auth-table waiting-table">
                  <thead>
                    <tr>
                      <th scope="col">Patient</th>
                      <th scope="col">Payer</th>
                      <th scope="col">Held back by</th>
                      <th scope="col">Since</th>
                    </tr>
                  </thead>
                  <tbody>
                    {page.items.map((i) => (
                      <tr key={i.patientId}>
                        <td>
                          <a href={paths.patient(i.patientId)}>{i.patientName}</a>
                          <div className="small muted">
                            MRN <span className="mono">{i.patientMrn}</span>
                          </div>
                        </td>
                        <td>{i.payerName ?? <span className="muted">No payer</span>}</td>
                        <td>
                          <strong>{BLOCKER_LABELS[i.blocker]}</strong>
                          <div>{i.text}</div>
                          {i.authorizationId ? (
                            <a href={paths.authorization(i.authorizationId)}>Open the request</a>
                          ) : (
                            <a href={paths.patient(i.patientId)}>Open the chart to start a request</a>
                          )}
                          {i.otherOpenRequests > 0 ? <div className="small muted">and {i.otherOpenRequests} more open request{i.otherOpenRequests === 1 ? '' : 's'}</div> : null}
                        </td>
                        <td>{formatCalendarDate(localDateAt(zone, i.since))}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <nav className="pager" aria-label="Waiting on authorization: pages">
                <button type="button" className="button" disabled={page.offset === 0} onClick={() => setOffset(Math.max(0, page.offset - PAGE))}>
                  Previous
                </button>
                <span className="pager-status" aria-live="polite">
                  {first === last ? first : `${first}–${last}`} of {page.total}
                </span>
                <button type="button" className="button" disabled={last >= page.total} onClick={() => setOffset(page.offset + PAGE)}>
                  Next
                </button>
              </nav>
            </>
          )}
        </>
      ) : error ? null : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
