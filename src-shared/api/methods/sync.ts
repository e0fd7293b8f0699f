import { z } from 'zod';
import { method } from '../method';
import { emptyInput, textCharacterProblem } from '../schemas/common';

/**
 * This device's link to the clinic server (the sync client runs in the backend). Status is
 * read by the always-visible sync indicator; the rest is Settings → Clinic server.
 */
export const syncStateSchema = z.enum([
  /** Not linked to a clinic server: this computer works on its own. */
  'off',
  /** Linked; talking to the server now (first contact, or after a wait). */
  'connecting',
  /** Linked and up to date (or catching up), live updates open. */
  'online',
  /** Linked but the server cannot be reached; work is kept and sent later. */
  'offline',
  /** The server refused this device (clock, app version, revoked): a person must act. */
  'error',
]);

export const syncErrorSchema = z.object({
  /** CLOCK_AHEAD, SCHEMA_TOO_OLD, REVOKED, UNAUTHORIZED, SERVER, NETWORK, ... */
  code: z.string(),
  /** In plain words, for the indicator and Settings. */
  message: z.string(),
  at: z.number().int(),
});

export const syncStatusSchema = z.object({
  state: syncStateSchema,
  serverUrl: z.string().nullable(),
  deviceName: z.string().nullable(),
  deviceId: z.string().nullable(),
  clinicName: z.string().nullable(),
  /** When this device last finished a push and a pull with nothing left (epoch ms). */
  lastSyncedAt: z.number().int().nullable(),
  /** Changes made here that the server has not yet acknowledged. */
  waiting: z.number().int(),
  /** The last error; cleared by the next successful exchange. */
  lastError: syncErrorSchema.nullable(),
  /** While a device catches up: changes received so far of those the server holds. */
  catchUp: z.object({ received: z.number().int(), total: z.number().int() }).nullable(),
  /** Conflicts found after merging other devices' work, waiting for a person. */
  openConflicts: z.number().int(),
  /**
   * Changes made here that the clinic server refused because the person who made them may
   * not (their role, a switched-off account); they stay on this computer only.
   */
  refused: z.object({ count: z.number().int(), reason: z.string(), at: z.number().int() }).nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;

export const syncDeviceSchema = z.object({
  id: z.string(),
  name: z.string(),
  enrolledAt: z.number().int(),
  lastSeenAt: z.number().int().nullable(),
  revokedAt: z.number().int().nullable(),
  thisDevice: z.boolean(),
});

export const conflictKindSchema = z.enum(['suite', 'patient', 'supervisor', 'closure', 'authorization', 'duplicate_patient']);

export const syncConflictSchema = z.object({
  id: z.string(),
  version: z.number().int(),
  kind: conflictKindSchema,
  /** What is wrong, in plain words. */
  summary: z.string(),
  status: z.enum(['open', 'resolved', 'dismissed']),
  startsAt: z.number().int().nullable(),
  detectedAt: z.number().int(),
  resolution: z.string().nullable(),
  resolvedBy: z.string().nullable(),
  resolvedAt: z.number().int().nullable(),
  /**
   * Each side: the session (patient · suite, who booked it and when) or the patient record.
   * Resolutions go through the normal methods (sessions.setStatus to cancel, the calendar to
   * move); the conflict closes itself when it no longer holds.
   */
  sides: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      detail: z.string(),
      madeBy: z.string().nullable(),
      /** The computer it was made on ("Front desk PC"), when known. */
      madeOn: z.string().nullable(),
      madeAt: z.number().int().nullable(),
      sessionId: z.string().nullable(),
      patientId: z.string().nullable(),
      version: z.number().int().nullable(),
      startsAt: z.number().int().optional(),
      endsAt: z.number().int().optional(),
    }),
  ),
});
export type SyncConflict = z.infer<typeof syncConflictSchema>;

const serverUrl = z
  .string({ error: 'Enter the clinic server address.' })
  .trim()
  .min(1, { error: 'Enter the clinic server address.' })
  .max(300, { error: 'That address is too long.' });

export const syncMethods = {
  /** Also before the first administrator exists: a new computer joining a clinic shows how its first sync goes. */
  'sync.status': method({ input: emptyInput, output: syncStatusSchema, permission: 'clinic.read', beforeSetup: true }),
  /** Enrol this device with a one-time code from the server's administrator, then start syncing. */
  'sync.connect': method({
    input: z.object({
      serverUrl,
      enrolCode: z
        .string({ error: 'Enter the enrolment code.' })
        .trim()
        .min(1, { error: 'Enter the enrolment code.' })
        .max(40, { error: 'That enrolment code is too long.' }),
      deviceName: z
        .string({ error: "Enter this computer's name." })
        .trim()
        .min(1, { error: "Enter this computer's name." })
        .max(80, { error: "This computer's name can be at most 80 characters.", abort: true })
        .superRefine((v, ctx) => {
          const problem = textCharacterProblem(v, "This computer's name", false);
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
      /** Allow plain http to a server that is not this computer (a lab set-up): the admin's explicit choice. */
      allowInsecure: z.boolean().default(false),
    }),
    output: syncStatusSchema,
    permission: 'settings.write',
    /**
     * Also on the first-run screen, before anyone can sign in here: a new computer joins a clinic
     * that already uses Infusion Desk, and its users (the administrator among them) come by sync.
     * This opens nothing new: before set-up, whoever is at the computer could create the
     * administrator (auth.setup) and connect it as them.
     */
    beforeSetup: true,
  }),
  /** Forget this device's link (its token); local data stays, changes not yet sent stay queued. */
  'sync.disconnect': method({ input: emptyInput, output: syncStatusSchema, permission: 'settings.write' }),
  /** Sync now instead of waiting for the next round (after an error is fixed). */
  'sync.now': method({ input: emptyInput, output: syncStatusSchema, permission: 'clinic.read' }),
  'sync.devices': method({
    input: emptyInput,
    output: z.object({ devices: z.array(syncDeviceSchema) }),
    permission: 'settings.write',
  }),
  'sync.revokeDevice': method({
    input: z.object({ deviceId: z.string().min(1).max(64) }),
    output: z.object({ devices: z.array(syncDeviceSchema) }),
    permission: 'settings.write',
  }),
  /** Conflicts found after merges: open ones first; closed ones too when asked. */
  'sync.conflicts': method({
    input: z.object({ includeClosed: z.boolean().default(false) }),
    output: z.object({ conflicts: z.array(syncConflictSchema) }),
    permission: 'schedule.read',
  }),
  /** "Keep both": a person decided the conflict needs no change (e.g. two different people). */
  'sync.dismissConflict': method({
    input: z.object({
      id: z.string().min(1).max(64),
      reason: z
        .string({ error: 'Say why nothing needs to change.' })
        .trim()
        .min(1, { error: 'Say why nothing needs to change.' })
        .max(500, { error: 'The reason can be at most 500 characters.' }),
      expectedVersion: z.number().int().min(0).optional(),
    }),
    output: z.object({ conflicts: z.array(syncConflictSchema) }),
    permission: 'schedule.write',
  }),
  'sync.createEnrolCode': method({
    input: emptyInput,
    output: z.object({ code: z.string(), expiresAt: z.number().int() }),
    permission: 'settings.write',
  }),
};
