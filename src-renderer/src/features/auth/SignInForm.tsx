/**
 * The sign-in form: the people who signed in on this computer before as one-press buttons
 * (names only), the user name and the password. Used by the sign-in screen and by the lock's
 * "Sign in as someone else".
 */
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api } from '../../api/client';
import { FormAlert, TextField } from '../../components/Field';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useAuthStore } from './store';

export interface RecentUser {
  username: string;
  displayName: string;
}

export function SignInForm({ recent, idPrefix, children }: { recent: RecentUser[]; idPrefix: string; children?: ReactNode }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const signedIn = useAuthStore((s) => s.signedIn);
  const passwordRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      signedIn(await api.call('auth.signIn', { username, password }));
    } catch (err) {
      setErrors(toFormErrors(err, { known: (f) => f === 'username' }));
      setPassword('');
      passwordRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {recent.length > 0 ? (
        <div className="auth-recent-block">
          <p className="auth-recent-caption" id={`${idPrefix}-recent-caption`}>
            Signed in on this computer before — choose your name:
          </p>
          <div className="auth-recent" role="group" aria-labelledby={`${idPrefix}-recent-caption`}>
            {recent.map((r) => (
              <button
                key={r.username}
                type="button"
                aria-pressed={username === r.username}
                className={`button button-small${username === r.username ? ' button-primary' : ''}`}
                onClick={() => {
                  setUsername(r.username);
                  passwordRef.current?.focus();
                }}
              >
                {r.displayName}
              </button>
            ))}
          </div>
        </div>
      ) : null}
      <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Sign in">
        <FormAlert message={errors.general} />
        <TextField
          id={`${idPrefix}-username`}
          label="User name"
          value={username}
          onChange={setUsername}
          autoComplete="username"
          autoFocus
          error={errors.fields.username}
        />
        <TextField
          id={`${idPrefix}-password`}
          label="Password"
          type="password"
          value={password}
          onChange={setPassword}
          autoComplete="current-password"
          inputRef={passwordRef}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </button>
          {children}
        </div>
      </form>
    </>
  );
}
