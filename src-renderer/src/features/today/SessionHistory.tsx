/**
 * A card's "History" disclosure: every change to the session (who, when, from → to, why),
 * oldest first. Loaded when first opened, then kept fresh by the store.
 */
import type { SyntheticEvent } from 'react';
import { useClinicStore } from '../clinic/store';
import { describeHistory } from './session-flow';
import { useSessionsStore } from './store';
import { keptDateTimeFormat } from '../../../../src-shared/domain/dates';

function whenText(instant: number, timeZone: string): string {
  return keptDateTimeFormat('en-US', { timeZone, month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(instant);
}

export function SessionHistory({ sessionId, timeZone }: { sessionId: string; timeZone: string }) {
  const entry = useSessionsStore((s) => s.history[sessionId]);
  const suites = useClinicStore((s) => s.suites);

  const onToggle = (e: SyntheticEvent<HTMLDetailsElement>) => {
    if (e.currentTarget.open) {
      void useSessionsStore.getState().loadHistory(sessionId);
    }
  };
  const suiteName = (id: string) => suites.find((s) => s.id === id)?.name ?? 'a suite no longer listed';

  return (
    <details className="today-history" onToggle={onToggle}>
      <summary>History</summary>
      {!entry || entry.status === 'loading' ? <p className="muted">Loading the history…</p> : null}
      {entry?.status === 'error' ? (
        <div className="form-alert" role="alert">
          <p>The history could not be loaded. {entry.error}</p>
        </div>
      ) : null}
      {entry?.data ? (
        entry.data.length === 0 ? (
          <p className="muted">No changes recorded.</p>
        ) : (
          <ol className="today-history-list">
            {entry.data.map((h) => {
              const line = describeHistory(h, { timeZone, suiteName });
              return (
                <li key={h.id}>
                  <div className="today-history-head">
                    <time dateTime={new Date(h.at).toISOString()}>{whenText(h.at, timeZone)}</time> · {h.byName}
                  </div>
                  <div>
                    <strong>{line.what}</strong>
                    {line.from || line.to ? ': ' : null}
                    {line.from ? <span>{line.from}</span> : null}
                    {line.from && line.to ? ' → ' : null}
                    {line.to ? <span>{line.to}</span> : null}
                  </div>
                  {h.reason ? <div className="today-history-why">Why: {h.reason}</div> : null}
                </li>
              );
            })}
          </ol>
        )
      ) : null}
    </details>
  );
}
