import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startWebServer, type WebServer } from '../../../src-main/backend/http/web-server';
import { tempBackend, tempDir, validPatient, type TestBackend } from '../../support/temp-backend';

let b: TestBackend;
let server: WebServer;
afterEach(async () => {
  await server?.close();
  b?.dispose();
});

async function start() {
  b = tempBackend();
  const staticDir = tempDir('desk-static-');
  mkdirSync(join(staticDir, 'assets'));
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Infusion Desk</title>');
  writeFileSync(join(staticDir, 'assets', 'app.js'), 'console.log(1)');
  server = await startWebServer({ backend: b, staticDir, port: 0, token: 'test-token-123' });
}

/** Raw HTTP so the test controls the Host and Origin headers. */
function call(path: string, opts: { method?: string; headers?: Record<string, string>; body?: unknown } = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request(
      { host: '127.0.0.1', port: server.port, path, method: opts.method ?? 'GET', headers: { host: `127.0.0.1:${server.port}`, ...opts.headers } },
      (res) => {
        let data = '';
        res.on('data', (c) => (data += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data, headers: res.headers }));
      },
    );
    req.on('error', reject);
    if (opts.body !== undefined) req.write(JSON.stringify(opts.body));
    req.end();
  });
}

const invoke = (method: string, input: unknown, headers: Record<string, string> = { 'x-desk-token': 'test-token-123' }) =>
  call('/api/invoke', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: { method, input } });

describe('the web harness server', () => {
  it('listens on 127.0.0.1 and prints a URL carrying the token in the fragment', async () => {
    await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.openUrl).toBe(`${server.url}#token=test-token-123`);
  });

  it('answers API calls that carry the token, and refuses those that do not', async () => {
    await start();
    const ok = await invoke('patients.create', validPatient);
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({ ok: true, result: { lastName: 'Ramirez' } });
    const noToken = await invoke('patients.search', { q: '' }, {});
    expect(noToken.status).toBe(401);
    expect(JSON.parse(noToken.body).error.code).toBe('UNAUTHENTICATED');
    const wrong = await invoke('patients.search', { q: '' }, { 'x-desk-token': 'test-token-124' });
    expect(wrong.status).toBe(401);
  });

  it('answers a batch of calls in order, each as if sent alone, and refuses a malformed batch', async () => {
    await start();
    const batch = (body: unknown, headers: Record<string, string> = { 'x-desk-token': 'test-token-123' }) =>
      call('/api/invoke-batch', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
    const created = JSON.parse((await invoke('patients.create', validPatient)).body) as { result: { id: string } };
    const answer = await batch({
      calls: [
        { method: 'patients.get', input: { id: created.result.id } },
        { method: 'patients.create', input: { ...validPatient, dateOfBirth: '2999-01-01' } },
        { method: 'no.such.method', input: {} },
        { method: 'patients.search', input: { q: 'Ramirez' } },
      ],
    });
    expect(answer.status).toBe(200);
    const { ok, results } = JSON.parse(answer.body) as { ok: boolean; results: { ok: boolean; result?: unknown; error?: { code: string; field?: string } }[] };
    expect(ok).toBe(true);
    expect(results).toHaveLength(4);
    expect(results[0]).toMatchObject({ ok: true, result: { id: created.result.id, lastName: 'Ramirez' } });
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'VALIDATION', field: 'dateOfBirth' } });
    expect(results[2]).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(results[3]).toMatchObject({ ok: true, result: { items: [{ id: created.result.id }] } });
    // The refused create in the middle saved nothing.
    expect(b.store.sqlite.prepare('SELECT count(*) AS n FROM patients').get()).toEqual({ n: 1 });

    for (const bad of [{}, { calls: [] }, { calls: 'patients.search' }, { calls: Array.from({ length: 33 }, () => ({ method: 'patients.search', input: { q: '' } })) }]) {
      const refused = await batch(bad);
      expect(refused.status).toBe(400);
      expect(JSON.parse(refused.body)).toEqual({ ok: false, error: { code: 'VALIDATION', message: 'A batch is a list of 1 to 32 calls.' } });
    }
    expect((await batch({ calls: [{ method: 'patients.search', input: { q: '' } }] }, {})).status).toBe(401);
    expect((await batch({ calls: [{ method: 'patients.search', input: { q: '' } }] }, { 'x-desk-token': 'test-token-123', origin: 'https://evil.example' })).status).toBe(403);
  });

  it('refuses other hosts (DNS rebinding) and other origins', async () => {
    await start();
    expect((await call('/', { headers: { host: 'evil.example:80' } })).status).toBe(421);
    const cross = await invoke('patients.search', { q: '' }, { 'x-desk-token': 'test-token-123', origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
  });

  it('serves the app with a strict CSP, falls back to index.html and never leaves its folder', async () => {
    await start();
    const page = await call('/');
    expect(page.status).toBe(200);
    expect(String(page.headers['content-security-policy'])).toContain("script-src 'self'");
    expect((await call('/assets/app.js')).body).toBe('console.log(1)');
    expect((await call('/patients/123')).body).toContain('<title>Infusion Desk</title>');
    const traversal = await call('/..%2f..%2f..%2fetc%2fpasswd');
    expect(traversal.body).not.toContain('root:');
  });

  it('pushes change events over the WebSocket to holders of the token only', async () => {
    await start();
    const url = `ws://127.0.0.1:${server.port}/api/events`;
    await expect(
      new Promise((resolve, reject) => {
        const bad = new WebSocket(`${url}?token=nope`);
        bad.on('open', () => reject(new Error('opened without the token')));
        bad.on('error', resolve);
      }),
    ).resolves.toBeTruthy();
    const ws = new WebSocket(`${url}?token=test-token-123`);
    await new Promise((r) => ws.on('open', r));
    const got = new Promise<string>((r) => ws.on('message', (m) => r(String(m))));
    await invoke('patients.create', validPatient);
    expect(JSON.parse(await got)).toMatchObject({ topic: 'patients.changed' });
    ws.close();
  });
});
