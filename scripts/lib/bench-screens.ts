/**
 * Screen timing in real Chromium on the seeded clinic: for each main screen and the common
 * actions, the time from the click to the screen's content drawn, p50/p95, beside the API
 * calls that screen made, replayed alone in Node through the same backend with the same inputs.
 * The difference is what the renderer costs (React, layout, the browser's fetch round trips).
 *
 * "Content drawn" is measured inside the page: the click and the clock start in one evaluate,
 * and a requestAnimationFrame poll stops it at the first frame where (1) each of the screen's
 * content selectors matches (rows of its list, the calendar's session boxes; see SCREENS), and
 * (2) every API call the screen makes on opening has been sent since the click and its answer
 * read. (2) matters because several screens keep the last list in a store and redraw it at
 * once, then refresh it: without it the figure would time a stale list.
 *
 * Needs Debian's chromium (CHROMIUM_PATH to override). The page signs in as a bench user of
 * its own ("screen-bench", admin, a random password each run), created on first use.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { build } from 'vite';
import { startWebServer } from '../../src-main/backend/http/web-server';
import type { Backend } from '../../src-main/backend/backend';
import { HTTP_INVOKE_BATCH_PATH, HTTP_INVOKE_PATH, HTTP_SESSION_HEADER } from '../../src-shared/api/transport';
import { addDays } from '../../src-shared/domain/zoned-time';
import { ms, summarize, table, verdict } from './bench-kit';
import { rngFor } from './prng';
import { SEED_REFERENCE_DATE } from './synthetic-clinic';

const ROOT = resolve(import.meta.dirname, '../..');
/** Its own build folder: another bench or `npm run web` may be building out/web meanwhile. */
const OUT_DIR = resolve(ROOT, 'out/bench-screens-web');
const NAV_AIM_MS = 100;
const HEAVY_AIM_MS = 300;
const COLD_AIM_MS = 1500;
const BENCH_USER = 'screen-bench';
/**
 * Calls no screen's content waits for: the header's sync indicator asks sync.status at load and
 * every 15 s on its own clock. They are not awaited nor counted in a screen's API figure; one
 * in flight still delays a screen's own calls (the backend answers one call at a time), and
 * that delay stays in the screen figure, where the person at the screen waits for it too.
 */
const BACKGROUND: readonly string[] = ['sync.status'];

/** One API call as the page sent it: replayed in Node with the same input and session. */
interface Call {
  body: string;
  session: string | null;
}

interface Drawn {
  ms: number;
  calls: Call[];
}

/**
 * What "drawn" means for one screen: every selector matches at least once, and no
 * "Loading…" words are left in the screen (main): panels that answer with an empty list
 * ("No scores are owed") have no row to wait for, only their loading line going away.
 */
interface Content {
  selectors: readonly string[];
}

/**
 * The main screens, in the left navigation's order, each with what must be on screen before it
 * counts as drawn: its real content, not its heading.
 */
const SCREENS: readonly { label: string; href: string; content: Content }[] = [
  // The intake work list's rows and the day's suites (the sessions board answers even on a day
  // without sessions: one column per suite).
  { label: 'Today', href: '#/today', content: { selectors: ['.worklist-table tbody tr', '.today-board .today-suite'] } },
  // The patient list's rows (alphabetical when the box is empty).
  { label: 'Patients', href: '#/patients', content: { selectors: ['#patient-results tbody tr'] } },
  // The calendar's session boxes on the day shown (the bench sets it to a booked day first).
  { label: 'Schedule', href: '#/schedule', content: { selectors: ['.session-event'] } },
  // The first tab, scores owed: its list, or the words saying none are owed.
  { label: 'Outcomes', href: '#/outcomes', content: { selectors: ['section[aria-label="Scores owed"] > p'] } },
  // The work lists: their tables, or the words saying a list is empty.
  { label: 'Authorizations', href: '#/authorizations', content: { selectors: ['.authorizations-screen .panel'] } },
  // The records inbox's list (rows, or the words saying it is empty).
  { label: 'Documents (records review queue)', href: '#/documents', content: { selectors: ['.records-inbox-list > *'] } },
  // The suite tiles of the board's preview.
  { label: 'Board', href: '#/board', content: { selectors: ['.board-tile'] } },
  // The clinic section's form fields (Settings opens on it).
  { label: 'Settings', href: '#/settings', content: { selectors: ['.settings-nav a', 'main form input'] } },
];

