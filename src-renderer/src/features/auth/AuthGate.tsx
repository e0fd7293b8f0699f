/**
 * Nothing of the clinic shows until someone signs in. On a new computer the first screen
 * creates the clinic's administrator (or joins a clinic that has one); afterwards each person
 * signs in as themselves, chooses their own password if an administrator set it, and then
 * sees the app. A locked screen keeps the app mounted underneath the lock (blurred and inert),
 * so nothing typed is lost.
 */
import { useEffect, type ReactNode } from 'react';
import { api } from '../../api/client';
import { AuthFrame } from './AuthFrame';
import { ChangePasswordForm } from './ChangePassword';
import { FirstRun } from './FirstRun';
import { ACTIVITY_EVENTS, IdleTimer, locksWhenIdle } from './idle';
import { LockOverlay } from './LockOverlay';
import { SignInForm, type RecentUser } from './SignInForm';
import { useAuthStore, type SignedIn } from './store';

export function AuthGate({ children }: { children: ReactNode }) {
  const status = useAuthStore((s) => s.status);
  const loadError = useAuthStore((s) => s.loadError);
  const refresh = useAuthStore((s) => s.refresh);

  useEffect(() => {
    void refresh();
    const offSignIn = api.onSignInNeeded((why) => {
      if (why === 'LOCKED') useAuthStore.getState().markLocked();
      void useAuthStore.getState().refresh();
    });
    // Roles, this person's account or the idle time changed (here or on another computer).
    const offUsers = api.subscribe('users.changed', () => {
      if (useAuthStore.getState().status?.signedIn) void useAuthStore.getState().refresh();
    });
    return () => {
      offSignIn();
      offUsers();
    };
  }, [refresh]);

  if (!status) {
    return (
      <AuthFrame title={loadError ? 'The app could not start' : 'Opening the clinic…'}>
        <p role={loadError ? 'alert' : 'status'}>{loadError ?? 'One moment.'}</p>
      </AuthFrame>
    );
  }
  if (status.setupNeeded) return <FirstRun />;
  if (!status.signedIn) return <SignInScreen recent={status.recentUsers} />;
  if (status.signedIn.mustChangePassword) return <ChooseOwnPassword signedIn={status.signedIn} />;
  return (
    <SignedInApp signedIn={status.signedIn} idleLockMinutes={status.idleLockMinutes} recent={status.recentUsers}>
      {children}
    </SignedInApp>
  );
}

function SignInScreen({ recent }: { recent: RecentUser[] }) {
  return (
    <AuthFrame title="Sign in" intro={<p>Sign in as yourself: what you read and change is recorded under your name.</p>}>
      <SignInForm recent={recent} idPrefix="signin" />
    </AuthFrame>
  );
}

/** After an administrator set the password (a new account, a reset): the person's own first. */
function ChooseOwnPassword({ signedIn }: { signedIn: SignedIn }) {
  const refresh = useAuthStore((s) => s.refresh);
  const signOut = useAuthStore((s) => s.signOut);
  return (
    <AuthFrame
      title="Choose your own password"
      intro={
        <p>
          Welcome, {signedIn.user.displayName}. The password you signed in with was set by the clinic administrator. Before you start, choose
          one that only you know.
        </p>
      }
    >
      <ChangePasswordForm idPrefix="own-password" currentLabel="Password you were given" submitLabel="Save my password" onDone={() => void refresh()}>
        <button type="button" className="button button-quiet" onClick={() => void signOut()}>
          Sign out
        </button>
      </ChangePasswordForm>
    </AuthFrame>
  );
}

function SignedInApp({ signedIn, idleLockMinutes, recent, children }: { signedIn: SignedIn; idleLockMinutes: number; recent: RecentUser[]; children: ReactNode }) {
  const locked = signedIn.locked;
  useIdleLock(!locked && locksWhenIdle(signedIn.permissions) ? idleLockMinutes : null);
  return (
    <>
      {/* Keyed by the person: someone else signed in here never inherits the screens' state. */}
      <div key={signedIn.user.id} className={`auth-app${locked ? ' is-locked' : ''}`} inert={locked}>
        {children}
      </div>
      {locked ? <LockOverlay signedIn={signedIn} recent={recent} /> : null}
    </>
  );
}

/**
 * Locks the screen after `minutes` with no keyboard, mouse or touch input in the window (null:
 * never; see locksWhenIdle for the wall board).
 */
function useIdleLock(minutes: number | null): void {
  useEffect(() => {
    if (minutes === null) return;
    const timer = new IdleTimer(minutes * 60_000, () => void useAuthStore.getState().lock(), {
      now: () => Date.now(),
      setTimer: (fn, ms) => window.setTimeout(fn, ms),
      clearTimer: (h) => window.clearTimeout(h as number),
    });
    const onActivity = () => timer.activity();
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, onActivity, { capture: true, passive: true });
    return () => {
      timer.stop();
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, onActivity, { capture: true });
    };
  }, [minutes]);
}
