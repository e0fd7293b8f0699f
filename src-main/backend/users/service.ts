/**
 * Sign-in, the screen lock, and the administration of users and roles.
 *
 * Users and their password verifiers are synced rows, so a person can sign in on any of the
 * clinic's computers, also offline; failed attempts and the quick-switch list are this
 * computer's own. Before the first administrator exists the app opens on the set-up screen:
 * `auth.setup` turns the placeholder administrator every computer starts with into that person.
 */
import { and, asc, eq, isNull } from 'drizzle-orm';
import { ApiError } from '../../../src-shared/api/errors';
import {
  DEFAULT_ROLE_PERMISSIONS,
  PERMISSION_WORDS,
  PERMISSIONS,
  ROLE_WORDS,
  USER_ROLES,
  type UserRole,
} from '../../../src-shared/api/permissions';
import type { ActingUser, HandlerContext, PartialHandlers } from '../api/context';
import { insertDefaultRow, insertRow, updateRow, type WriteContext } from '../db/mutate';
import { preparedSql } from '../db/prepared';
import { stableId } from '../db/stable-id';
import { clinicSettings } from '../clinic/schema';
import {
  activeAdminCount,
  credentialOf,
  permissionsOf,
  roleGrants,
  setupNeeded,
  userById,
  usersByUsername,
  type UserRecord,
} from './accounts';
import { lockDurationMs, waitWords } from './lockout';
import { decoyVerifier, hashPassword, verifyPassword } from './password';
import { rolePermissions, userCredentials, users } from './schema';
import { openSetup } from '../setup/state';

/** Every computer starts with this placeholder administrator (no user name, no password). */
export function ensureLocalAdmin(w: WriteContext): ActingUser {
  const existing = w.db
    .select()
    .from(users)
    .where(and(eq(users.role, 'admin'), isNull(users.deletedAt)))
    .orderBy(asc(users.createdAt))
    .get();
  const row = existing ?? insertDefaultRow(w, users, 'local-admin', { displayName: 'Clinic administrator', role: 'admin' });
  return { id: row.id, displayName: row.displayName, role: row.role as UserRole };
}

/** Events the audit trail records; set by the audit module when it is wired in. */
export type AuthEventKind = 'signIn' | 'signInFailed' | 'signOut' | 'lock' | 'unlock' | 'userChanged';
export type AuthEventSink = (ctx: HandlerContext, event: { kind: AuthEventKind; userId: string | null; username?: string }) => void;
let authEventSink: AuthEventSink | null = null;
export function setAuthEventSink(sink: AuthEventSink | null): void {
  authEventSink = sink;
}
function authEvent(ctx: HandlerContext, event: { kind: AuthEventKind; userId: string | null; username?: string }): void {
  try {
    authEventSink?.(ctx, event);
  } catch {
    /* the audit trail reports its own failures; sign-in goes on */
  }
}

function idleLockMinutes(ctx: WriteContext): number {
  const r = preparedSql(ctx.sqlite, `SELECT idle_lock_minutes AS m FROM clinic_settings WHERE deleted_at IS NULL LIMIT 1`).get() as
    | { m: number }
    | undefined;
  return r?.m ?? 10;
}

function publicUser(u: UserRecord) {
  return { id: u.id, displayName: u.displayName, username: u.username ?? '', role: u.role };
}

function startSession(ctx: HandlerContext, u: UserRecord, mustChange: boolean) {
  const session = ctx.sessions.create(u.id, ctx.now());
  preparedSql(
    ctx.sqlite,
    `INSERT INTO device_sign_ins (user_id, last_at) VALUES (?, ?) ON CONFLICT(user_id) DO UPDATE SET last_at = excluded.last_at`,
  ).run(u.id, ctx.now());
  return { session: session.token, user: publicUser(u), permissions: permissionsOf(u.role, roleGrants(ctx.sqlite)), mustChangePassword: mustChange };
}

// ---- failed attempts (this computer) ----

function failuresOf(ctx: WriteContext, username: string): { failures: number; lockedUntil: number | null } {
  const r = preparedSql(ctx.sqlite, `SELECT failures, locked_until FROM sign_in_failures WHERE username = ?`).get(username) as
    | { failures: number; locked_until: number | null }
    | undefined;
  return { failures: r?.failures ?? 0, lockedUntil: r?.locked_until ?? null };
}

function lockedMessage(ms: number): string {
  return `Too many wrong passwords for this user name. Try again in ${waitWords(ms)}, or ask the clinic administrator to reset the password.`;
}

