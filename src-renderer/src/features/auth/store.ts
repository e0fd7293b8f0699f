/**
 * Who is signed in at this window, and whether the screen is locked. The gate (AuthGate)
 * shows the first-run set-up, the sign-in screen or the app from this; the app's calls
 * report a lost sign-in or a lock through api.onSignInNeeded, which refreshes it.
 *
 * Switching user: "Switch user" locks this window and opens the lock's "Sign in as someone
 * else". The person who was signed in keeps their session, locked, until someone else signs in
 * here: then theirs ends (the API client signs it out) and the window reloads on the new
 * person's first screen, so nothing the first person had open or half-typed is shown to the
 * next. If the same person comes back instead, they unlock and find their work as they left it.
 */
import { create } from 'zustand';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import type { Permission } from '../../../../src-shared/api/permissions';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';

export type AuthStatus = MethodOutput<'auth.status'>;
export type SignedIn = NonNullable<AuthStatus['signedIn']>;

interface AuthState {
  status: AuthStatus | null;
  loadError: string | null;
  /** The lock overlay opens on "Sign in as someone else" (Switch user) rather than the password. */
  switching: boolean;
  refresh(): Promise<void>;
  /** After auth.signIn / auth.setup succeeded: the app opens (a different person: afresh). */
  signedIn(result: MethodOutput<'auth.signIn'>): void;
  signOut(): Promise<void>;
  lock(): Promise<void>;
  /** Lock and offer the sign-in for another person (a shared front-desk computer). */
  switchUser(): Promise<void>;
  setSwitching(on: boolean): void;
  /** The same person's password: the app comes back as they left it. Throws the backend's refusal. */
  unlock(password: string): Promise<void>;
  /** Locally marks the screen locked (a call was refused as LOCKED) before the status reloads. */
  markLocked(): void;
}

/**
 * Start the window afresh on the person's first screen: every screen's state and every cached
 * answer of the one before goes with the page. (Not under vitest/node, where there is no window.)
 */
function reloadAfresh(): void {
  if (typeof window === 'undefined') return;
  history.replaceState(null, '', window.location.pathname + window.location.search);
  window.location.reload();
}

/** The last person signed in at this page: another one signing in starts the page afresh. */
let lastUserId: string | null = null;

export const useAuthStore = create<AuthState>((set, get) => ({
  status: null,
  loadError: null,
  switching: false,
  async refresh() {
    try {
      const status = await api.call('auth.status', {});
      if (status.signedIn) lastUserId = status.signedIn.user.id;
      set({ status, loadError: null });
    } catch (err) {
      set({ loadError: errorText(err) });
    }
  },
  signedIn(result) {
    const prev = get().status;
    if (lastUserId && lastUserId !== result.user.id) {
      // Someone else took over this window: nothing of the previous person's stays on screen.
      reloadAfresh();
      return;
    }
    lastUserId = result.user.id;
    set({
      switching: false,
      status: {
        setupNeeded: false,
        signedIn: { user: result.user, permissions: result.permissions, locked: false, mustChangePassword: result.mustChangePassword },
        idleLockMinutes: prev?.idleLockMinutes ?? 10,
        recentUsers: prev?.recentUsers ?? [],
      },
    });
    void get().refresh();
  },
  async signOut() {
    try {
      await api.call('auth.signOut', {});
    } catch {
      /* signed out here anyway: the window forgets the session */
    }
    reloadAfresh();
  },
  async lock() {
    get().markLocked();
    try {
      await api.call('auth.lock', {});
    } catch {
      /* locked locally anyway; the backend refuses calls once it knows */
    }
  },
  async switchUser() {
    set({ switching: true });
    await get().lock();
    void get().refresh();
  },
  setSwitching(on) {
    set({ switching: on });
  },
  async unlock(password) {
    await api.call('auth.unlock', { password });
    const s = get().status;
    if (s?.signedIn) set({ switching: false, status: { ...s, signedIn: { ...s.signedIn, locked: false } } });
    void get().refresh();
  },
  markLocked() {
    const s = get().status;
    if (s?.signedIn && !s.signedIn.locked) set({ status: { ...s, signedIn: { ...s.signedIn, locked: true } } });
  },
}));

/** Whether the signed-in person may do this (screens hide what the role cannot do). */
export function useCan(permission: Permission): boolean {
  return useAuthStore((s) => s.status?.signedIn?.permissions.includes(permission) ?? false);
}

export function can(permission: Permission): boolean {
  return useAuthStore.getState().status?.signedIn?.permissions.includes(permission) ?? false;
}

const NO_PERMISSIONS: readonly Permission[] = [];

/** What the signed-in person may do (empty when nobody is). */
export function useGranted(): readonly Permission[] {
  return useAuthStore((s) => s.status?.signedIn?.permissions ?? NO_PERMISSIONS);
}
