import { z } from 'zod';
import type { Access } from './permissions';

/** Topics the backend publishes after a successful write, so open screens refresh. */
export const EVENT_TOPICS = ['patients.changed', 'clinic.changed', 'intake.changed', 'schedule.changed', 'reminders.changed', 'outcomes.changed', 'records.changed', 'sync.changed', 'users.changed'] as const;
export type EventTopic = (typeof EVENT_TOPICS)[number];

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** The permission it needs, or 'public' (before sign-in) / 'signedIn' (anyone signed in). */
  permission: Access;
  /** Answered while the screen is locked (unlock, sign out, the lock state itself). */
  whileLocked?: boolean;
  /** Answered before the first administrator exists, so a new computer can join its clinic. */
  beforeSetup?: boolean;
  /** Topic published to subscribers after the method succeeds. */
  changes?: EventTopic;
}

export const method = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>) => spec;

/** Optimistic concurrency: the version the user saw; a save over a newer one is a CONFLICT. */
export const expectedVersion = z.number().int().min(0).optional();
