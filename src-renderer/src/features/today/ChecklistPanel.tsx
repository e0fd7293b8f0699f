/**
 * The pre-session checklist on a card: tick each item, or override it with a reason (the
 * reason stays visible). Once the IV is in (the backend refuses changes then) it shrinks to a
 * line saying it was complete, with any overrides and their reasons.
 */
import { useId } from 'react';
import { CHECKLIST, checklistEditable, checklistMissing, itemState, type ChecklistItem, type DaySession } from './session-flow';
import type { ReasonRequest } from './ReasonDialog';

interface Props {
  session: DaySession;
  busy: boolean;
  onChange: (item: ChecklistItem, change: { done: boolean; override?: string }) => void;
  askReason: (request: ReasonRequest) => void;
  /** "J. Smith", for the dialog's words. */
  who: string;
}

export function ChecklistPanel({ session, busy, onChange, askReason, who }: Props) {
  const id = useId();
  const editable = checklistEditable(session.status);
  const missing = checklistMissing(session.checklist);
  const done = CHECKLIST.length - missing.length;

  // Past the IV (or a session that did not happen): one line, plus any overrides, which
  // matter to the chart; the boxes would only take room on the board.
  if (!editable) {
    if (Object.keys(session.checklist).length === 0) return null;
    const overrides = CHECKLIST.flatMap(({ item, label }) => {
      const state = itemState(session.checklist, item);
      return state.kind === 'overridden' ? [{ item, label, reason: state.reason }] : [];
    });
    return (
      <div className="today-checklist-summary">
        <p className={missing.length ? 'muted' : undefined}>{missing.length ? `Checklist: ${done} of ${CHECKLIST.length} done` : 'Checklist complete'}</p>
        {overrides.length ? (
          <ul>
            {overrides.map((o) => (
              <li key={o.item}>
                {o.label} overridden: {o.reason}
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    );
  }

  return (
    <fieldset className="today-checklist" aria-describedby={`${id}-state`}>
      <legend>Before the IV</legend>
      <p id={`${id}-state`} className={`today-checklist-state ${missing.length ? 'is-open' : 'is-done'}`}>
        {missing.length ? `${done} of ${CHECKLIST.length} done` : 'Checklist complete'}
      </p>
      <ul>
        {CHECKLIST.map(({ item, label }) => {
          const state = itemState(session.checklist, item);
          const inputId = `${id}-${item}`;
          return (
            <li key={item} className={`today-checklist-item is-${state.kind}`}>
              <input
                type="checkbox"
                id={inputId}
                checked={state.kind !== 'open'}
                disabled={busy}
                // Unticking an overridden item clears the override too.
                onChange={(e) => onChange(item, { done: e.target.checked })}
              />
              <label htmlFor={inputId}>{label}</label>
              {state.kind === 'overridden' ? (
                <span className="today-override-note">
                  <span className="today-override-tag">Overridden</span> {state.reason}
                </span>
              ) : null}
              {state.kind === 'open' ? (
                <button
                  type="button"
                  className="link-button today-override-button"
                  disabled={busy}
                  aria-label={`Override ${label.toLowerCase()}`}
                  onClick={() =>
                    askReason({
                      title: `Override “${label}”`,
                      lead: `${who}: the IV may then be placed without this check. Say why, so the chart shows it.`,
                      label: 'Reason for the override',
                      confirm: 'Override',
                      required: true,
                      missing: 'Say why this check is overridden.',
                      onConfirm: (reason) => onChange(item, { done: false, override: reason }),
                    })
                  }
                >
                  Override…
                </button>
              ) : null}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}
