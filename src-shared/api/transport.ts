/**
 * What travels between the renderer and the backend, whichever the transport: the preload
 * bridge (Electron) or HTTP + WebSocket on 127.0.0.1 (`npm run web`).
 */
import type { EventTopic } from './contract';
import type { ApiErrorShape } from './errors';

export type InvokeResult = { ok: true; result: unknown } | { ok: false; error: ApiErrorShape };

export interface BackendEvent {
  topic: EventTopic;
  payload: unknown;
}

/** The object the preload exposes as `window.desk`; nothing else crosses the bridge. */
export interface DeskBridge {
  /** `session`: the token from signing in (auth.signIn / auth.setup); none before that. */
  invoke(method: string, input: unknown, session?: string | null): Promise<InvokeResult>;
  /**
   * Several calls in one message, answered in order, one result each (as invoke would give).
   * One request or IPC message instead of one per call (over HTTP the browser's six connections
   * and each request's own cost), and the answers reach the page together, so a screen opening
   * with ten calls is drawn once. Optional: a bridge without it gets its calls one by one.
   */
  invokeBatch?(calls: readonly { method: string; input: unknown }[], session?: string | null): Promise<InvokeResult[]>;
  subscribe(topic: string, listener: (payload: unknown) => void): () => void;
}

/** HTTP transport: POST this path with `{ method, input }` and the token header. */
export const HTTP_INVOKE_PATH = '/api/invoke';
/** POST `{ calls: [{ method, input }, ...] }` (1 to MAX_BATCH_CALLS): `{ ok: true, results: InvokeResult[] }`. */
export const HTTP_INVOKE_BATCH_PATH = '/api/invoke-batch';
export const MAX_BATCH_CALLS = 32;
export const HTTP_EVENTS_PATH = '/api/events';
export const HTTP_TOKEN_HEADER = 'x-desk-token';
/** The sign-in session of the calling window (see auth.signIn). */
export const HTTP_SESSION_HEADER = 'x-desk-session';
/** Electron IPC channel names. */
export const IPC_INVOKE_CHANNEL = 'desk:invoke';
export const IPC_EVENT_CHANNEL = 'desk:event';
/** `(calls: { method, input }[], session)`: InvokeResult[], one per call, in order. */
export const IPC_INVOKE_BATCH_CHANNEL = 'desk:invoke-batch';
