import { test as base, expect, type Page } from '@playwright/test';

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