/** Refuses while the name is locked out; otherwise runs `check` and counts a failure. */
async function withLockout(ctx: HandlerContext, username: string, check: () => Promise<boolean>): Promise<boolean> {
  const now = ctx.now();
  const before = failuresOf(ctx, username);
  if (before.lockedUntil !== null && before.lockedUntil > now) throw new ApiError('FORBIDDEN', lockedMessage(before.lockedUntil - now));
  const ok = await check();
  if (ok) {
    preparedSql(ctx.sqlite, `DELETE FROM sign_in_failures WHERE username = ?`).run(username);
    return true;
  }
  const failures = before.failures + 1;
  const lock = lockDurationMs(failures);
  preparedSql(
    ctx.sqlite,
    `INSERT INTO sign_in_failures (username, failures, locked_until, last_failure_at) VALUES (?, ?, ?, ?)
     ON CONFLICT(username) DO UPDATE SET failures = excluded.failures, locked_until = excluded.locked_until, last_failure_at = excluded.last_failure_at`,
  ).run(username, failures, lock > 0 ? now + lock : null, now);
  if (lock > 0) throw new ApiError('FORBIDDEN', lockedMessage(lock));
  return false;
}

const WRONG = 'That user name and password do not match. Check both and try again.';

async function signIn(ctx: HandlerContext, username: string, password: string) {
  const candidates = usersByUsername(ctx.sqlite, username);
  let matched: { user: UserRecord; mustChange: boolean } | null = null;
  const ok = await withLockout(ctx, username, async () => {
    if (candidates.length === 0) {
      // Same time as a real check, so a stranger cannot tell which names exist.
      await verifyPassword(password, await decoyVerifier());
      return false;
    }
    for (const u of candidates) {
      const cred = credentialOf(ctx.sqlite, u.id);
      if (cred && (await verifyPassword(password, cred.passwordHash))) {
        matched = { user: u, mustChange: cred.mustChange };
        return true;
      }
    }
    return false;
  }).catch((err: unknown) => {
    authEvent(ctx, { kind: 'signInFailed', userId: candidates[0]?.id ?? null, username });
    throw err;
  });
  if (!ok || !matched) {
    authEvent(ctx, { kind: 'signInFailed', userId: candidates[0]?.id ?? null, username });
    throw new ApiError('UNAUTHENTICATED', WRONG, { field: 'password' });
  }
  const m = matched as { user: UserRecord; mustChange: boolean };
  if (m.user.disabled) {
    authEvent(ctx, { kind: 'signInFailed', userId: m.user.id, username });
    throw new ApiError('FORBIDDEN', 'This account is switched off. Ask the clinic administrator.');
  }
  const result = startSession(ctx, m.user, m.mustChange);
  authEvent({ ...ctx, user: m.user, userId: m.user.id }, { kind: 'signIn', userId: m.user.id, username });
  return result;
}

function asUser(ctx: HandlerContext, u: ActingUser): HandlerContext {
  return { ...ctx, user: u, userId: u.id };
}

function requireUser(ctx: HandlerContext, id: string): UserRecord {
  const u = userById(ctx.sqlite, id);
  if (!u) throw ApiError.notFound('This user');
  return u;
}

function checkUsernameFree(ctx: HandlerContext, username: string, exceptId?: string): void {
  if (usersByUsername(ctx.sqlite, username).some((u) => u.id !== exceptId)) {
    throw ApiError.validation('username', `The user name “${username}” is taken. Choose another.`);
  }
}

function checkNotLastAdmin(ctx: HandlerContext, target: UserRecord, next: { role?: UserRole; disabled?: boolean }): void {
  const losesAdmin = target.role === 'admin' && !target.disabled && ((next.role && next.role !== 'admin') || next.disabled === true);
  if (losesAdmin && activeAdminCount(ctx.sqlite) <= 1) {
    throw new ApiError('CONFLICT', 'This is the clinic’s only administrator who can sign in. Make someone else an administrator first.');
  }
}

async function setPassword(ctx: HandlerContext, userId: string, password: string, mustChange: boolean): Promise<void> {
  const passwordHash = await hashPassword(password);
  const existing = ctx.db.select().from(userCredentials).where(eq(userCredentials.id, userId)).get();
  if (existing) {
    updateRow(ctx, userCredentials, userId, { passwordHash, mustChange }, { what: 'This password' });
  } else {
    insertRow(ctx, userCredentials, { id: userId, passwordHash, mustChange });
  }
}

function refuseSameAsName(username: string, password: string): void {
  if (password.toLowerCase().includes(username.toLowerCase())) {
    throw ApiError.validation('password', 'The password must not contain the user name.');
  }
}

