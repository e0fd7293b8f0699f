/**
 * The records inbox: files a person should look at, newest first, in tabs with counts. Each
 * row says who the file seems to belong to and why, its type and the rule that fired, and
 * whether it could be read. Choosing a row opens its review beside the list.
 */
import { useEffect, useState } from 'react';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import type { RecordSummary } from '../../../../src-shared/api/schemas/records';
import { api } from '../../api/client';
import { DualTime } from '../../components/DualTime';
import { errorText } from '../../lib/errors';
import { useClinicTimeZone } from '../clinic/store';
import { INBOX_TABS, MATCH_LABELS, STATUS_LABELS, matchTone, matchedPatientText, statusTone, tabCount, type InboxTab } from './labels';
import { RecordReview } from './RecordReview';
import { useRecordsStore } from './store';

type Inbox = MethodOutput<'records.inbox'>;
const PAGE = 50;

export function RecordsInbox() {
  const version = useRecordsStore((s) => s.version);
  const zone = useClinicTimeZone();
  const [tab, setTab] = useState<InboxTab>(INBOX_TABS[0]!);
  const [offset, setOffset] = useState(0);
  const [inbox, setInbox] = useState<Inbox | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selected, setSelected] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api.call('records.inbox', { show: tab.show, limit: PAGE, offset }).then(
      (out) => {
        if (!current) return;
        setInbox(out);
        setError(null);
      },
      (err: unknown) => current && setError(errorText(err)),
    );
    return () => {
      current = false;
    };
  }, [tab, offset, version]);

  const items = inbox?.items ?? [];
  return (
    <section className="panel records-inbox" aria-labelledby="records-inbox-heading">
      <div className="panel-heading">
        <h2 id="records-inbox-heading">Records inbox</h2>
      </div>
      <div className="button-group records-tabs" role="tablist" aria-label="Records inbox">
        {INBOX_TABS.map((t) => (
          <button
            key={t.key}
            type="button"
            role="tab"
            aria-selected={tab.key === t.key}
            className={`button${tab.key === t.key ? ' button-primary' : ''}`}
            onClick={() => {
              setTab(t);
              setOffset(0);
              setSelected(null);
            }}
          >
            {t.label} ({inbox ? tabCount(t, inbox.counts) : '…'})
          </button>
        ))}
      </div>
      {error ? (
        <p className="error-text" role="alert">
          The inbox could not be loaded. {error}
        </p>
      ) : null}
      <div className="records-inbox-body" role="tabpanel" aria-label={tab.label}>
        <div className="records-inbox-list">
          {!inbox ? (
            error ? null : <p className="muted">Loading the inbox…</p>
          ) : items.length === 0 ? (
            <p className="muted">{emptyText(tab.key)}</p>
          ) : (
            <ul className="records-rows" aria-label={`${tab.label}: records`}>
              {items.map((r) => (
                <InboxRow key={r.id} record={r} zone={zone} selected={selected === r.id} onSelect={() => setSelected(r.id)} />
              ))}
            </ul>
          )}
          {inbox && inbox.total > PAGE ? (
            <div className="records-pager">
              <button type="button" className="button button-small" onClick={() => setOffset(Math.max(0, offset - PAGE))} disabled={offset === 0}>
                Newer
              </button>
              <span className="small" role="status">
                {items.length ? `${offset + 1}–${offset + items.length} of ${inbox.total}` : `None here of ${inbox.total}`}
              </span>
              <button type="button" className="button button-small" onClick={() => setOffset(offset + PAGE)} disabled={offset + PAGE >= inbox.total}>
                Older
              </button>
            </div>
          ) : null}
        </div>
        <div className="records-inbox-review">
          {selected ? (
            <RecordReview key={selected} id={selected} version={version} onClose={() => setSelected(null)} />
          ) : (
            <p className="muted records-review-empty">Choose a record on the left to see its text and decide who it belongs to.</p>
          )}
        </div>
      </div>
    </section>
  );
}

function emptyText(key: string): string {
  switch (key) {
    case 'review':
      return 'Nothing to review. New files in the watched folders appear here once they are read.';
    case 'pending':
      return 'No files are waiting to be read.';
    case 'failed':
      return 'Every file could be read.';
    case 'duplicate':
      return 'No duplicate files.';
    default:
      return 'No originals have gone missing from the watched folders.';
  }
}

function InboxRow({ record: r, zone, selected, onSelect }: { record: RecordSummary; zone: string; selected: boolean; onSelect: () => void }) {
  const who = matchedPatientText(r.match);
  return (
    <li className={`records-row${selected ? ' is-selected' : ''}`} aria-label={r.fileName} aria-current={selected ? 'true' : undefined}>
      <div className="records-row-head">
        <button type="button" className="link-button records-row-name" onClick={onSelect}>
          {r.fileName}
        </button>
        <span className="small muted">
          Received <DualTime instant={r.receivedAt} zone={zone} />
        </span>
      </div>
      <div className="records-row-facts">
        {r.status === 'indexed' ? null : <span className={`badge badge-${statusTone(r.status)}`}>{STATUS_LABELS[r.status]}</span>}
        {r.status === 'indexed' || r.status === 'missing' ? (
          <span className={`badge badge-${matchTone(r.match.state)}`}>{MATCH_LABELS[r.match.state]}</span>
        ) : null}
        {r.status === 'indexed' ? <span className="badge badge-neutral">{r.type.label}</span> : null}
      </div>
      {who ? (
        <p className="records-row-line">
          <strong>{who}</strong>
          {r.match.reason ? <span className="muted"> — {r.match.reason}</span> : null}
        </p>
      ) : null}
      {r.status === 'indexed' && r.type.reason ? <p className="records-row-line small muted">{r.type.reason}</p> : null}
      {r.failureReason ? <p className="records-row-line error-text">{r.failureReason}</p> : null}
      {r.duplicateOf ? (
        <p className="records-row-line small">
          Same content as <span className="mono">{r.duplicateOf.originalPath}</span>
        </p>
      ) : null}
      {r.note ? <p className="records-row-line small muted">{r.note}</p> : null}
    </li>
  );
}
