/**
 * What is due on authorizations, soonest first (authorizations.due): the payer's expected
 * decision, the peer-to-peer window, the appeal, the external review request and approvals
 * ending while sessions are booked after them; overdue in red. Filters by kind and payer, paged.
 * (The decisions report of a period is its own panel: DecisionsReport.tsx.)
 */
import { useCallback, useEffect, useState } from 'react';
import type { DueListItem } from '../../../../src-shared/api/schemas/authorization-lifecycle';
import { DUE_KINDS } from '../../../../src-shared/domain/authorizations/due';
import { AUTH_STATUS_WORDS } from '../../../../src-shared/domain/authorizations/lifecycle';
import { formatCalendarDate, todayInZone } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { paths } from '../../app/router';
import { FormAlert, SelectField } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { ListDownloadButton } from '../../components/ListDownloadButton';
import { useListDownload } from '../../components/useListDownload';
import { errorText } from '../../lib/errors';
import { useClinicStore, useClinicTimeZone } from '../clinic/store';
import { StatusBadge } from './Glance';
import './letters-pas-due.css';

type Kind = (typeof DUE_KINDS)[number];
const KIND_LABELS: Record<Kind, string> = {
  decision: 'Decision expected',
  p2p: 'Peer-to-peer window',
  appeal: 'Appeal due',
  external_review: 'External review due',
  expiry: 'Approval ending',
};
const PAGE = 25;
/** How far ahead to look: a week's work, the usual month, or far enough to see an appeal (180 days) coming. */
const WITHIN_CHOICES = [7, 14, 30, 90, 180, 365] as const;

function whenWords(r: DueListItem): string {
  if (r.daysLeft < 0) return `${-r.daysLeft} day${r.daysLeft === -1 ? '' : 's'} overdue`;
  if (r.daysLeft === 0) return 'due today';
  return `in ${r.daysLeft} day${r.daysLeft === 1 ? '' : 's'}`;
}

export function DueList() {
  const payers = useClinicStore((s) => s.payers);
  const [kinds, setKinds] = useState<Kind[]>([...DUE_KINDS]);
  const [payerId, setPayerId] = useState('');
  const [withinDays, setWithinDays] = useState(30);
  const [offset, setOffset] = useState(0);
  const [page, setPage] = useState<{ rows: DueListItem[]; total: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const zone = useClinicTimeZone();
  // Every row under the filters on screen (kinds, payer, how far ahead), not just this page.
  const csv = useListDownload(async (pages) => {
    const rows = kinds.length ? await pages(500, (o, limit) => api.call('authorizations.due', { kinds, withinDays, ...(payerId ? { payerId } : {}), limit, offset: o })) : [];
    return {
      name: `authorizations-due-${todayInZone(zone)}`,
      header: ['Due', 'Days left', 'Patient', 'MRN', 'What', 'Details', 'Status'],
      rows: rows.map((r) => [formatCalendarDate(r.dueDate), r.daysLeft, r.patientName, r.patientMrn, KIND_LABELS[r.kind], r.text, AUTH_STATUS_WORDS[r.status]]),
      noun: ['item', 'items'],
    };
  });

  const load = useCallback(async () => {
    if (!kinds.length) return setPage({ rows: [], total: 0 });
    try {
      const out = await api.call('authorizations.due', { kinds, withinDays, ...(payerId ? { payerId } : {}), limit: PAGE, offset });
      setPage(out);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [kinds, payerId, withinDays, offset]);

  useEffect(() => {
    void load();
    const off = api.subscribe('schedule.changed', () => void load());
    return off;
  }, [load]);

  const toggle = (k: Kind) => {
    setOffset(0);
    setKinds((p) => (p.includes(k) ? p.filter((x) => x !== k) : DUE_KINDS.filter((x) => x === k || p.includes(x))));
  };

  return (
    <section className="panel due-list" aria-labelledby="due-heading">
      <div className="panel-heading auth-panel-heading">
        <h2 id="due-heading">Due and overdue{page ? ` (${page.total})` : ''}</h2>
        <Flash message={csv.flash} />
        {page && page.total > 0 ? <ListDownloadButton state={csv} /> : null}
      </div>
      <div className="due-filters">
        <fieldset>
          <legend>Show</legend>
          {DUE_KINDS.map((k) => (
            <label key={k}>
              <input type="checkbox" checked={kinds.includes(k)} onChange={() => toggle(k)} /> {KIND_LABELS[k]}
            </label>
          ))}
        </fieldset>
        <SelectField
          id="due-payer"
          label="Payer"
          value={payerId}
          onChange={(v) => {
            setOffset(0);
            setPayerId(v);
          }}
          options={[{ value: '', label: 'All payers' }, ...payers.map((p) => ({ value: p.id, label: p.name }))]}
        />
        <SelectField
          id="due-within"
          label="Due within"
          value={String(withinDays)}
          onChange={(v) => {
            setOffset(0);
            setWithinDays(Number(v));
          }}
          options={WITHIN_CHOICES.map((d) => ({ value: String(d), label: `${d} days` }))}
        />
      </div>
      {error ? <FormAlert message={`The due list could not be read. ${error}`} /> : null}
      {!page && !error ? <p className="muted">Loading what is due…</p> : null}
      {page && page.rows.length === 0 ? (
        <p className="muted">{kinds.length ? `Nothing due in the next ${withinDays} days and nothing overdue.` : 'Choose at least one kind of deadline to show.'}</p>
      ) : null}
      {page && page.rows.length > 0 ? (
        <div className="auth-table-wrap">
          <table className="auth-table due-table">
            <thead>
              <tr>
                <th scope="col">Due</th>
                <th scope="col">Patient</th>
                <th scope="col">What</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((r) => (
                <tr key={`${r.authorizationId}-${r.kind}`} data-testid="due-row">
                  <td className="due-when">
                    <strong className={r.overdue ? 'due-overdue' : r.daysLeft <= 3 ? 'due-soon' : undefined}>{whenWords(r)}</strong>
                    <div className="small">{formatCalendarDate(r.dueDate)}</div>
                  </td>
                  <td>
                    <a href={paths.patient(r.patientId)}>{r.patientName}</a>
                    <div className="small mono">{r.patientMrn}</div>
                  </td>
                  <td>
                    <a href={`#/authorizations/${r.authorizationId}`}>{KIND_LABELS[r.kind]}</a>
                    <div>{r.text}</div>
                  </td>
                  <td>
                    <StatusBadge status={r.status} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {page && page.total > PAGE ? (
        <div className="pager">
          <button type="button" className="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            Previous
          </button>
          <span className="pager-status">
            {offset + 1}–{Math.min(offset + PAGE, page.total)} of {page.total}
          </span>
          <button type="button" className="button" disabled={offset + PAGE >= page.total} onClick={() => setOffset(offset + PAGE)}>
            Next
          </button>
        </div>
      ) : null}
    </section>
  );
}