export const authHandlers: PartialHandlers = {
  'auth.status': (_input, ctx) => {
    const u = ctx.session ? userById(ctx.sqlite, ctx.session.userId) : null;
    const recent = preparedSql(
      ctx.sqlite,
      `SELECT u.username, u.display_name FROM device_sign_ins d JOIN users u ON u.id = d.user_id
        WHERE u.deleted_at IS NULL AND u.disabled = 0 AND u.username IS NOT NULL ORDER BY d.last_at DESC LIMIT 8`,
    ).all() as { username: string; display_name: string }[];
    return {
      setupNeeded: setupNeeded(ctx.sqlite),
      signedIn:
        u && ctx.session
          ? {
              user: publicUser(u),
              permissions: permissionsOf(u.role, roleGrants(ctx.sqlite)),
              locked: ctx.session.locked,
              mustChangePassword: credentialOf(ctx.sqlite, u.id)?.mustChange ?? false,
            }
          : null,
      idleLockMinutes: idleLockMinutes(ctx),
      recentUsers: recent.map((r) => ({ username: r.username, displayName: r.display_name })),
    };
  },

  'auth.setup': async (input, ctx) => {
    if (!setupNeeded(ctx.sqlite)) {
      throw new ApiError('CONFLICT', 'This clinic already has an administrator. Sign in, or ask them to create your account.');
    }
    refuseSameAsName(input.username, input.password);
    checkUsernameFree(ctx, input.username);
    const placeholder = ensureLocalAdmin(ctx);
    const w = asUser(ctx, placeholder);
    const passwordHash = await hashPassword(input.password);
    ctx.sqlite.transaction(() => {
      // Checked again inside the transaction: two windows finishing set-up at once make one admin.
      if (!setupNeeded(ctx.sqlite)) throw new ApiError('CONFLICT', 'This clinic already has an administrator.');
      updateRow(w, users, placeholder.id, { displayName: input.displayName, username: input.username, disabled: false }, { what: 'The administrator' });
      const existing = ctx.db.select().from(userCredentials).where(eq(userCredentials.id, placeholder.id)).get();
      if (existing) updateRow(w, userCredentials, placeholder.id, { passwordHash, mustChange: false }, { what: 'This password' });
      else insertRow(w, userCredentials, { id: placeholder.id, passwordHash, mustChange: false });
    })();
    const u = requireUser(ctx, placeholder.id);
    // A clinic begins on this computer: offer its first-run setup (a joined computer never gets here).
    openSetup(ctx.sqlite);
    authEvent(asUser(ctx, u), { kind: 'signIn', userId: u.id, username: input.username });
    return startSession(ctx, u, false);
  },

  'auth.signIn': (input, ctx) => signIn(ctx, input.username, input.password),

  'auth.signOut': (_input, ctx) => {
    if (ctx.session) {
      authEvent(ctx, { kind: 'signOut', userId: ctx.session.userId });
      ctx.sessions.end(ctx.session.token);
    }
    return { ok: true as const };
  },

  'auth.lock': (_input, ctx) => {
    if (ctx.session && !ctx.session.locked) {
      ctx.session.locked = true;
      authEvent(ctx, { kind: 'lock', userId: ctx.session.userId });
    }
    return { ok: true as const };
  },

  'auth.unlock': async (input, ctx) => {
    const session = ctx.session;
    if (!session) throw new ApiError('UNAUTHENTICATED', 'Sign in to continue.');
    const u = requireUser(ctx, session.userId);
    const ok = await withLockout(ctx, u.username ?? u.id, async () => {
      const cred = credentialOf(ctx.sqlite, u.id);
      return !!cred && (await verifyPassword(input.password, cred.passwordHash));
    });
    if (!ok) {
      authEvent(ctx, { kind: 'signInFailed', userId: u.id, username: u.username ?? '' });
      throw new ApiError('UNAUTHENTICATED', 'That is not your password. Try again, or sign in as someone else.', { field: 'password' });
    }
    session.locked = false;
    authEvent(ctx, { kind: 'unlock', userId: u.id });
    return { ok: true as const };
  },

  'auth.changePassword': async (input, ctx) => {
    const u = requireUser(ctx, ctx.user.id);
    const cred = credentialOf(ctx.sqlite, u.id);
    if (!cred || !(await verifyPassword(input.currentPassword, cred.passwordHash))) {
      throw ApiError.validation('currentPassword', 'Your current password is not right.');
    }
    if (input.newPassword === input.currentPassword) throw ApiError.validation('newPassword', 'Choose a password different from the current one.');
    refuseSameAsName(u.username ?? '', input.newPassword);
    await setPassword(ctx, u.id, input.newPassword, false);
    return { ok: true as const };
  },

  'users.list': (input, ctx) => {
    const rows = ctx.db.select().from(users).where(isNull(users.deletedAt)).orderBy(asc(users.displayName)).all();
    return rows
      .filter((r) => input.includeDisabled || !r.disabled)
      .map((r) => {
        const cred = credentialOf(ctx.sqlite, r.id);
        return {
          id: r.id,
          displayName: r.displayName,
          username: r.username,
          role: (USER_ROLES as readonly string[]).includes(r.role) ? r.role : ('viewer' as UserRole),
          disabled: r.disabled,
          hasPassword: !!cred,
          mustChangePassword: cred?.mustChange ?? false,
          version: r.version,
        };
      });
  },

  'users.create': async (input, ctx) => {
    checkUsernameFree(ctx, input.username);
    refuseSameAsName(input.username, input.password);
    const passwordHash = await hashPassword(input.password);
    const id = ctx.sqlite.transaction(() => {
      checkUsernameFree(ctx, input.username);
      const row = insertRow(ctx, users, { displayName: input.displayName, username: input.username, role: input.role, disabled: false });
      insertRow(ctx, userCredentials, { id: row.id, passwordHash, mustChange: true });
      return row.id;
    })();
    authEvent(ctx, { kind: 'userChanged', userId: id, username: input.username });
    return { id };
  },

  'users.update': (input, ctx) => {
    const target = requireUser(ctx, input.id);
    const patch: { displayName?: string; role?: UserRole; disabled?: boolean } = {};
    if (input.displayName !== undefined) patch.displayName = input.displayName;
    if (input.role !== undefined) patch.role = input.role;
    if (input.disabled !== undefined) patch.disabled = input.disabled;
    if (target.id === ctx.user.id && (patch.disabled === true || (patch.role && patch.role !== 'admin' && target.role === 'admin'))) {
      throw new ApiError('CONFLICT', 'You cannot switch off or demote your own account. Ask another administrator.');
    }
    const row = ctx.sqlite.transaction(() => {
      checkNotLastAdmin(ctx, target, patch);
      return updateRow(ctx, users, input.id, patch, { what: 'This user', expectedVersion: input.expectedVersion });
    })();
    if (row.disabled) ctx.sessions.endForUser(row.id);
    authEvent(ctx, { kind: 'userChanged', userId: row.id, username: row.username ?? '' });
    return { id: row.id, version: row.version };
  },

  'users.resetPassword': async (input, ctx) => {
    const target = requireUser(ctx, input.id);
    if (!target.username) throw ApiError.validation('id', 'This user has no user name yet.');
    refuseSameAsName(target.username, input.password);
    await setPassword(ctx, target.id, input.password, target.id !== ctx.user.id);
    // A reset ends the person's sign-ins and clears the lockout, so they can use the new one.
    if (target.id !== ctx.user.id) ctx.sessions.endForUser(target.id);
    preparedSql(ctx.sqlite, `DELETE FROM sign_in_failures WHERE username = ?`).run(target.username);
    authEvent(ctx, { kind: 'userChanged', userId: target.id, username: target.username });
    return { ok: true as const };
  },

  'roles.list': (_input, ctx) => {
    const grants = roleGrants(ctx.sqlite);
    return {
      permissions: PERMISSIONS.map((id) => ({ id, words: PERMISSION_WORDS[id] })),
      roles: USER_ROLES.map((role) => {
        const permissions = permissionsOf(role, grants);
        const defaults = role === 'admin' ? [...PERMISSIONS] : [...DEFAULT_ROLE_PERMISSIONS[role]];
        return {
          role,
          name: ROLE_WORDS[role].name,
          who: ROLE_WORDS[role].who,
          permissions,
          editable: role !== 'admin',
          changedFromDefault: permissions.length !== defaults.length || permissions.some((p) => !defaults.includes(p)),
        };
      }),
    };
  },

  'roles.update': (input, ctx) => {
    if (input.role === 'admin') {
      throw ApiError.validation('role', 'The administrator role always keeps every permission, so the clinic cannot lock itself out.');
    }
    const permissions = PERMISSIONS.filter((p) => input.permissions.includes(p));
    const id = stableId('role', input.role);
    ctx.sqlite.transaction(() => {
      const existing = ctx.db.select().from(rolePermissions).where(eq(rolePermissions.id, id)).get();
      if (existing && !existing.deletedAt) updateRow(ctx, rolePermissions, id, { permissions }, { what: 'This role' });
      else if (!existing) insertRow(ctx, rolePermissions, { id, role: input.role, permissions });
      else throw new ApiError('CONFLICT', 'This role’s permissions were removed on another computer. Reload and try again.');
    })();
    return { ok: true as const };
  },

  'auth.settings.update': (input, ctx) => {
    const row = ctx.db.select().from(clinicSettings).where(isNull(clinicSettings.deletedAt)).get();
    if (!row) throw ApiError.notFound('The clinic settings');
    updateRow(ctx, clinicSettings, row.id, { idleLockMinutes: input.idleLockMinutes }, { what: 'The clinic settings' });
    return { idleLockMinutes: input.idleLockMinutes };
  },
};
