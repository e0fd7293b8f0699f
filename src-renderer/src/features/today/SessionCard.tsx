/**
 * One infusion session on the Today board: when, who, which infusion of the series, where it
 * is in the day's flow (a large coloured status), the time each step was reached, the
 * pre-session checklist, the one next action, and the history. Sized to be read from across
 * the room on a wall display.
 */
import { useId, useState } from 'react';
import { formatPhone } from '../../../../src-shared/domain/contact';
import { BoardCode } from '../board/BoardCode';
import { ChecklistPanel } from './ChecklistPanel';
import type { ReasonRequest } from './ReasonDialog';
import { SessionHistory } from './SessionHistory';
import { StepDialog, type StepRequest } from './StepDialog';
import {
  STATUS_LABEL,
  canLeaveFlow,
  clockText,
  isFinished,
  ivBlockedReason,
  nextStep,
  reachedTimes,
  recoveryNote,
  spanText,
  undoTo,
  type DaySession,
} from './session-flow';
import { useSessionsStore } from './store';
import './day-of.css';

interface Props {
  session: DaySession;
  timeZone: string;
  viewerZone: string;
  askReason: (request: ReasonRequest) => void;
}

export function SessionCard({ session, timeZone, viewerZone, askReason }: Props) {
  const id = useId();
  const busy = useSessionsStore((s) => s.busy[session.id] ?? false);
  const error = useSessionsStore((s) => s.errors[session.id] ?? null);
  const { setStatus, updateChecklist, dismissError, undoStatus } = useSessionsStore.getState();
  const [stepRequest, setStepRequest] = useState<StepRequest | null>(null);

  const surname = session.patientLastName;
  const who = `${surname} (${session.patientInitials})`;
  const span = spanText(session.startsAt, session.endsAt, timeZone, viewerZone);
  const step = nextStep(session.status);
  const blocked = step?.to === 'iv_placed' ? ivBlockedReason(session.status, session.checklist) : null;
  const times = reachedTimes(session.statusTimes);
  const [, seriesTotal] = session.position.split(' of ');
  const back = undoTo(session.status);
  const recovery = recoveryNote(session, timeZone, Date.now());
  const discharge = session.status === 'discharged' ? (session.discharge ?? null) : null;

  return (
    <article className={`today-card today-st-${session.status}${isFinished(session.status) ? ' is-finished' : ''}`} aria-labelledby={`${id}-who`} aria-busy={busy}>
      <div className="today-card-head">
        <div className="today-when">
          <time className="today-span" dateTime={new Date(session.startsAt).toISOString()}>
            {span.clinic}
          </time>
          {span.viewer ? <span className="viewer-time">Your time: {span.viewer}</span> : null}
        </div>
        <span className={`today-status today-st-${session.status}`} data-testid="session-status">
          {STATUS_LABEL[session.status]}
        </span>
      </div>

      <h3 className="today-patient" id={`${id}-who`}>
        <span className="today-initials" aria-hidden="true">
          {session.patientInitials}
        </span>
        <span className="visually-hidden">{session.patientInitials} </span>
        {surname}
      </h3>
      <p className="today-meta">
        <span className="today-position">
          Infusion {session.seq} of {seriesTotal ?? '?'}
        </span>
        {session.supervisorName ? <span> · {session.supervisorName}</span> : null}
        <BoardCode patientId={session.patientId} />
      </p>
      <p className="today-plan muted">
        Prep {clockText(session.startsAt, timeZone)} · Infusion {clockText(session.infusionStartsAt, timeZone)} · Recovery{' '}
        {clockText(session.recoveryStartsAt, timeZone)}
      </p>

      {times.length ? (
        <ol className="today-times" aria-label="Status times">
          {times.map((t) => (
            <li key={t.status} className={`today-st-${t.status}`}>
              <span className="today-time-label">{STATUS_LABEL[t.status]}</span>{' '}
              <time dateTime={new Date(t.at).toISOString()}>{clockText(t.at, timeZone)}</time>
            </li>
          ))}
        </ol>
      ) : null}
      {recovery ? (
        <p className={`today-recovery-note${recovery.ready ? ' is-ready' : ''}`} data-testid="recovery-note">
          {recovery.text}
        </p>
      ) : null}
      {discharge ? (
        <div className="today-discharge" data-testid="discharge">
          <p>
            <span className="today-time-label">Driver</span> {discharge.driverName} · {formatPhone(discharge.driverPhone)}
          </p>
          {discharge.earlyReason ? <p className="today-discharge-early">Discharged before the recovery minimum: {discharge.earlyReason}</p> : null}
        </div>
      ) : null}

      <ChecklistPanel
        session={session}
        busy={busy}
        who={who}
        askReason={askReason}
        onChange={(item, change) => void updateChecklist(session, item, change)}
      />

      {error ? (
        <div className="form-alert today-error" role="alert">
          <p>{error}</p>
          <button type="button" className="button button-small" onClick={() => dismissError(session.id)}>
            Dismiss
          </button>
        </div>
      ) : null}

      {step || canLeaveFlow(session.status) || back ? (
        <div className="today-actions">
          {step ? (
            <div className="today-next">
              <button
                type="button"
                className={`button button-primary today-next-button${blocked ? ' is-blocked' : ''}`}
                disabled={busy || blocked !== null}
                aria-describedby={blocked ? `${id}-blocked` : undefined}
                // Discharge asks for the driver first; the other steps are recorded now, in one press.
                onClick={() => (step.to === 'discharged' ? setStepRequest({ session, to: step.to, who }) : void setStatus(session, step.to))}
              >
                {step.to === 'discharged' ? `${step.label}…` : step.label}
              </button>
              {blocked ? (
                <p className="today-blocked" id={`${id}-blocked`}>
                  {blocked}
                </p>
              ) : null}
              {step.to !== 'discharged' && !blocked ? (
                <button
                  type="button"
                  className="link-button today-other-time"
                  disabled={busy}
                  aria-label={`${step.label} at another time`}
                  onClick={() => setStepRequest({ session, to: step.to, who })}
                >
                  At another time…
                </button>
              ) : null}
            </div>
          ) : null}
          {back ? (
            <div className="today-undo">
              <button
                type="button"
                className="button button-quiet button-small"
                disabled={busy}
                onClick={() =>
                  askReason({
                    title: `Undo “${STATUS_LABEL[session.status]}” for ${who}`,
                    lead: `The session goes back to ${STATUS_LABEL[back].toLowerCase()}. The step and this undo both stay in the history.`,
                    label: 'Why is the step undone?',
                    confirm: 'Undo step',
                    required: true,
                    missing: 'Say why the step is undone.',
                    onConfirm: (reason) => void undoStatus(session, reason),
                  })
                }
              >
                Undo “{STATUS_LABEL[session.status]}”…
              </button>
            </div>
          ) : null}
          {canLeaveFlow(session.status) ? (
            <div className="today-leave">
              <button
                type="button"
                className="button button-quiet button-small"
                disabled={busy}
                onClick={() =>
                  askReason({
                    title: `Mark ${who} as a no-show`,
                    lead: `The ${span.clinic} session did not take place because the patient did not come. This cannot be undone.`,
                    label: 'Note',
                    confirm: 'Mark no-show',
                    required: false,
                    danger: true,
                    onConfirm: (reason) => void setStatus(session, 'no_show', reason || undefined),
                  })
                }
              >
                No-show
              </button>
              <button
                type="button"
                className="button button-quiet button-small"
                disabled={busy}
                onClick={() =>
                  askReason({
                    title: `Cancel the session for ${who}`,
                    lead: `The ${span.clinic} session is cancelled; the rest of the series stays booked. This cannot be undone.`,
                    label: 'Why is it cancelled?',
                    confirm: 'Cancel session',
                    required: true,
                    missing: 'Say why the session is cancelled.',
                    danger: true,
                    onConfirm: (reason) => void setStatus(session, 'cancelled', reason),
                  })
                }
              >
                Cancel…
              </button>
            </div>
          ) : null}
        </div>
      ) : null}

      <SessionHistory sessionId={session.id} timeZone={timeZone} />
      <StepDialog request={stepRequest} timeZone={timeZone} onClose={() => setStepRequest(null)} />
    </article>
  );
}
