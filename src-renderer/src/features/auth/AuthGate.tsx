/**
 * Nothing of the clinic shows until someone signs in. On a new computer the first screen
 * creates the clinic's administrator; afterwards each person signs in as themselves.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { PASSWORD_MIN } from '../../../../src-shared/api/methods/auth';
import { api } from '../../api/client';
import { TextField } from '../../components/Field';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useAuthStore } from './store';

export function AuthGate({ children }: { children: ReactNode }) {
  const status = useAuthStore((s) => s.status);
  const loadError = useAuthStore((s) => s.loadError);
  const refresh = useAuthStore((s) => s.refresh);

  useEffect(() => {
    void refresh();
    return api.onSignInNeeded((why) => {
      if (why === 'LOCKED') useAuthStore.getState().markLocked();
      void useAuthStore.getState().refresh();
    });
  }, [refresh]);

  if (!status) {
    return (
      <div className="auth-page">
        <div className="auth-card" role={loadError ? 'alert' : 'status'}>
          {loadError ?? 'Opening the clinic…'}
        </div>
      </div>
    );
  }
  if (status.setupNeeded) return <FirstAdminSetup />;
  if (!status.signedIn) return <SignInScreen recent={status.recentUsers} />;
  return <>{children}</>;
}

function AuthFrame({ title, intro, children }: { title: string; intro?: ReactNode; children: ReactNode }) {
  return (
    <div className="auth-page">
      <main className="auth-card" aria-labelledby="auth-title">
        <p className="auth-brand">Infusion Desk</p>
        <h1 id="auth-title">{title}</h1>
        {intro ? <p className="auth-intro">{intro}</p> : null}
        {children}
      </main>
    </div>
  );
}

function SignInScreen({ recent }: { recent: { username: string; displayName: string }[] }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const signedIn = useAuthStore((s) => s.signedIn);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      signedIn(await api.call('auth.signIn', { username, password }));
    } catch (err) {
      setErrors(toFormErrors(err, { known: (f) => f === 'username' }));
      setPassword('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthFrame title="Sign in" intro="Sign in as yourself: what you read and change is recorded under your name.">
      {recent.length > 0 ? (
        <div className="auth-recent" role="group" aria-label="People who signed in here before">
          {recent.map((r) => (
            <button
              key={r.username}
              type="button"
              className={`button button-small${username === r.username ? ' button-primary' : ''}`}
              onClick={() => {
                setUsername(r.username);
                document.getElementById('signin-password')?.focus();
              }}
            >
              {r.displayName}
            </button>
          ))}
        </div>
      ) : null}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {errors.general ? (
          <p className="form-alert" role="alert">
            {errors.general}
          </p>
        ) : null}
        <TextField id="signin-username" label="User name" value={username} onChange={setUsername} autoComplete="username" autoFocus error={errors.fields.username} />
        <TextField id="signin-password" label="Password" type="password" value={password} onChange={setPassword} autoComplete="current-password" />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
        </div>
      </form>
    </AuthFrame>
  );
}

function FirstAdminSetup() {
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
    <AuthFrame
      title="Set up the clinic’s administrator"
      intro="This computer has no users yet. Create the administrator’s account: they add the other staff, each with their own sign-in and role."
    >
      <form className="form" onSubmit={(e) => void submit(e)} noValidate>
        {errors.general ? (
          <p className="form-alert" role="alert">
            {errors.general}
          </p>
        ) : null}
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
          hint={`At least ${PASSWORD_MIN} characters. A short sentence is easy to remember and hard to guess.`}
          error={errors.fields.password}
        />
        <TextField id="setup-confirm" label="Password again" type="password" value={confirm} onChange={setConfirm} required autoComplete="new-password" error={errors.fields.confirm} />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Creating…' : 'Create the administrator'}
          </button>
        </div>
      </form>
    </AuthFrame>
  );
}
