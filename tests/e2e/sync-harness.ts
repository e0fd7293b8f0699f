/**
 * Processes for the sync e2e tests, as a clinic runs them: one `npm run server` and extra
 * `scripts/web.ts` computers, each on its own port and data folder, in their own process
 * groups so stopping one stops tsx's children too.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';
import { expect, invokeOn, signInThroughUi, test } from './fixtures';

export const ROOT = resolve(import.meta.dirname, '../..');
export const token = () => process.env.DESK_WEB_TOKEN!;

export function start(args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  // Its own process group, so stopping it stops tsx's children too.
  return spawn('npx', ['tsx', ...args], { cwd: ROOT, env: { ...process.env, ...env }, detached: true, stdio: 'ignore' });
}

/** The clinic server on a port, with its data in a folder. */
export function startServer(port: number, dataDir: string): ChildProcess {
  return start(['src-server/main.ts', '--port', String(port), '--data-dir', dataDir]);
}

/** Another computer: the built renderer and a backend of its own. */
export function startComputer(port: number, dataDir: string): ChildProcess {
  return start(['scripts/web.ts', '--no-build', '--port', String(port), '--data-dir', dataDir]);
}

export function stop(p: ChildProcess | undefined): Promise<void> {
  if (!p || p.exitCode !== null || p.pid === undefined) return Promise.resolve();
  return new Promise((done) => {
    p.once('exit', () => done());
    try {
      process.kill(-p.pid!, 'SIGKILL');
    } catch {
      done();
    }
  });
}

export async function waitFor(url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      const res = await fetch(url);
      if (res.status < 500) return;
    } catch {
      /* not up yet */
    }
    if (Date.now() > until) throw new Error(`${url} did not start`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** A one-time enrolment code from the server's own command line. */
export const enrolCode = (dataDir: string, admin = false) => {
  const out = execFileSync('npx', ['tsx', 'src-server/main.ts', 'enrol', '--data-dir', dataDir, ...(admin ? ['--admin'] : [])], { cwd: ROOT, encoding: 'utf8' });
  return /Enrolment code: (\S+)/.exec(out)![1]!;
};

/** Open a computer's app with the run's token, then a route. */
export async function open(page: Page, port: number, route = '') {
  await page.goto(`http://127.0.0.1:${port}/#token=${token()}`);
  await signInThroughUi(page);
  if (route) await page.goto(`http://127.0.0.1:${port}/#${route}`);
}

/** Settings → Clinic server → enrol, as the front desk does it; waits for the first sync. */
export async function enrol(page: Page, port: number, serverUrl: string, code: string, name: string) {
  await open(page, port, '/settings/server');
  const form = page.getByRole('form', { name: 'Enrol this computer' });
  await form.getByLabel('Server address').fill(serverUrl);
  await form.getByLabel('Enrolment code').fill(code);
  await form.getByLabel('This computer’s name').fill(name);
  await form.getByRole('button', { name: 'Enrol this computer' }).click();
  await expect(page.locator('.sync-indicator')).toContainText(/Synced|Connected/, { timeout: 15_000 });
}

/** One backend call on a given computer (over its POST /api/invoke with the run's token). */
export function invokeAt<M extends MethodName>(page: Page, port: number, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return invokeOn(page.request, `http://127.0.0.1:${port}`, method, input);
}

export interface TwoComputers {
  /** The server's data folder (its enrolment codes come from here). */
  readonly serverDir: string;
  readonly serverUrl: string;
  stopServer(): Promise<void>;
  /** Start the server again on the same port and data, and wait until it answers. */
  startServer(): Promise<void>;
}

/**
 * Registers, in the calling describe block, a clinic server and two computers (A and B) on
 * the given ports, started before its tests and stopped (folders removed) after.
 */
export function twoComputersAndServer(ports: { server: number; a: number; b: number }, prefix: string): TwoComputers {
  const dirs: string[] = [];
  const procs: Record<'server' | 'a' | 'b', ChildProcess | undefined> = { server: undefined, a: undefined, b: undefined };
  let serverDir = '';
  const health = `http://127.0.0.1:${ports.server}/v1/health`;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    serverDir = mkdtempSync(join(tmpdir(), `${prefix}-server-`));
    const dirA = mkdtempSync(join(tmpdir(), `${prefix}-a-`));
    const dirB = mkdtempSync(join(tmpdir(), `${prefix}-b-`));
    dirs.push(serverDir, dirA, dirB);
    procs.server = startServer(ports.server, serverDir);
    procs.a = startComputer(ports.a, dirA);
    procs.b = startComputer(ports.b, dirB);
    await Promise.all([waitFor(health), waitFor(`http://127.0.0.1:${ports.a}/`), waitFor(`http://127.0.0.1:${ports.b}/`)]);
  });
  test.afterAll(async () => {
    await Promise.all(Object.values(procs).map((p) => stop(p)));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });
  return {
    get serverDir() {
      return serverDir;
    },
    serverUrl: `http://127.0.0.1:${ports.server}`,
    stopServer: () => stop(procs.server),
    async startServer() {
      procs.server = startServer(ports.server, serverDir);
      await waitFor(health);
    },
  };
}
