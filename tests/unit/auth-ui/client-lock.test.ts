/**
 * The API client and the lock: while locked it refuses calls itself (no refusal flood at the
 * backend), after an unlock every subscriber re-reads, and signing in ends the window's
 * previous sign-in.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DeskBridge, InvokeResult } from '../../../src-shared/api/transport';

type Call = { method: string; session: string | null | undefined };

function fakeBridge(answer: (method: string, session: string | null | undefined) => InvokeResult) {
  const calls: Call[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const bridge: DeskBridge = {
    invoke(method, _input, session) {
      calls.push({ method, session });
      return Promise.resolve(answer(method, session));
    },
    subscribe(topic, listener) {
      let set = listeners.get(topic);
      if (!set) listeners.set(topic, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  return { bridge, calls, emit: (topic: string, p: unknown) => listeners.get(topic)?.forEach((l) => l(p)) };
}

let createClient: typeof import('../../../src-renderer/src/api/client').createClient;

beforeAll(async () => {
  // The module makes its own client at import: give it a bridge so it needs no browser.
  (globalThis as { window?: unknown }).window = { desk: fakeBridge(() => ({ ok: true, result: null })).bridge };
  ({ createClient } = await import('../../../src-renderer/src/api/client'));
});

const ok = (result: unknown): InvokeResult => ({ ok: true, result });
const LOCKED: InvokeResult = { ok: false, error: { code: 'LOCKED', message: 'The screen is locked. Enter your password to go on.' } };

describe('the client while locked', () => {
  it('a LOCKED answer marks the window locked; later calls are refused here; unlock re-reads every subscriber', async () => {
    let lockedAtBackend = true;
    const f = fakeBridge((method) => {
      if (method === 'auth.unlock') {
        lockedAtBackend = false;
        return ok({ ok: true });
      }
      return lockedAtBackend && !method.startsWith('auth.') ? LOCKED : ok([]);
    });
    const client = createClient(f.bridge, 'ipc');
    const told: string[] = [];
    client.onSignInNeeded((why) => told.push(why));
    const nudged: unknown[] = [];
    client.subscribe('patients.changed', (p) => nudged.push(p));

    await expect(client.call('patients.search', { q: 'x' } as never)).rejects.toMatchObject({ code: 'LOCKED' });
    expect(client.locked).toBe(true);
    expect(told).toEqual(['LOCKED']);
    const before = f.calls.length;
    await expect(client.call('sync.status', {})).rejects.toMatchObject({ code: 'LOCKED' });
    expect(f.calls.length).toBe(before);
    // auth.* still go through (status, unlock).
    await client.call('auth.unlock', { password: 'right-password' });
    expect(client.locked).toBe(false);
    expect(nudged).toEqual([{ reconnected: true }]);
    await expect(client.call('patients.search', { q: 'x' } as never)).resolves.toEqual([]);
  });

  it('auth.lock locks at once; auth.status tells the truth after a reload', async () => {
    const f = fakeBridge((method) => (method === 'auth.status' ? ok({ signedIn: { locked: true } }) : ok({ ok: true })));
    const client = createClient(f.bridge, 'ipc');
    await client.call('auth.lock', {});
    expect(client.locked).toBe(true);
    const fresh = createClient(f.bridge, 'ipc');
    expect(fresh.locked).toBe(false);
    await fresh.call('auth.status', {});
    expect(fresh.locked).toBe(true);
  });

  it('an unsubscribed listener is not nudged', async () => {
    const f = fakeBridge((method) => (method.startsWith('auth.') ? ok({ ok: true }) : LOCKED));
    const client = createClient(f.bridge, 'ipc');
    const got: unknown[] = [];
    const listener = (p: unknown) => got.push(p);
    const off1 = client.subscribe('patients.changed', listener);
    client.subscribe('schedule.changed', listener);
    off1();
    await client.call('auth.lock', {});
    await client.call('auth.unlock', { password: 'x' });
    expect(got).toEqual([{ reconnected: true }]);
  });
});

describe('signing in at a window', () => {
  it('ends the sign-in the window held before', async () => {
    let n = 0;
    const f = fakeBridge((method) => (method === 'auth.signIn' ? ok({ session: `s${++n}` }) : ok({ ok: true })));
    const client = createClient(f.bridge, 'ipc');
    await client.call('auth.signIn', { username: 'ana', password: 'pw' });
    expect(f.calls.filter((c) => c.method === 'auth.signOut')).toEqual([]);
    await client.call('auth.signIn', { username: 'bo', password: 'pw' });
    expect(f.calls.filter((c) => c.method === 'auth.signOut')).toEqual([{ method: 'auth.signOut', session: 's1' }]);
    await client.call('clinic.read' as never, {} as never).catch(() => undefined);
    expect(f.calls.at(-1)?.session).toBe('s2');
  });
});

describe('calls sent together', () => {
  it('go as one batch when the bridge has one, answered in order; alone or without a batch, one by one', async () => {
    const { bridge, calls } = fakeBridge((method) => ok(`answer to ${method}`));
    const batches: { methods: string[]; session: string | null | undefined }[] = [];
    const batching: DeskBridge = {
      ...bridge,
      invokeBatch(list, session) {
        batches.push({ methods: list.map((c) => c.method), session });
        return Promise.resolve(list.map((c) => (c.method === 'series.listForPatient' ? { ok: false as const, error: { code: 'FORBIDDEN', message: 'Not for your role.' } } : ok(`answer to ${c.method}`))));
      },
    };
    const client = createClient(batching, 'http');
    const [a, b, c] = await Promise.allSettled([
      client.call('patients.get', { id: 'p1' }),
      client.call('series.listForPatient', { patientId: 'p1' }),
      client.call('intake.get', { patientId: 'p1' }),
    ]);
    expect(batches).toEqual([{ methods: ['patients.get', 'series.listForPatient', 'intake.get'], session: null }]);
    expect(a).toEqual({ status: 'fulfilled', value: 'answer to patients.get' });
    expect(b).toMatchObject({ status: 'rejected', reason: { code: 'FORBIDDEN', message: 'Not for your role.' } });
    expect(c).toEqual({ status: 'fulfilled', value: 'answer to intake.get' });
    // One call on its own tick goes alone.
    await client.call('patients.search', { q: 'x' });
    expect(calls.map((x) => x.method)).toEqual(['patients.search']);

    // A bridge without a batch gets the same calls one by one.
    const plain = fakeBridge((method) => ok(method));
    const ipc = createClient(plain.bridge, 'ipc');
    await Promise.all([ipc.call('patients.get', { id: 'p1' }), ipc.call('intake.get', { patientId: 'p1' })]);
    expect(plain.calls.map((x) => x.method)).toEqual(['patients.get', 'intake.get']);
  });
});