/**
 * Installed in the page before the app's scripts: notes every API call (its body and session,
 * for the replay) and how many are still unanswered. An answer counts as read one task after
 * its JSON is parsed, so the store update and React's render it schedules come first.
 */
function installProbe({ invokePath, batchPath, sessionHeader, background }: { invokePath: string; batchPath: string; sessionHeader: string; background: string[] }): void {
  const probe = { t0: 0, calls: [] as { body: string; session: string | null; method: string }[], open: 0 };
  (window as unknown as { __screenProbe: typeof probe }).__screenProbe = probe;
  const realFetch = window.fetch.bind(window);
  window.fetch = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const path = new URL(url, location.href).pathname;
    if (path !== invokePath && path !== batchPath) return realFetch(input, init);
    const body = typeof init?.body === 'string' ? init.body : '';
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const session = headers[sessionHeader] ?? null;
    // A batch carries several calls: each is noted as its own call, for the replay.
    let sent: { method: string; input: unknown }[] = [];
    try {
      const parsed = JSON.parse(body) as { method?: unknown; input?: unknown; calls?: { method?: unknown; input?: unknown }[] };
      const list = path === batchPath ? (parsed.calls ?? []) : [parsed];
      sent = list.map((c) => ({ method: String(c.method ?? ''), input: c.input }));
    } catch {
      /* not ours to judge: the backend answers it */
    }
    for (const c of sent) probe.calls.push({ body: JSON.stringify(c), session, method: c.method });
    const counted = sent.some((c) => !background.includes(c.method));
    if (counted) probe.open++;
    // No named helper functions in here: the bundler would wrap them in its own __name(),
    // which does not exist in the page.
    let res: Response;
    try {
      res = await realFetch(input, init);
    } catch (err) {
      if (counted) setTimeout(() => probe.open--, 0);
      throw err;
    }
    const json = res.json.bind(res);
    res.json = () => json().finally(() => counted && setTimeout(() => probe.open--, 0));
    return res;
  };
}

// In-page functions say window.performance: the bundler renames this module's own
// `performance` import, a name the page does not have.
type ProbeWindow = Window & { __screenProbe: { t0: number; calls: { body: string; session: string | null; method: string }[]; open: number } };

/** In the page, at each frame: drawn yet? Returns the elapsed time and the calls, or false. */
function drawnYet({ selectors, methods }: { selectors: string[]; methods: string[] }): false | { ms: number; calls: { body: string; session: string | null }[] } {
  const probe = (window as unknown as ProbeWindow).__screenProbe;
  if (probe.open > 0) return false;
  const sent = probe.calls.map((c) => c.method);
  for (const m of methods) if (!sent.includes(m)) return false;
  for (const s of selectors) if (!document.querySelector(s)) return false;
  if (document.querySelector('main')?.textContent?.includes('Loading')) return false;
  return { ms: window.performance.now() - probe.t0, calls: probe.calls.map(({ body, session }) => ({ body, session })) };
}

/** Start the clock and click, in one step inside the page. */
async function clickAndMark(page: Page, selector: string): Promise<void> {
  await page.evaluate((sel) => {
    const el = document.querySelector<HTMLElement>(sel);
    if (!el) throw new Error(`Nothing to click: ${sel}`);
    const probe = (window as unknown as ProbeWindow).__screenProbe;
    probe.calls = [];
    probe.t0 = window.performance.now();
    el.click();
  }, selector);
}

async function waitDrawn(page: Page, what: string, content: Content, methods: readonly string[]): Promise<Drawn> {
  try {
    const handle = await page.waitForFunction(drawnYet, { selectors: [...content.selectors], methods: [...methods] }, { polling: 'raf', timeout: 30_000 });
    return (await handle.jsonValue()) as Drawn;
  } catch (err) {
    // Which selector is missing, never the screen's text (it holds patients' names).
    const found = await page
      .evaluate(
        (sels) =>
          [
            ...sels.map((s) => `${s}: ${document.querySelectorAll(s).length}`),
            `calls unanswered: ${(window as unknown as ProbeWindow).__screenProbe.open}`,
            `sent: ${(window as unknown as ProbeWindow).__screenProbe.calls.map((c) => c.method).join(',')}`,
            `still loading: ${document.querySelector('main')?.textContent?.includes('Loading') ?? false}`,
          ].join('; '),
        [...content.selectors],
      )
      .catch(() => '');
    throw new Error(`${what}: not drawn within 30 s (${found}): ${(err as Error).message}`);
  }
}

