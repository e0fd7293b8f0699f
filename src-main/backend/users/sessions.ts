/**
 * Signed-in sessions of this computer, in memory: a restart signs everyone out. A session is
 * a random token the window sends with each call (never stored on disk by the backend).
 * Locking keeps the session (and the window's unsaved work) but answers nothing until the
 * same person's password unlocks it.
 */
import { randomBytes } from 'node:crypto';

export interface Session {
  token: string;
  userId: string;
  startedAt: number;
  locked: boolean;
}

export class SessionStore {
  private readonly byToken = new Map<string, Session>();

  create(userId: string, now: number): Session {
    const s: Session = { token: randomBytes(32).toString('base64url'), userId, startedAt: now, locked: false };
    this.byToken.set(s.token, s);
    return s;
  }

  get(token: string | null | undefined): Session | null {
    if (!token) return null;
    return this.byToken.get(token) ?? null;
  }

  end(token: string): void {
    this.byToken.delete(token);
  }

  /** A user disabled (here or on another computer): every session of theirs ends at once. */
  endForUser(userId: string): void {
    for (const [t, s] of this.byToken) if (s.userId === userId) this.byToken.delete(t);
  }

  all(): Session[] {
    return [...this.byToken.values()];
  }
}
