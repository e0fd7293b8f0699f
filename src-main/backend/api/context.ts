import type { EventTopic, MethodName, MethodOutput, ParsedInput } from '../../../src-shared/api/contract';
import type { UserRole } from '../../../src-shared/api/permissions';
import type { WriteContext } from '../db/mutate';
import type { Session, SessionStore } from '../users/sessions';

export interface ActingUser {
  id: string;
  displayName: string;
  role: UserRole;
}

/**
 * What every handler gets. Handlers read nothing global: the database, the clock, the
 * acting user and the event emitter all come from here, so tests can build one by hand.
 */
export interface HandlerContext extends WriteContext {
  /** The signed-in person (for calls open before sign-in: NOBODY, with userId null). */
  user: ActingUser;
  userId: string | null;
  /** The caller's sign-in, when there is one (null for in-process scripts and open calls). */
  session: Session | null;
  /** This computer's sign-ins: sign-in, lock and sign-out handlers change them. */
  sessions: SessionStore;
  emit(topic: EventTopic, payload: unknown): void;
  transport: 'ipc' | 'http';
  /** The app's data folder: the database and the files it keeps (generated documents). */
  dataDir: string;
}

/** Who an open call (sign-in, first-run set-up) acts as before anyone has signed in. */
export const NOBODY: ActingUser = { id: '00000000-0000-0000-0000-000000000000', displayName: 'Not signed in', role: 'viewer' };

export type Handler<M extends MethodName> = (
  input: ParsedInput<M>,
  ctx: HandlerContext,
) => MethodOutput<M> | Promise<MethodOutput<M>>;

export type HandlerTable = { [M in MethodName]: Handler<M> };
export type PartialHandlers = Partial<HandlerTable>;

/**
 * Merge each domain's handlers into one table. A name registered twice is a programming
 * error caught at start-up, not a silent override.
 */
export function mergeHandlers(...parts: PartialHandlers[]): PartialHandlers {
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [name, fn] of Object.entries(part)) {
      if (name in out) throw new Error(`API method ${name} is registered twice`);
      out[name] = fn;
    }
  }
  return out as PartialHandlers;
}
