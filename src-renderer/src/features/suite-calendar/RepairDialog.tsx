/** A move that breaks the series timeline: say why, and offer the repaired series to save in one go. */
import { useState } from 'react';
import { useSuiteCalendarStore } from './store';

export function RepairDialog() {
  const repair = useSuiteCalendarStore((s) => s.repair);
  const [busy, setBusy] = useState(false);
  if (!repair) return null;
  const { proposal, sessionLabel } = repair;
  const close = () => useSuiteCalendarStore.getState().closeRepair();
  const apply = async () => {
    setBusy(true);
    const ok = await useSuiteCalendarStore.getState().save(
      proposal.moves.map((m) => ({ sessionId: m.sessionId, expectedVersion: m.expectedVersion, suiteId: m.suiteId, startsAt: m.startsAt, supervisorId: m.supervisorId })),
      'Series repaired after a move on the suite calendar',
      `Series repaired: ${proposal.moves.length} session${proposal.moves.length === 1 ? '' : 's'} moved.`,
    );
    setBusy(false);
    if (ok) close();
  };
  return (
    <div className="dialog-backdrop">
      <div className="dialog" role="dialog" aria-modal="true" aria-labelledby="repair-title">
        <h2 id="repair-title">This move breaks {sessionLabel}’s series timeline</h2>
        {proposal.ok ? (
          <>
            <p>Moving it there keeps the series only if later sessions move too. Suggested repaired series:</p>
            <ul className="repair-moves">
              {proposal.moves.map((m) => (
                <li key={m.sessionId}>{m.label}</li>
              ))}
            </ul>
            <div className="form-actions">
              <button type="button" className="button button-primary" disabled={busy} onClick={() => void apply()}>
                Move all {proposal.moves.length} sessions
              </button>
              <button type="button" className="button" onClick={close}>
                Keep the series as it is
              </button>
            </div>
          </>
        ) : (
          <>
            <p>No repaired series fits:</p>
            <ul>
              {proposal.reasons.map((r) => (
                <li key={r}>{r}</li>
              ))}
            </ul>
            <div className="form-actions">
              <button type="button" className="button" onClick={close}>
                Close
              </button>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
