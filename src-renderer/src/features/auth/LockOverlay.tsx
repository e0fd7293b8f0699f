/**
 * The locked screen: over the whole window, with the app still there underneath (blurred and
 * inert, so a half-filled form keeps what was typed). The person who is signed in unlocks
 * with their password; anyone else chooses "Sign in as someone else" (see store.ts for what
 * happens to the first person's session then).
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ROLE_WORDS } from '../../../../src-shared/api/permissions';
import { ApiError } from '../../../../src-shared/api/errors';
import { TextField } from '../../components/Field';
import { errorText } from '../../lib/errors';
import { SignInForm, type RecentUser } from './SignInForm';
import { useAuthStore, type SignedIn } from './store';

export function LockOverlay({ signedIn, recent }: { signedIn: SignedIn; recent: RecentUser[] }) {
  const switching = useAuthStore((s) => s.switching);
  const setSwitching = useAuthStore((s) => s.setSwitching);
  const name = signedIn.user.displayName;
  const role = ROLE_WORDS[signedIn.user.role].name;
  const cardRef = useRef<HTMLDivElement>(null);

  // Whatever had focus in the app underneath is inert now: bring focus into the dialog.
  useEffect(() => {
    const card = cardRef.current;
    if (card && !card.contains(document.activeElement)) card.querySelector<HTMLInputElement>('input')?.focus();
  }, [switching]);

  return (
    <div className="lock-backdrop">
      <div
        ref={cardRef}
        className="auth-card lock-card"
        role="dialog"
        aria-modal="true"
        aria-labelledby="lock-title"
        aria-describedby="lock-lead"
      >
        <p className="auth-brand">Infusion Desk</p>
        {switching ? (
          <>
            <h1 id="lock-title">Sign in as someone else</h1>
            <p id="lock-lead" className="auth-intro">
              {name}’s screen stays locked until you sign in. Then {name} is signed out on this computer, and anything they had not saved is
              closed without being shown to you.
            </p>
            <SignInForm recent={recent.filter((r) => r.username !== signedIn.user.username)} idPrefix="lock-switch">
              <button type="button" className="button button-quiet" onClick={() => setSwitching(false)}>
                Back to unlocking as {name}
              </button>
            </SignInForm>
          </>
        ) : (
          <>
            <h1 id="lock-title">Screen locked</h1>
            <p id="lock-lead" className="auth-intro">
              <span className="lock-who">
                {name} <span className="lock-role">· {role}</span>
              </span>
              Locked. Everything that was open is kept just as it was left.
            </p>
            <UnlockForm name={name} />
            <p className="lock-switch">
              Not {name}?{' '}
              <button type="button" className="link-button" onClick={() => setSwitching(true)}>
                Sign in as someone else
              </button>
            </p>
          </>
        )}
      </div>
    </div>
  );
}

function UnlockForm({ name }: { name: string }) {
  const unlock = useAuthStore((s) => s.unlock);
  const refresh = useAuthStore((s) => s.refresh);
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await unlock(password);
    } catch (err) {
      // A wrong password, or the lockout after too many: the backend's words, beside the field.
      setError(errorText(err));
      setPassword('');
      inputRef.current?.focus();
      // No sign-in to unlock any more (the app restarted): the gate shows the sign-in.
      if (err instanceof ApiError && err.code === 'UNAUTHENTICATED' && !err.field) void refresh();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Unlock">
      <TextField
        id="lock-password"
        label={`${name}’s password`}
        type="password"
        value={password}
        onChange={(v) => {
          setPassword(v);
        }}
        autoComplete="current-password"
        autoFocus
        inputRef={inputRef}
        error={error}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Unlocking…' : 'Unlock'}
        </button>
      </div>
    </form>
  );
}
