import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import type { MethodInput, MethodName, MethodOutput } from '../../src-shared/api/contract';

/** Open the app the way `npm run web` tells a person to: its URL with the run's token. */
export async function openApp(page: Page, route = ''): Promise<void> {
  const token = process.env.DESK_WEB_TOKEN;
  if (!token) throw new Error('DESK_WEB_TOKEN is not set (playwright.config.ts sets it)');
  await page.goto(`/#token=${token}`);
  await expect(page.getByRole('navigation')).toBeVisible();
  if (route) await page.goto(`/#${route}`);
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
 * One backend call over the web harness's POST /api/invoke with the run's token, for
 * setting up data a test needs but does not test (a booked series, staff shifts). Typed
 * from the API contract; throws the backend's own message when the call is refused.
 */
export async function invoke<M extends MethodName>(
  via: Page | APIRequestContext,
  method: M,
  input: MethodInput<M>,
): Promise<MethodOutput<M>> {
  const token = process.env.DESK_WEB_TOKEN;
  if (!token) throw new Error('DESK_WEB_TOKEN is not set (playwright.config.ts sets it)');
  const request = 'request' in via ? via.request : via;
  const res = await request.post('/api/invoke', {
    headers: { 'content-type': 'application/json', 'x-desk-token': token },
    data: { method, input },
  });
  const out = (await res.json()) as { ok: true; result: MethodOutput<M> } | { ok: false; error: { message: string } };
  if (!out.ok) throw new Error(`${method} was refused: ${out.error.message}`);
  return out.result;
}
