/**
 * Who is signed in at this window, and whether the screen is locked. The gate (AuthGate)
 * shows the first-run set-up, the sign-in screen or the app from this; the app's calls
 * report a lost sign-in or a lock through api.onSignInNeeded, which refreshes it.
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
  refresh(): Promise<void>;
  /** After auth.signIn / auth.setup succeeded: the app opens. */
  signedIn(result: MethodOutput<'auth.signIn'>): void;
  signOut(): Promise<void>;
  lock(): Promise<void>;
  /** Locally marks the screen locked (a call was refused as LOCKED) before the status reloads. */
  markLocked(): void;
}

export const useAuthStore = create<AuthState>((set, get) => ({
  status: null,
  loadError: null,
  async refresh() {
    try {
      set({ status: await api.call('auth.status', {}), loadError: null });
    } catch (err) {
      set({ loadError: errorText(err) });
    }
  },
  signedIn(result) {
    const prev = get().status;
    set({
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
    } finally {
      await get().refresh();
    }
  },
  async lock() {
    get().markLocked();
    try {
      await api.call('auth.lock', {});
    } catch {
      /* locked locally anyway; the backend refuses calls once it knows */
    }
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