/**
 * The calls a screen makes on opening, by method: those it made in both warm-up rounds (a
 * poll that happened to fire in one of them is not required in every round).
 */
function requiredMethods(rounds: readonly Drawn[]): string[] {
  const sets = rounds.map((r) => new Set(r.calls.map((c) => methodOf(c)).filter((m) => !BACKGROUND.includes(m))));
  return [...sets[0]!].filter((m) => sets.every((s) => s.has(m)));
}

function methodOf(c: Call): string {
  return String((JSON.parse(c.body) as { method: unknown }).method);
}

/**
 * The page's calls for one round, again, one after another, through the backend in Node: the
 * round's total and each method's share (summed when the page called it twice). Background calls
 * (BACKGROUND) are left out unless asked for.
 */
async function replay(backend: Backend, calls: readonly Call[], skipBackground = true): Promise<{ total: number; byMethod: Map<string, number> }> {
  const byMethod = new Map<string, number>();
  const t0 = performance.now();
  for (const c of calls.filter((call) => !skipBackground || !BACKGROUND.includes(methodOf(call)))) {
    const { method, input } = JSON.parse(c.body) as { method: unknown; input: unknown };
    const t = performance.now();
    const r = await backend.invoke(method, input, c.session);
    byMethod.set(String(method), (byMethod.get(String(method)) ?? 0) + performance.now() - t);
    if (!r.ok) throw new Error(`Replay of ${String(method)} failed: ${r.error.code}`);
  }
  return { total: performance.now() - t0, byMethod };
}

/**
 * A session for the page: the bench's own admin, signed in with a password made for this run.
 * The suite calendar bench (bench-calendar-render.ts) signs its page in the same way.
 */
export async function benchSession(backend: Backend): Promise<string> {
  const call = async <T>(method: string, input: unknown, session: string | null = null): Promise<T> => {
    const r = await backend.invoke(method, input, session);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.result as T;
  };
  const password = () => `bench-${randomBytes(18).toString('base64url')}`;
  const status = await call<{ setupNeeded: boolean }>('auth.status', {});
  if (status.setupNeeded) {
    const { session } = await call<{ session: string }>('auth.setup', { displayName: 'Screen bench', username: BENCH_USER, password: password() });
    // auth.setup offers the first-run walk on this computer; the seeded clinic is set up already.
    await call('setup.save', { step: 'done', finished: true }, session);
    return session;
  }
  const first = password();
  const existing = (await call<{ id: string; username: string | null }[]>('users.list', { includeDisabled: true })).find((u) => u.username === BENCH_USER);
  if (existing) await call('users.resetPassword', { id: existing.id, password: first });
  else await call('users.create', { displayName: 'Screen bench', username: BENCH_USER, role: 'admin', password: first });
  const { session } = await call<{ session: string }>('auth.signIn', { username: BENCH_USER, password: first });
  // A password set by an administrator must be changed at first sign-in.
  await call('auth.changePassword', { currentPassword: first, newPassword: password() }, session);
  return session;
}

/** Every page of the context opens signed in with `session` (from benchSession): the window's stored sign-in. */
export async function signInContext(context: BrowserContext, session: string): Promise<void> {
  await context.addInitScript((token) => sessionStorage.setItem('desk.session', token), session);
}

async function newSignedInContext(browser: Browser, session: string): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, acceptDownloads: true });
  await context.addInitScript(installProbe, { invokePath: HTTP_INVOKE_PATH, batchPath: HTTP_INVOKE_BATCH_PATH, sessionHeader: HTTP_SESSION_HEADER, background: [...BACKGROUND] });
  await signInContext(context, session);
  return context;
}

interface Row {
  label: string;
  aim: number;
  screen: number[];
  api: number[];
  methods: string[];
}

/** p50/p95 table: screen, the API calls alone, the difference, and the aim. */
function printRows(rows: readonly Row[]): void {
  console.log(
    table(
      ['click -> content drawn (1920x1080)', 'n', 'screen p50', 'screen p95', 'API p50', 'API p95', 'render p50', 'aim p95', 'verdict'],
      rows.map((r) => {
        const s = summarize(r.screen);
        const a = summarize(r.api);
        return [r.label, s.n, ms(s.p50), ms(s.p95), ms(a.p50), ms(a.p95), ms(s.p50 - a.p50), `< ${r.aim}`, verdict(s.p95 < r.aim)];
      }),
    ),
  );
  console.log('\n  API calls per screen, each with its p50 ms alone in Node (in the order the page sent them):');
  for (const r of rows) console.log(`    ${r.label}: ${r.methods.join(', ') || '(none)'}`);
}

