import { z } from 'zod';
import { method, expectedVersion } from '../method';
import { PERMISSIONS, USER_ROLES } from '../permissions';
import { emptyInput, idSchema, requiredText } from '../schemas/common';

/** Passwords: long enough to resist guessing (NIST SP 800-63B asks at least 8; we ask 10). */
export const PASSWORD_MIN = 10;
export const passwordSchema = z
  .string({ error: 'Enter a password.' })
  .min(PASSWORD_MIN, { error: `A password needs at least ${PASSWORD_MIN} characters.` })
  .max(200, { error: 'A password can be at most 200 characters.' });

export const usernameSchema = z
  .string({ error: 'Enter a user name.' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9][a-z0-9._-]{1,31}$/, {
    error: 'A user name is 2 to 32 letters, digits, dots, dashes or underscores, starting with a letter or digit.',
  });

const signedInUser = z.object({
  id: idSchema,
  displayName: z.string(),
  username: z.string(),
  role: z.enum(USER_ROLES),
});

const signInResult = z.object({
  /** Sent with every later call; kept by the window for this sign-in only. */
  session: z.string(),
  user: signedInUser,
  permissions: z.array(z.enum(PERMISSIONS)),
  mustChangePassword: z.boolean(),
});

export const authMethods = {
  /** What the sign-in screen needs: first run or not, who is signed in here, the idle lock. */
  'auth.status': method({
    input: emptyInput,
    output: z.object({
      setupNeeded: z.boolean(),
      signedIn: z
        .object({ user: signedInUser, permissions: z.array(z.enum(PERMISSIONS)), locked: z.boolean(), mustChangePassword: z.boolean() })
        .nullable(),
      idleLockMinutes: z.number().int(),
      /** People who signed in on this computer before, for quick switching (names only). */
      recentUsers: z.array(z.object({ username: z.string(), displayName: z.string() })),
    }),
    permission: 'public',
    whileLocked: true,
    beforeSetup: true,
  }),
  /** First run: the first administrator (the clinic's set-up person). Refused once one exists. */
  'auth.setup': method({
    input: z.object({ displayName: requiredText('your name', 100), username: usernameSchema, password: passwordSchema }).strict(),
    output: signInResult,
    permission: 'public',
    beforeSetup: true,
    changes: 'users.changed',
  }),
  'auth.signIn': method({
    input: z.object({ username: usernameSchema, password: z.string().max(200) }).strict(),
    output: signInResult,
    permission: 'public',
  }),
  'auth.signOut': method({ input: emptyInput, output: z.object({ ok: z.literal(true) }), permission: 'public', whileLocked: true }),
  /** The screen locks itself after the clinic's idle time; calls then wait for the password. */
  'auth.lock': method({ input: emptyInput, output: z.object({ ok: z.literal(true) }), permission: 'signedIn', whileLocked: true }),
  'auth.unlock': method({
    input: z.object({ password: z.string().max(200) }).strict(),
    output: z.object({ ok: z.literal(true) }),
    permission: 'signedIn',
    whileLocked: true,
  }),
  'auth.changePassword': method({
    input: z.object({ currentPassword: z.string().max(200), newPassword: passwordSchema }).strict(),
    output: z.object({ ok: z.literal(true) }),
    permission: 'signedIn',
    changes: 'users.changed',
  }),
  'users.list': method({
    input: z.object({ includeDisabled: z.boolean().default(true) }).strict(),
    output: z.array(
      z.object({
        id: idSchema,
        displayName: z.string(),
        username: z.string().nullable(),
        role: z.enum(USER_ROLES),
        disabled: z.boolean(),
        hasPassword: z.boolean(),
        mustChangePassword: z.boolean(),
        version: z.number().int(),
      }),
    ),
    permission: 'users.manage',
  }),
  'users.create': method({
    input: z
      .object({
        displayName: requiredText('name', 100),
        username: usernameSchema,
        role: z.enum(USER_ROLES, { error: 'Choose a role.' }),
        /** A first password the person changes at their first sign-in. */
        password: passwordSchema,
      })
      .strict(),
    output: z.object({ id: idSchema }),
    permission: 'users.manage',
    changes: 'users.changed',
  }),
  'users.update': method({
    input: z
      .object({
        id: idSchema,
        displayName: requiredText('name', 100).optional(),
        role: z.enum(USER_ROLES, { error: 'Choose a role.' }).optional(),
        disabled: z.boolean().optional(),
        expectedVersion,
      })
      .strict(),
    output: z.object({ id: idSchema, version: z.number().int() }),
    permission: 'users.manage',
    changes: 'users.changed',
  }),
  /** An administrator sets a new password; the person must change it at the next sign-in. */
  'users.resetPassword': method({
    input: z.object({ id: idSchema, password: passwordSchema }).strict(),
    output: z.object({ ok: z.literal(true) }),
    permission: 'users.manage',
    changes: 'users.changed',
  }),
  /** What each role may do, in words, with the administrator's changes applied. */
  'roles.list': method({
    input: emptyInput,
    output: z.object({
      permissions: z.array(z.object({ id: z.enum(PERMISSIONS), words: z.string() })),
      roles: z.array(
        z.object({
          role: z.enum(USER_ROLES),
          name: z.string(),
          who: z.string(),
          permissions: z.array(z.enum(PERMISSIONS)),
          editable: z.boolean(),
          changedFromDefault: z.boolean(),
        }),
      ),
    }),
    permission: 'users.manage',
  }),
  'roles.update': method({
    input: z.object({ role: z.enum(USER_ROLES), permissions: z.array(z.enum(PERMISSIONS)) }).strict(),
    output: z.object({ ok: z.literal(true) }),
    permission: 'users.manage',
    changes: 'users.changed',
  }),
  'auth.settings.update': method({
    input: z
      .object({
        idleLockMinutes: z
          .number({ error: 'Enter the idle time in minutes.' })
          .int({ error: 'Enter whole minutes.' })
          .min(1, { error: 'The screen can lock after 1 minute at the soonest.' })
          .max(240, { error: 'The screen must lock within 240 minutes (4 hours) of no use.' }),
      })
      .strict(),
    output: z.object({ idleLockMinutes: z.number().int() }),
    permission: 'users.manage',
    changes: 'users.changed',
  }),
};
