/**
 * One prior authorization request (#/authorizations/<id>): who and what it is for, where it
 * stands and what is due, in words; what it asks for (editable while a draft); the next steps
 * offered as buttons, each opening the fields it needs; and its history. Keyboard first: every
 * action is a button in reading order, a step form takes the cursor, and after a step the cursor
 * goes back to the status line so the next step is one Tab away.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuthorizationDetail } from '../../../../src-shared/api/schemas/authorization-request';
import type { AuthorizationEvent } from '../../../../src-shared/api/schemas/authorization-lifecycle';
import type { Authorization, AuthStatus } from '../../../../src-shared/api/schemas/series';
import { allowedNextStatuses, AUTH_STATUS_WORDS } from '../../../../src-shared/domain/authorizations/lifecycle';
import { formatCalendarDate, todayInZone } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { paths } from '../../app/router';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { errorText } from '../../lib/errors';
import { dualTime } from '../../lib/zoned-time';
import { usePatientsStore } from '../patients/store';
import { useClinicTimeZone } from '../clinic/store';
import { deadlineLines } from './deadline-words';
import { SessionsGlance, StatusBadge } from './Glance';
import { coversText } from './labels';
import { GROUP_LABELS, RequestForm, ROUTE_LABELS } from './RequestForm';
import { STEP_VERBS, StepForm } from './StepForm';
import { ReadinessSection } from './ReadinessSection';
import { PackageSection } from './PackageSection';
import { LettersSection } from './LettersSection';
import { PasSection } from './PasSection';
import './authorizations.css';

const EDITABLE: readonly AuthStatus[] = ['draft', 'ready'];

export function RequestPage({ id }: { id: string }) {
  const zone = useClinicTimeZone();
  const today = todayInZone(zone);
  const [auth, setAuth] = useState<AuthorizationDetail | null>(null);
  const [history, setHistory] = useState<AuthorizationEvent[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const [step, setStep] = useState<AuthStatus | null>(null);
  const [flash, showFlash] = useFlash();
  const statusRef = useRef<HTMLDivElement>(null);

  const load = useCallback(async () => {
    try {
      const [a, h] = await Promise.all([api.call('authorizations.get', { id }), api.call('authorizations.history', { id })]);
      setAuth(a);
      setHistory(h);
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [id]);

  useEffect(() => {
    void load();
    const offs = (['schedule.changed', 'patients.changed', 'clinic.changed'] as const).map((t) => api.subscribe(t, () => void load()));
    return () => offs.forEach((off) => off());
  }, [load]);

  if (error && !auth) {
    return (
      <section className="screen">
        <div className="form-alert" role="alert">
          <p>This authorization could not be opened. {error}</p>
          <a className="button" href="#/authorizations">
            Back to Authorizations
          </a>
        </div>
      </section>
    );
  }
  if (!auth) return <p className="muted">Loading the authorization…</p>;

  const deadlines = deadlineLines(auth, today, zone);
  const next = allowedNextStatuses(auth.status).filter((s) => s !== 'needs_review');
  const afterStep = (saved: Authorization | null) => {
    setStep(null);
    if (saved) {
      // The new state in the words of the status badge ("Recorded: now Approved"), not the button's verb.
      showFlash(saved.status === auth.status ? 'Saved' : `Recorded: now ${AUTH_STATUS_WORDS[saved.status]}`);
      void load();
      statusRef.current?.focus();
    }
  };

  return (
    <section className="screen request-page" aria-labelledby="request-heading">
      <p className="breadcrumb">
        <a href="#/authorizations">Authorizations</a> › <a href={paths.patient(auth.patientId)}>{auth.patientName}</a>
      </p>
      <header className="request-header panel">
        <div className="request-title">
          <h1 id="request-heading">
            {auth.patientName} · {auth.payerName ?? 'Payer not chosen'}
          </h1>
          <div className="request-facts">
            <span>
              MRN <span className="mono">{auth.patientMrn}</span>
            </span>
            <span>
              Member ID <span className="mono">{auth.memberId ?? '—'}</span>
            </span>
            {auth.groupNumber ? (
              <span>
                Group <span className="mono">{auth.groupNumber}</span>
              </span>
            ) : null}
            {auth.authNumber ? (
              <span>
                Authorization <span className="mono">#{auth.authNumber}</span>
              </span>
            ) : null}
            {auth.referenceNumber ? (
              <span>
                Reference <span className="mono">{auth.referenceNumber}</span>
              </span>
            ) : null}
          </div>
        </div>
        <div className="request-status" ref={statusRef} tabIndex={-1} data-testid="request-status">
          <StatusBadge status={auth.status} />
          {auth.expedited ? <span className="badge badge-warning">Expedited</span> : null}
          <Flash message={flash} />
        </div>
        {deadlines.length ? (
          <ul className="deadline-list" aria-label="Deadlines">
            {deadlines.map((d) => (
              <li key={d.key} className={`deadline deadline-${d.tone}`}>
                <span className="deadline-label">{d.label}</span> <strong>{d.date}</strong> · <span className="deadline-left">{d.left}</span>
              </li>
            ))}
          </ul>
        ) : null}
        {auth.status === 'denied' || auth.denialReason ? (
          <p className="denial-line">
            <strong>Denied{auth.denialDate ? ` ${formatCalendarDate(auth.denialDate)}` : ''}:</strong> {auth.denialReason ?? 'reason not recorded'}
            {auth.denialCode ? ` (code ${auth.denialCode})` : ''}
            {auth.denialPolicy ? ` · policy ${auth.denialPolicy}` : ''}
          </p>
        ) : null}
        {auth.status === 'approved' || auth.status === 'partially_approved' ? (
          <div className="approval-line">
            <span>Covers {coversText(auth) ?? '—'}</span> <SessionsGlance auth={auth} />
          </div>
        ) : null}
      </header>

      <section className="panel" aria-labelledby="next-heading">
        <h2 id="next-heading">Next step</h2>
        {next.length === 0 ? (
          <p className="muted">Nothing follows this status. Start a new request from the patient’s chart.</p>
        ) : (
          <div className="step-buttons" role="group" aria-label="Next steps">
            {next.map((s) => (
              <button
                key={s}
                type="button"
                className={`button${s === next[0] ? ' button-primary' : ''}${s === 'cancelled' ? ' button-quiet' : ''}`}
                aria-pressed={step === s}
                onClick={() => setStep(step === s ? null : s)}
              >
                {STEP_VERBS[s] ?? s}
              </button>
            ))}
          </div>
        )}
        {step ? <StepForm key={step} auth={auth} to={step} timeZone={zone} onDone={afterStep} /> : null}
      </section>

      <section className="panel" aria-labelledby="request-fields-heading">
        <div className="panel-heading">
          <h2 id="request-fields-heading">The request</h2>
          {EDITABLE.includes(auth.status) && !editing ? (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              Edit request
            </button>
          ) : null}
        </div>
        {editing ? (
          <RequestEditor
            auth={auth}
            onDone={(saved) => {
              setEditing(false);
              if (saved) {
                showFlash('Request saved');
                void load();
              }
            }}
          />
        ) : (
          <RequestSummary auth={auth} />
        )}
        {!EDITABLE.includes(auth.status) ? <p className="field-hint">Sent to the payer: what it asked for is kept as sent.</p> : null}
      </section>

      <ReadinessSection auth={auth} onChanged={() => void load()} />
      <PackageSection auth={auth} onChanged={() => void load()} />
      <LettersSection auth={auth} onChanged={() => void load()} />
      <PasSection auth={auth} onChanged={() => void load()} />

      <section className="panel" aria-labelledby="history-heading">
        <h2 id="history-heading">History</h2>
        {!history ? (
          <p className="muted">Loading…</p>
        ) : history.length === 0 ? (
          <p className="muted">No steps recorded yet: created as a draft.</p>
        ) : (
          <ol className="auth-history">
            {history.map((e) => {
              const t = dualTime(e.at, zone, { withDate: true });
              return (
                <li key={e.id}>
                  <strong>{e.text}</strong>
                  <span className="muted">
                    {' '}
                    · {t.clinic}
                    {t.viewer ? ` (your time ${t.viewer})` : ''} · {e.byName ?? 'Unknown'}
                  </span>
                  {e.referenceNumber ? <div className="small">Reference {e.referenceNumber}</div> : null}
                  {e.note ? <div className="small preserve-lines">{e.note}</div> : null}
                </li>
              );
            })}
          </ol>
        )}
      </section>
    </section>
  );
}

/** The request's fields in words. */
function RequestSummary({ auth }: { auth: AuthorizationDetail }) {
  const asked =
    auth.requestedStartDate || auth.requestedEndDate
      ? `${auth.requestedStartDate ? formatCalendarDate(auth.requestedStartDate) : '?'} – ${auth.requestedEndDate ? formatCalendarDate(auth.requestedEndDate) : '?'}`
      : null;
  return (
    <dl className="detail-list detail-grid request-summary">
      <div className="detail-item">
        <dt>Diagnosis</dt>
        <dd>{auth.diagnosisGroup ? GROUP_LABELS[auth.diagnosisGroup] : <span className="muted">Not chosen</span>}</dd>
      </div>
      <div className="detail-item">
        <dt>Series</dt>
        <dd>{auth.templateName ?? <span className="muted">No template</span>}</dd>
      </div>
      <div className="detail-item">
        <dt>Dates of service</dt>
        <dd>{asked ?? <span className="muted">Not entered</span>}</dd>
      </div>
      <div className="detail-item">
        <dt>Sessions asked for</dt>
        <dd>{auth.requestedSessions ?? <span className="muted">Not entered</span>}</dd>
      </div>
      <div className="detail-item">
        <dt>Service lines</dt>
        <dd>
          {auth.serviceLines?.length ? (
            <ul className="plain-list">
              {auth.serviceLines.map((l, i) => (
                <li key={i}>
                  <span className="mono">{l.code}</span> ({l.system}) × {l.unitsPerSession} per session{l.description ? ` · ${l.description}` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <span className="muted">No codes yet</span>
          )}
        </dd>
      </div>
      <div className="detail-item">
        <dt>Ordering provider</dt>
        <dd>
          {auth.orderingProviderName ? (
            <>
              {auth.orderingProviderName} · NPI {auth.orderingProviderNpi ? <span className="mono">{auth.orderingProviderNpi}</span> : <span className="muted">not recorded</span>}
            </>
          ) : (
            <span className="muted">Not chosen</span>
          )}
        </dd>
      </div>
      <div className="detail-item">
        <dt>Sent by</dt>
        <dd>{auth.submissionRoute ? ROUTE_LABELS[auth.submissionRoute] : <span className="muted">Not decided</span>}</dd>
      </div>
      <div className="detail-item">
        <dt>Expedited</dt>
        <dd>{auth.expedited ? 'Yes' : 'No'}</dd>
      </div>
    </dl>
  );
}

/** The request form with the patient's coverages (read from the chart's store). */
function RequestEditor({ auth, onDone }: { auth: AuthorizationDetail; onDone: (saved: Authorization | null) => void }) {
  const entry = usePatientsStore((s) => s.details[auth.patientId]);
  useEffect(() => {
    void usePatientsStore.getState().loadPatient(auth.patientId);
  }, [auth.patientId]);
  if (!entry?.patient) return <p className="muted">Loading the patient’s coverage…</p>;
  return <RequestForm patientId={auth.patientId} coverages={entry.patient.coverages} auth={auth} onDone={onDone} />;
}