/** Patients to open from the search box: distinct people each round, picked by the seed. */
function chartPatients(backend: Backend, seed: number, n: number): { id: string; query: string }[] {
  const rows = backend.store.sqlite
    .prepare(`SELECT id, first_name AS firstName, last_name AS lastName FROM patients WHERE deleted_at IS NULL ORDER BY id`)
    .all() as { id: string; firstName: string; lastName: string }[];
  const rng = rngFor(seed, 'screen-bench-charts');
  const out: { id: string; query: string }[] = [];
  const used = new Set<string>();
  while (out.length < n && used.size < rows.length) {
    const p = rng.pick(rows);
    if (used.has(p.id)) continue;
    used.add(p.id);
    out.push({ id: p.id, query: `${p.lastName} ${p.firstName}` });
  }
  return out;
}

export async function benchScreens(ctx: { backend: Backend; seed: number; iterations: number }): Promise<void> {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    console.log(`  Skipped: no Chromium at ${executablePath} (install Debian's chromium or set CHROMIUM_PATH).`);
    return;
  }
  const { backend } = ctx;
  const rounds = Math.max(8, ctx.iterations * 2);
  // Cold starts and the export take seconds each on the 50,000-patient clinic: fewer rounds
  // keep the section within a few minutes on 2 cores.
  const slowRounds = Math.max(5, ctx.iterations);
  const warmups = 2;
  console.log('  Building the renderer for the browser...');
  await build({ configFile: resolve(ROOT, 'src-renderer/vite.config.ts'), logLevel: 'error', build: { outDir: OUT_DIR, emptyOutDir: true, sourcemap: false } });
  const session = await benchSession(backend);
  // Port 0: the system picks a free one, so parallel runs never collide.
  const server = await startWebServer({ backend, staticDir: OUT_DIR, port: 0 });
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const rows: Row[] = [];
  let firstVisits = '';
  try {
    // Cold start: a new browser context each round (empty cache, no JavaScript compiled yet),
    // from the navigation's start to Today's rows drawn.
    const today = SCREENS[0]!;
    const cold: Drawn[] = [];
    for (let i = 0; i < warmups + slowRounds; i++) {
      const context = await newSignedInContext(browser, session);
      const page = await context.newPage();
      await page.goto(server.openUrl);
      cold.push(await waitDrawn(page, 'cold start', today.content, i < warmups ? [] : requiredMethods(cold.slice(0, warmups))));
      await context.close();
    }
    rows.push(await withApi(backend, 'cold start to Today (new context)', COLD_AIM_MS, cold.slice(warmups), cold.slice(0, warmups)));

    const context = await newSignedInContext(browser, session);
    const page = await context.newPage();
    await page.goto(server.openUrl);
    await waitDrawn(page, 'first Today', today.content, []);

    // The Schedule shows a booked day of the seeded floor (the floor is booked around the
    // seed's "today", not the machine's); the store keeps the day across screens.
    const bookedDay = addDays(SEED_REFERENCE_DATE, 1);
    await page.click(`nav a[href="#/schedule"]`);
    await page.getByLabel('Go to').fill(bookedDay);
    await page.locator('.session-event').first().waitFor({ timeout: 30_000 });

    // Navigation by the left nav: every round visits every screen, so each click re-renders.
    const nav: Drawn[][] = SCREENS.map(() => []);
    const required: string[][] = SCREENS.map(() => []);
    for (let i = 0; i < warmups + rounds; i++) {
      if (i === warmups) SCREENS.forEach((_, k) => (required[k] = requiredMethods(nav[k]!.slice(0, warmups))));
      for (const [k, s] of SCREENS.entries()) {
        await clickAndMark(page, `nav a[href="${s.href}"]`);
        nav[k]!.push(await waitDrawn(page, s.label, s.content, required[k]!));
      }
    }
    for (const [k, s] of SCREENS.entries()) {
      const aim = s.href === '#/schedule' ? HEAVY_AIM_MS : NAV_AIM_MS;
      rows.push(await withApi(backend, `nav: ${s.label}`, aim, nav[k]!.slice(warmups), nav[k]!.slice(0, warmups)));
    }
    // The first visit to each screen after the backend opened (the first warm-up round): its
    // reads find their pages on disk, not yet decrypted into the page cache, and kept lists
    // (work lists, waiting list) are computed for the first time. Printed, not judged: the
    // table is the screens as used all day.
    firstVisits = SCREENS.map((s, k) => `${s.label} ${ms(nav[k]![0]!.ms)}`).join(', ');

    rows.push(await openCharts(page, backend, ctx.seed, warmups, rounds));
    rows.push(await calendarDays(page, backend, bookedDay, warmups, rounds));
    rows.push(await dashboardYear(page, backend, warmups, rounds));
    rows.push(await exportCsv(page, backend, warmups, slowRounds));
    await context.close();
  } finally {
    await browser.close();
    await server.close();
  }
  printRows(rows);
  if (firstVisits) console.log(`\n  First visit to each screen after the cold starts (ms, once, not in the table): ${firstVisits}.`);
  // The background calls' own cost, for reading the screen figures they may have delayed.
  for (const method of BACKGROUND) {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) times.push((await replay(backend, [{ body: JSON.stringify({ method, input: {} }), session }], false)).total);
    console.log(`\n  Background: ${method} alone in Node, p50 of 3: ${ms(summarize(times).p50)} ms (the header asks it at load and every 15 s).`);
  }
  console.log('\n  screen = in the page, from the click to the first frame with the content drawn and the screen\'s calls answered;');
  console.log('  API = the same calls, with the same inputs and session, one after another through the backend in Node;');
  console.log('  render = screen p50 - API p50 (React, layout and paint, the browser\'s HTTP round trips). Warm-up rounds discarded.');
}

