/** The first-run setup's pages, in order, and the words for each (pure). */
import type { SetupStep } from '../../../../src-shared/api/methods/setup';

export type SetupPage = SetupStep | 'done';

export const SETUP_PAGES: { key: SetupPage; label: string }[] = [
  { key: 'clinic', label: 'Clinic and time zone' },
  { key: 'suites', label: 'Suites and hours' },
  { key: 'staff', label: 'Staff and shifts' },
  { key: 'payers', label: 'Payers' },
  { key: 'done', label: 'Your first patient' },
];

export function nextPage(page: SetupPage): SetupPage {
  const i = SETUP_PAGES.findIndex((p) => p.key === page);
  return SETUP_PAGES[Math.min(i + 1, SETUP_PAGES.length - 1)]!.key;
}

export function previousPage(page: SetupPage): SetupPage | null {
  const i = SETUP_PAGES.findIndex((p) => p.key === page);
  return i > 0 ? SETUP_PAGES[i - 1]!.key : null;
}

/** "Suite 1", "Suite 2", ... skipping names already taken, for the suites a new clinic adds. */
export function newSuiteNames(existing: readonly string[], count: number): string[] {
  const taken = new Set(existing.map((n) => n.trim().toLowerCase()));
  const out: string[] = [];
  for (let n = 1; out.length < count && n < 1000; n++) {
    const name = `Suite ${n}`;
    if (!taken.has(name.toLowerCase())) out.push(name);
  }
  return out;
}

/** The zone this computer is set to, when the browser knows it. */
export function computerTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}
