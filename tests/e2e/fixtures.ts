import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';

/** The e2e clinic's administrator: created by the first test that opens the app on a new clinic. */
export const E2E_ADMIN = { displayName: 'Eve Admin', username: 'admin', password: 'e2e-secret-passphrase' };

export interface Person {
  displayName?: string;
  username: string;
  password: string;
}

/**
 * Sign in through the screen a person sees: on a new clinic the first-run set-up creates the
 * administrator (its setup walk is left for Settings); afterwards the sign-in form. Ends when the
 * app's navigation shows.
 */
export async function signInThroughUi(page: Page, who: Person = E2E_ADMIN): Promise<void> {
  const setup = page.getByRole('heading', { name: 'Set up the clinic’s administrator' });
  const signIn = page.getByRole('heading', { name: 'Sign in', exact: true });
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(setup.or(signIn).or(nav).first()).toBeVisible({ timeout: 15_000 });
  if (await setup.isVisible()) {
    await page.getByLabel('Your name').fill(who.displayName ?? who.username);
    await page.getByLabel('User name').fill(who.username);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByLabel('Password again').fill(who.password);
    await page.getByRole('button', { name: 'Create the administrator' }).click();
  } else if (await signIn.isVisible()) {
    await page.getByLabel('User name').fill(who.username);
    await page.getByLabel('Password', { exact: true }).fill(who.password);
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  }
  // A new clinic's first-run setup takes the window after its administrator is created (and on
  // each sign-in until it is finished): the other specs leave it for Settings, as a person can.
  const firstRunSetup = page.getByRole('heading', { name: 'Set up your clinic', level: 1 });
  await expect(firstRunSetup.or(nav).first()).toBeVisible({ timeout: 15_000 });
  if (await firstRunSetup.isVisible()) await page.getByRole('button', { name: 'Finish later in Settings' }).click();
  await expect(nav).toBeVisible({ timeout: 15_000 });
}

/** Open the app the way `npm run web` tells a person to: its URL with the run's token, then sign in. */
export async function openApp(page: Page, route = '', who: Person = E2E_ADMIN): Promise<void> {
  const token = process.env.DESK_WEB_TOKEN;
  if (!token) throw new Error('DESK_WEB_TOKEN is not set (playwright.config.ts sets it)');
  await page.goto(`/#token=${token}`);
  await signInThroughUi(page, who);
  if (route) await page.goto(`/#${route}`);
}

type Refusal = { ok: false; error: { code: string; message: string } };

/** POST one call to a computer's /api/invoke with the run's token (and a session when given). */
export async function rawInvoke(
  request: APIRequestContext,
  baseUrl: string,
  method: string,
  input: unknown,
  session?: string,
): Promise<{ ok: true; result: unknown } | Refusal> {
  const token = process.env.DESK_WEB_TOKEN;
  if (!token) throw new Error('DESK_WEB_TOKEN is not set (playwright.config.ts sets it)');
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-desk-token': token };
  if (session) headers['x-desk-session'] = session;
  const res = await request.post(`${baseUrl}/api/invoke`, { headers, data: { method, input } });
  return (await res.json()) as { ok: true; result: unknown } | Refusal;
}

const sessions = new Map<string, string>();

/**
 * A signed-in session for set-up calls on one computer (the administrator's, made through
 * auth.setup on a new clinic or auth.signIn), kept for the test process.
 */
export async function apiSession(request: APIRequestContext, baseUrl: string, fresh = false): Promise<string> {
  const known = sessions.get(baseUrl);
  if (known && !fresh) return known;
  const status = await rawInvoke(request, baseUrl, 'auth.status', {});
  if (!status.ok) throw new Error(`auth.status was refused: ${status.error.message}`);
  const { displayName, username, password } = E2E_ADMIN;
  const signed = (status.result as { setupNeeded: boolean }).setupNeeded
    ? await rawInvoke(request, baseUrl, 'auth.setup', { displayName, username, password })
    : await rawInvoke(request, baseUrl, 'auth.signIn', { username, password });
  if (!signed.ok) throw new Error(`signing in as ${username} was refused: ${signed.error.message}`);
  const session = (signed.result as { session: string }).session;
  sessions.set(baseUrl, session);
  return session;
}

/** One call as the e2e administrator on a computer; signs in again if the computer restarted. */
export async function invokeOn<M extends MethodName>(
  request: APIRequestContext,
  baseUrl: string,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  let out = await rawInvoke(request, baseUrl, method, input, await apiSession(request, baseUrl));
  if (!out.ok && out.error.code === 'UNAUTHENTICATED') out = await rawInvoke(request, baseUrl, method, input, await apiSession(request, baseUrl, true));
  if (!out.ok) throw new Error(`${method} was refused: ${out.error.message}`);
  return out.result as MethodOutput<M>;
}

export const test = base;
export { expect };

/** A name no other test uses, so tests stay independent on the shared e2e database. */
export function uniqueSurname(stem: string): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  let n = Date.now() + Math.floor(Math.random() * 1e6);
  let tail = '';
  for (let i = 0; i < 6; i++) {
    tail += letters[n % 26];
    n = Math.floor(n / 26);
  }
  return `${stem}${tail}`;
}

/**
 * One backend call over the web harness's POST /api/invoke with the run's token, as the e2e
 * administrator, for setting up data a test needs but does not test (a booked series, staff
 * shifts). Typed from the API contract; throws the backend's own message when refused.
 */
export async function invoke<M extends MethodName>(
  via: Page | APIRequestContext,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const request = 'request' in via ? via.request : via;
  const port = Number(process.env.E2E_PORT ?? 5199);
  return invokeOn(request, `http://127.0.0.1:${port}`, method, input);
}