async function withApi(backend: Backend, label: string, aim: number, timed: readonly Drawn[], warm: readonly Drawn[]): Promise<Row> {
  const api: number[] = [];
  const perMethod = new Map<string, number[]>();
  for (const d of timed) {
    const r = await replay(backend, d.calls);
    api.push(r.total);
    for (const [m, t] of r.byMethod) perMethod.set(m, [...(perMethod.get(m) ?? []), t]);
  }
  const sample = timed[0] ?? warm[0];
  const order = [...new Set(sample ? sample.calls.map(methodOf) : [])].filter((m) => !BACKGROUND.includes(m));
  return { label, aim, screen: timed.map((d) => d.ms), api, methods: order.map((m) => `${m} ${ms(summarize(perMethod.get(m) ?? []).p50)}`) };
}

/** Open a chart from the patient search: type a name (not timed), click the result, chart drawn. */
async function openCharts(page: Page, backend: Backend, seed: number, warmups: number, rounds: number): Promise<Row> {
  // Chart drawn: the contact panel and the chart's later sections (its outcomes, authorizations,
  // documents, records and intake each load their own data; (2) above waits for all of them).
  const content: Content = { selectors: ['#contact-heading', '.detail-grid .detail-list'] };
  const drawn: Drawn[] = [];
  let required: string[] = [];
  for (const [i, p] of chartPatients(backend, seed, warmups + rounds).entries()) {
    if (i === warmups) required = requiredMethods(drawn.slice(0, warmups));
    await page.click('nav a[href="#/patients"]');
    await page.getByLabel('Search patients').fill(p.query);
    const link = `#patient-results a.row-link[href="#/patients/${encodeURIComponent(p.id)}"]`;
    await page.locator(link).waitFor({ timeout: 30_000 });
    await clickAndMark(page, link);
    drawn.push(await waitDrawn(page, 'chart', content, required));
  }
  return withApi(backend, 'open a chart from search', NAV_AIM_MS, drawn.slice(warmups), drawn.slice(0, warmups));
}

/** The calendar's next-day and previous-day buttons, alternating between two booked days. */
async function calendarDays(page: Page, backend: Backend, bookedDay: string, warmups: number, rounds: number): Promise<Row> {
  await page.click('nav a[href="#/schedule"]');
  await page.getByLabel('Go to').fill(bookedDay);
  // Sessions drawn: as many session boxes as the day has (counted once the day is shown, and
  // checked the same way each round), and the call for the new day answered.
  const counts = new Map<string, number>();
  const countNow = () => page.evaluate(() => document.querySelectorAll('.session-event').length);
  await page.waitForTimeout(1000);
  counts.set(bookedDay, await countNow());
  const drawn: Drawn[] = [];
  let required: string[] = [];
  for (let i = 0; i < warmups + rounds; i++) {
    if (i === warmups) required = requiredMethods(drawn.slice(0, warmups));
    const forward = i % 2 === 0;
    const day = forward ? addDays(bookedDay, 1) : bookedDay;
    await clickAndMark(page, `button[aria-label="${forward ? 'Next day' : 'Previous day'}"]`);
    const n = counts.get(day);
    if (n === undefined) {
      await page.waitForTimeout(1000);
      counts.set(day, await countNow());
    }
    drawn.push(await waitSessionBoxes(page, counts.get(day)!, required));
  }
  return withApi(backend, 'calendar: next / previous day', HEAVY_AIM_MS, drawn.slice(warmups), drawn.slice(0, warmups));
}

