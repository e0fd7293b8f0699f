/**
 * The first screen on a computer nobody can sign in on yet. Two ways on: it is the clinic's
 * first computer (create the administrator, who then adds everyone else), or it joins a
 * clinic that already uses Infusion Desk (enrol it with the clinic server; the clinic's users
 * arrive by sync, and the sign-in appears once they have).
 */
import { useEffect, useState, type FormEvent } from 'react';
import { PASSWORD_MIN } from '../../../../src-shared/api/methods/auth';
import type { SyncStatus } from '../../../../src-shared/api/methods/sync';
import { api } from '../../api/client';
import { FormAlert, TextField } from '../../components/Field';
import { errorText, noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { EnrolForm } from '../settings/ClinicServerSection';
import { SyncProgress } from '../sync/SyncIndicator';
import { summarizeSync } from '../sync/sync-words';
import '../sync/sync.css';
import { AuthFrame } from './AuthFrame';
import { useAuthStore } from './store';

type Choice = 'new' | 'join';

/** How often the waiting screen asks whether the clinic's users have arrived. */
export const JOIN_POLL_MS = 1000;

export function FirstRun() {
  const [choice, setChoice] = useState<Choice>('new');
  const [sync, setSync] = useState<SyncStatus | null>(null);
  const [syncError, setSyncError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    let live = true;
    api.call('sync.status', {}).then(
      (s) => live && (setSync(s), setSyncError(null)),
      (err: unknown) => live && setSyncError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [reload]);

  // Enrolled already (the window was reloaded while the clinic downloaded): keep waiting.
  if (sync && sync.state !== 'off') return <WaitingForClinic first={sync} />;

  return (
    <AuthFrame
      wide
      title="Set up this computer"
      intro={<p>Nobody can sign in on this computer yet. Is it the clinic’s first computer, or does the clinic already use Infusion Desk?</p>}
    >
      <fieldset className="first-run-choice">
        <legend className="visually-hidden">How this computer starts</legend>
        <ChoiceCard
          value="new"
          chosen={choice}
          onChoose={setChoice}
          title="This is the clinic’s first computer"
          detail="Create the administrator’s account here; they add the other staff."
        />
        <ChoiceCard
          value="join"
          chosen={choice}
          onChoose={setChoice}
          title="This computer joins a clinic that already uses Infusion Desk"
          detail="Connect it to the clinic server; everyone keeps their own sign-in."
        />
      </fieldset>
      {choice === 'new' ? (
        <AdminSetup />
      ) : (
        <section aria-labelledby="join-heading" className="first-run-part">
          <h2 id="join-heading">Join your clinic</h2>
          {sync ? (
            <EnrolForm
              status={sync}
              onEnrolled={setSync}
              lead={
                <p className="sync-lead">
                  Ask the clinic administrator for the clinic server’s address and a one-time enrolment code. They make the code on the clinic
                  server, or on their own computer under Settings → Clinic server.
                </p>
              }
            />
          ) : syncError ? (
            <FormAlert message={`This computer’s link to a clinic server could not be read. ${syncError}`}>
              <button type="button" className="button" onClick={() => setReload((n) => n + 1)}>
                Try again
              </button>
            </FormAlert>
          ) : (
            <p className="muted">Reading this computer’s link to a clinic server…</p>
          )}
        </section>
      )}
    </AuthFrame>
  );
}

function ChoiceCard({
  value,
  chosen,
  onChoose,
  title,
  detail,
}: {
  value: Choice;
  chosen: Choice;
  onChoose: (c: Choice) => void;
  title: string;
  detail: string;
}) {
  const id = `first-run-${value}`;
  return (
    <div className={`choice-card${chosen === value ? ' is-chosen' : ''}`}>
      <input id={id} type="radio" name="first-run" value={value} checked={chosen === value} onChange={() => onChoose(value)} aria-describedby={`${id}-detail`} />
      <div className="choice-text">
        <label htmlFor={id} className="choice-title">
          {title}
        </label>
        <span className="choice-detail" id={`${id}-detail`}>
          {detail}
        </span>
      </div>
    </div>
  );
}

function AdminSetup() {
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const signedIn = useAuthStore((s) => s.signedIn);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (password !== confirm) {
      setErrors({ general: null, fields: { confirm: 'The two passwords are not the same.' } });
      return;
    }
    setBusy(true);
    try {
      signedIn(await api.call('auth.setup', { displayName, username, password }));
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="setup-heading" className="first-run-part">
      <h2 id="setup-heading">Set up the clinic’s administrator</h2>
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Create the administrator">
        <FormAlert message={errors.general} />
        <TextField id="setup-name" label="Your name" value={displayName} onChange={setDisplayName} required autoComplete="name" autoFocus error={errors.fields.displayName} />
        <TextField
          id="setup-username"
          label="User name"
          value={username}
          onChange={setUsername}
          required
          autoComplete="username"
          hint="What you type to sign in, e.g. maria.lopez"
          error={errors.fields.username}
        />
        <TextField
          id="setup-password"
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          required
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters, not containing the user name. A short sentence is easy to remember and hard to guess.`}
          error={errors.fields.password}
        />
        <TextField id="setup-confirm" label="Password again" type="password" value={confirm} onChange={setConfirm} required autoComplete="new-password" error={errors.fields.confirm} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create the administrator'}
          </button>
        </div>
      </form>
    </section>
  );
}

/** Enrolled: the clinic downloads; once its users are here, the sign-in screen takes over. */
function WaitingForClinic({ first }: { first: SyncStatus }) {
  const [status, setStatus] = useState<SyncStatus>(first);
  const [readAt, setReadAt] = useState(() => Date.now());
  const refreshAuth = useAuthStore((s) => s.refresh);

  useEffect(() => {
    let live = true;
    const poll = async () => {
      try {
        const [s, auth] = await Promise.all([api.call('sync.status', {}), api.call('auth.status', {})]);
        if (!live) return;
        setStatus(s);
        setReadAt(Date.now());
        // The administrator (and everyone else) arrived: the gate shows the sign-in.
        if (!auth.setupNeeded) void refreshAuth();
      } catch {
        /* asked again at the next turn */
      }
    };
    const timer = setInterval(() => void poll(), JOIN_POLL_MS);
    void poll();
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [refreshAuth]);

  const summary = summarizeSync(status, Intl.DateTimeFormat().resolvedOptions().timeZone, readAt);
  const clinic = status.clinicName ?? 'the clinic';
  return (
    <AuthFrame
      wide
      title="Waiting for the clinic’s users"
      intro={
        <p>
          This computer is enrolled with {clinic}. It is downloading the clinic’s users and records; the sign-in appears here as soon as the
          users have arrived. Then sign in with the user name and password you use on the clinic’s other computers.
        </p>
      }
    >
      <div className={`sync-status-box sync-tone-${summary.tone}`} data-sync-state={status.state} role="status">
        <span className="sync-symbol" aria-hidden="true">
          {summary.symbol}
        </span>
        <div className="sync-words">
          <p className="sync-headline">{summary.headline}</p>
          {summary.detail ? <p className="sync-detail">{summary.detail}</p> : null}
          {summary.progress ? <SyncProgress progress={summary.progress} label="Downloading the clinic" /> : null}
        </div>
      </div>
      {status.lastError ? (
        <p className="form-alert" role="alert">
          {status.lastError.message}
        </p>
      ) : null}
      <p className="field-hint">
        Taking long? The clinic’s first computer must have created its administrator and be connected to the same clinic server.
      </p>
    </AuthFrame>
  );
}
