/**
 * The renderer's typed API client. Screens call `api.call('patients.search', { q })` and get
 * the method's typed output, or an ApiError with plain words (and the field at fault).
 * The transport is chosen once: the preload bridge inside Electron, HTTP + WebSocket to
 * 127.0.0.1 in a browser (`npm run web`). Screens do not know which.
 */
import type { MethodInput, MethodName, MethodOutput, EventTopic } from '../../../src-shared/api/contract';
import { ApiError, type ApiErrorShape } from '../../../src-shared/api/errors';
import type { DeskBridge, InvokeResult } from '../../../src-shared/api/transport';
import { HTTP_EVENTS_PATH, HTTP_INVOKE_BATCH_PATH, HTTP_INVOKE_PATH, HTTP_SESSION_HEADER, HTTP_TOKEN_HEADER, MAX_BATCH_CALLS } from '../../../src-shared/api/transport';

declare global {
  interface Window {
    desk?: DeskBridge;
  }
}

const TOKEN_KEY = 'desk.token';

/** The web server prints a URL with `#token=...`; keep it for this tab and drop it from the address bar. */
function takeWebToken(): string | null {
  const m = /(?:^|[#&])token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (m) {
    sessionStorage.setItem(TOKEN_KEY, m[1]!);
    const rest = window.location.hash.replace(/(?:^#|&)token=[A-Za-z0-9_-]+/, '').replace(/^#?&/, '#');
    history.replaceState(null, '', window.location.pathname + window.location.search + (rest === '#' ? '' : rest));
  }
  return sessionStorage.getItem(TOKEN_KEY);
}

function httpBridge(): DeskBridge {
  const token = takeWebToken() ?? '';
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let socket: WebSocket | null = null;
  let retry = 500;
  let wasConnected = false;

  const connect = () => {
    const proto = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    socket = new WebSocket(`${proto}//${window.location.host}${HTTP_EVENTS_PATH}?token=${encodeURIComponent(token)}`);
    socket.onmessage = (msg) => {
      try {
        const ev = JSON.parse(String(msg.data)) as { topic: string; payload: unknown };
        listeners.get(ev.topic)?.forEach((l) => l(ev.payload));
      } catch {
        /* ignore malformed frames */
      }
    };
    socket.onopen = () => {
      retry = 500;
      // Events sent while the socket was down are lost: tell every listener to refetch.
      if (wasConnected) listeners.forEach((set) => set.forEach((l) => l({ reconnected: true })));
      wasConnected = true;
    };
    socket.onclose = () => {
      socket = null;
      // Reconnect with backoff: the server may be restarting.
      setTimeout(connect, retry);
      retry = Math.min(retry * 2, 10_000);
    };
  };

  const unreachable: InvokeResult = {
    ok: false,
    error: { code: 'INTERNAL', message: 'The app could not reach its backend. Check that it is still running.' },
  };
  const post = async (path: string, body: unknown, session: string | null | undefined): Promise<unknown> => {
    const headers: Record<string, string> = { 'content-type': 'application/json', [HTTP_TOKEN_HEADER]: token };
    if (session) headers[HTTP_SESSION_HEADER] = session;
    const res = await fetch(path, { method: 'POST', headers, body: JSON.stringify(body) });
    return res.json();
  };

  return {
    async invoke(method, input, session) {
      try {
        return (await post(HTTP_INVOKE_PATH, { method, input }, session)) as InvokeResult;
      } catch {
        return unreachable;
      }
    },
    async invokeBatch(calls, session) {
      let answer: { ok?: unknown; results?: unknown; error?: ApiErrorShape };
      try {
        answer = (await post(HTTP_INVOKE_BATCH_PATH, { calls }, session)) as typeof answer;
      } catch {
        return calls.map(() => unreachable);
      }
      if (answer.ok === true && Array.isArray(answer.results) && answer.results.length === calls.length) return answer.results as InvokeResult[];
      const refused: InvokeResult = answer.ok === false && answer.error ? { ok: false, error: answer.error } : unreachable;
      return calls.map(() => refused);
    },
    subscribe(topic, listener) {
      if (!socket) connect();
      let set = listeners.get(topic);
      if (!set) listeners.set(topic, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  subscribe(topic: EventTopic, listener: (payload: unknown) => void): () => void;
  /** Told when a call is refused because nobody is signed in here any more, or the screen is locked. */
  onSignInNeeded(listener: (why: 'UNAUTHENTICATED' | 'LOCKED') => void): () => void;
  /** Whether this window's sign-in is locked (as far as the window knows). */
  readonly locked: boolean;
  readonly transport: 'ipc' | 'http';
}

/**
 * The window's sign-in: the session token from auth.signIn / auth.setup, kept for this tab
 * (sessionStorage, so a reload keeps it and closing the window ends it) and sent with every call.
 */
const SESSION_KEY = 'desk.session';
function readSession(): string | null {
  try {
    return sessionStorage.getItem(SESSION_KEY);
  } catch {
    return null;
  }
}
function writeSession(token: string | null): void {
  try {
    if (token) sessionStorage.setItem(SESSION_KEY, token);
    else sessionStorage.removeItem(SESSION_KEY);
  } catch {
    /* storage unavailable: the token lives in memory only */
  }
}

/** Methods that answer while the screen is locked (auth.status, auth.unlock, auth.signOut, ...). */
const answersWhileLocked = (method: string) => method.startsWith('auth.');
const lockedError = () => new ApiError('LOCKED', 'The screen is locked. Enter your password to go on.');

/**
 * The window holds one sign-in. While it is locked, calls other than auth.* are refused here
 * without asking the backend (a screen's polling would only be refused there), and once the
 * same person unlocks (or signs in again) every subscriber is told to re-read, as after a lost
 * connection, so nothing stays stale or in an error state. Signing in ends the sign-in the
 * window held before (a switch of user leaves no session behind in the backend).
 */
export function createClient(bridge: DeskBridge, transport: 'ipc' | 'http'): ApiClient {
  let session = readSession();
  const send = batcher(bridge);
  let locked = false;
  const signInListeners = new Set<(why: 'UNAUTHENTICATED' | 'LOCKED') => void>();
  const subscribers = new Set<{ listener: (payload: unknown) => void }>();
  const nudgeSubscribers = () => [...subscribers].forEach((s) => s.listener({ reconnected: true }));
  return {
    transport,
    get locked() {
      return locked;
    },
    async call(method, input) {
      if (locked && !answersWhileLocked(method)) throw lockedError();
      if (method === 'auth.lock') locked = true;
      const r = answersWhileLocked(method) ? await bridge.invoke(method, input, session) : await send(method, input, session);
      if (!r.ok) {
        if (r.error.code === 'LOCKED' && !answersWhileLocked(method)) locked = true;
        if ((r.error.code === 'UNAUTHENTICATED' || r.error.code === 'LOCKED') && !answersWhileLocked(method)) {
          signInListeners.forEach((l) => l(r.error.code as 'UNAUTHENTICATED' | 'LOCKED'));
        }
        throw ApiError.fromShape(r.error);
      }
      if (method === 'auth.signIn' || method === 'auth.setup') {
        const previous = session;
        session = (r.result as { session: string }).session;
        writeSession(session);
        // Awaited: the window may reload right after (another person), which would cut it off.
        if (previous && previous !== session) await bridge.invoke('auth.signOut', {}, previous).catch(() => undefined);
        if (locked) {
          locked = false;
          nudgeSubscribers();
        }
      } else if (method === 'auth.signOut') {
        session = null;
        locked = false;
        writeSession(null);
      } else if (method === 'auth.unlock') {
        locked = false;
        nudgeSubscribers();
      } else if (method === 'auth.status') {
        const signedIn = (r.result as { signedIn: { locked: boolean } | null }).signedIn;
        const wasLocked = locked;
        locked = signedIn?.locked ?? false;
        if (wasLocked && !locked) nudgeSubscribers();
      }
      return r.result as never;
    },
    subscribe(topic, listener) {
      const entry = { listener };
      subscribers.add(entry);
      const off = bridge.subscribe(topic, listener);
      return () => {
        subscribers.delete(entry);
        off();
      };
    },
    onSignInNeeded(listener) {
      signInListeners.add(listener);
      return () => signInListeners.delete(listener);
    },
  };
}

/**
 * Calls made in one tick (a screen's effects as it opens: a chart sends ten) go to the backend
 * as one batch when the bridge can (HTTP and Electron's preload both can): one request or IPC
 * message instead of ten, and their answers land in one task, so React draws the screen once
 * rather than once per answer. A call alone, or a bridge without invokeBatch, goes as before.
 * Calls with different sessions never share a batch. auth.* calls are sent alone by the caller
 * (they change the session).
 */
function batcher(bridge: DeskBridge): (method: string, input: unknown, session: string | null) => Promise<InvokeResult> {
  type Queued = { method: string; input: unknown; session: string | null; done: (r: InvokeResult) => void; fail: (err: unknown) => void };
  let queue: Queued[] = [];
  const flush = () => {
    const all = queue;
    queue = [];
    const bySession = new Map<string | null, Queued[]>();
    for (const q of all) bySession.set(q.session, [...(bySession.get(q.session) ?? []), q]);
    for (const [sess, group] of bySession) {
      for (let i = 0; i < group.length; i += MAX_BATCH_CALLS) {
        const part = group.slice(i, i + MAX_BATCH_CALLS);
        if (part.length === 1 || !bridge.invokeBatch) {
          for (const q of part) bridge.invoke(q.method, q.input, sess).then(q.done, q.fail);
          continue;
        }
        bridge.invokeBatch(part.map((q) => ({ method: q.method, input: q.input })), sess).then(
          (results) => part.forEach((q, k) => q.done(results[k]!)),
          (err: unknown) => part.forEach((q) => q.fail(err)),
        );
      }
    }
  };
  return (method, input, sess) =>
    new Promise<InvokeResult>((done, fail) => {
      if (queue.length === 0) queueMicrotask(flush);
      queue.push({ method, input, session: sess, done, fail });
    });
}

export const api: ApiClient =
  typeof window !== 'undefined' && window.desk ? createClient(window.desk, 'ipc') : createClient(httpBridge(), 'http');