/** Like waitDrawn, for the calendar: exactly n session boxes (the day's), the calls answered. */
async function waitSessionBoxes(page: Page, n: number, methods: readonly string[]): Promise<Drawn> {
  const handle = await page.waitForFunction(
    ({ n, methods }) => {
      const probe = (window as unknown as ProbeWindow).__screenProbe;
      if (probe.open > 0 || document.querySelectorAll('.session-event').length !== n) return false;
      const sent = probe.calls.map((c) => c.method);
      for (const m of methods) if (!sent.includes(m)) return false;
      return { ms: window.performance.now() - probe.t0, calls: probe.calls.map(({ body, session }) => ({ body, session })) };
    },
    { n, methods: [...methods] },
    { polling: 'raf', timeout: 30_000 },
  );
  return (await handle.jsonValue()) as Drawn;
}

/** The outcomes dashboard for a year: two one-year windows a day apart, alternating. */
async function dashboardYear(page: Page, backend: Backend, warmups: number, rounds: number): Promise<Row> {
  await page.click('nav a[href="#/outcomes"]');
  await page.getByRole('tab', { name: 'Dashboard' }).click();
  const dash = page.getByRole('region', { name: 'Dashboard' });
  const to = await dash.getByLabel('to', { exact: true }).inputValue();
  const content: Content = { selectors: ['section[aria-label="Dashboard"] .dash-headline', 'section[aria-label="Dashboard"] table tbody tr'] };
  const drawn: Drawn[] = [];
  let required: string[] = [];
  for (let i = 0; i < warmups + rounds; i++) {
    if (i === warmups) required = requiredMethods(drawn.slice(0, warmups));
    const from = addDays(to, i % 2 === 0 ? -365 : -366);
    // Setting the date input's value the way React hears it, then the clock starts with it.
    await page.evaluate((value) => {
      const input = document.querySelector<HTMLInputElement>('section[aria-label="Dashboard"] input[type="date"]')!;
      const probe = (window as unknown as ProbeWindow).__screenProbe;
      probe.calls = [];
      probe.t0 = window.performance.now();
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(input, value);
      input.dispatchEvent(new Event('input', { bubbles: true }));
    }, from);
    drawn.push(await waitDrawn(page, 'dashboard', content, required.length ? required : ['outcomes.dashboard']));
  }
  return withApi(backend, 'outcomes dashboard, one year', HEAVY_AIM_MS, drawn.slice(warmups), drawn.slice(0, warmups));
}

/**
 * An export: the Authorizations list of ended approvals (years of them, the longest of the
 * lists) as CSV, from the click to the browser's download event (every page read, the file made).
 */
async function exportCsv(page: Page, backend: Backend, warmups: number, rounds: number): Promise<Row> {
  await page.click('nav a[href="#/authorizations"]');
  await page.getByRole('button', { name: 'Ended', exact: true }).click();
  const button = 'section[aria-labelledby="approved-heading"] .list-download button';
  await page.locator(button).waitFor({ timeout: 30_000 });
  const drawn: Drawn[] = [];
  for (let i = 0; i < warmups + rounds; i++) {
    const download = page.waitForEvent('download', { timeout: 30_000 });
    const t0 = performance.now();
    await clickAndMark(page, button);
    await download;
    const took = performance.now() - t0;
    const calls = await page.evaluate(() => (window as unknown as ProbeWindow).__screenProbe.calls.map(({ body, session }) => ({ body, session })));
    drawn.push({ ms: took, calls });
    await page.locator(button).and(page.locator(':enabled')).waitFor({ timeout: 30_000 });
  }
  return withApi(backend, 'export: ended approvals CSV (download)', HEAVY_AIM_MS, drawn.slice(warmups), drawn.slice(0, warmups));
}
