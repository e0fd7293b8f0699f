/**
 * Suite calendar render time in real Chromium on the seeded clinic: the busiest week of one
 * suite (week view) and the busiest day across all suites (day view, one FullCalendar per
 * suite), from choosing the date to every session drawn. Beside it, in the same page, the raw
 * baseline: the same number of plain positioned boxes with the same text, laid out by hand;
 * and the sessions.calendar call alone. Needs Debian's chromium (CHROMIUM_PATH to override).
 * The page signs in as the screen bench's own admin user (benchSession in bench-screens.ts):
 * the app opens on its sign-in screen otherwise.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import { startWebServer } from '../../src-main/backend/http/web-server';
import type { Backend } from '../../src-main/backend/backend';
import { mondayOf } from '../../src-shared/domain/dates';
import { addDays, localDateAt, startOfLocalDay } from '../../src-shared/domain/zoned-time';
import { ms, ratio, summarize, table, verdict } from './bench-kit';
import { benchSession, signInContext } from './bench-screens';
import { SEED_REFERENCE_DATE } from './synthetic-clinic';

const ROOT = resolve(import.meta.dirname, '../..');
/** Its own build folder: `npm run web` (and the e2e runs) may be building out/web meanwhile. */
const OUT_DIR = resolve(ROOT, 'out/bench-calendar-web');
const AIM_MS = 500;

interface Target {
  label: string;
  view: 'day' | 'week';
  date: string;
  suiteId: string | null;
  sessions: number;
}

const weekStart = mondayOf;

/** The busiest day (all suites) and the busiest suite-week in the 8 seeded weeks, by sessions shown. */
function busiest(backend: Backend): { day: Target; week: Target; neighbourDay: Target; neighbourWeek: Target } | null {
  const sqlite = backend.store.sqlite;
  const zone = (sqlite.prepare('SELECT time_zone AS z FROM clinic_settings LIMIT 1').get() as { z: string }).z;
  // The seeded floor is booked around the seed's "today", not the machine's.
  const now = startOfLocalDay(zone, SEED_REFERENCE_DATE);
  const rows = sqlite
    .prepare(`SELECT suite_id AS suiteId, starts_at AS startsAt FROM infusion_sessions WHERE deleted_at IS NULL AND status <> 'cancelled' AND starts_at >= ? AND starts_at < ?`)
    .all(now - 7 * 86_400_000, now + 60 * 86_400_000) as { suiteId: string; startsAt: number }[];
  if (rows.length === 0) return null;
  const byDay = new Map<string, number>();
  const byWeek = new Map<string, number>();
  for (const r of rows) {
    const d = localDateAt(zone, r.startsAt);
    byDay.set(d, (byDay.get(d) ?? 0) + 1);
    const k = `${r.suiteId}|${weekStart(d)}`;
    byWeek.set(k, (byWeek.get(k) ?? 0) + 1);
  }
  const [day, dayN] = [...byDay].sort((a, b) => b[1] - a[1])[0]!;
  const [weekKey, weekN] = [...byWeek].sort((a, b) => b[1] - a[1])[0]!;
  const [suiteId, week] = weekKey.split('|') as [string, string];
  // Alternating with a neighbour makes every timed round a full re-render.
  const nextDay = addDays(day, 1);
  const prevWeek = addDays(week, -7);
  const count = (from: string, days: number, suite: string | null) =>
    (sqlite
      .prepare(
        `SELECT count(*) AS n FROM infusion_sessions WHERE deleted_at IS NULL AND status <> 'cancelled' AND starts_at < ? AND ends_at > ? ${suite ? 'AND suite_id = ?' : ''}`,
      )
      .get(...[startOfLocalDay(zone, addDays(from, days)), startOfLocalDay(zone, from), ...(suite ? [suite] : [])]) as { n: number }).n;
  return {
    day: { label: `day, all suites (${day})`, view: 'day', date: day, suiteId: null, sessions: count(day, 1, null) || dayN },
    neighbourDay: { label: 'neighbour day', view: 'day', date: nextDay, suiteId: null, sessions: count(nextDay, 1, null) },
    week: { label: `week, one suite (from ${week})`, view: 'week', date: week, suiteId, sessions: count(week, 7, suiteId) || weekN },
    neighbourWeek: { label: 'neighbour week', view: 'week', date: prevWeek, suiteId, sessions: count(prevWeek, 7, suiteId) },
  };
}

async function show(page: Page, t: Target): Promise<number> {
  const t0 = performance.now();
  await page.getByLabel('Go to').fill(t.date);
  await page.waitForFunction((n) => document.querySelectorAll('.session-event').length === n && !document.querySelector('.fc-event-mirror'), t.sessions, {
    timeout: 30_000,
    polling: 'raf',
  });
  return performance.now() - t0;
}

/** The raw baseline: n positioned boxes with the same kind of text, built and laid out in the page. */
async function rawBoxes(page: Page, n: number): Promise<number> {
  return page.evaluate((count) => {
    const host = document.createElement('div');
    host.style.position = 'relative';
    host.style.height = '600px';
    document.body.appendChild(host);
    const t0 = performance.now();
    for (let i = 0; i < count; i++) {
      const box = document.createElement('div');
      box.style.position = 'absolute';
      box.style.top = `${(i * 37) % 560}px`;
      box.style.left = `${(i % 8) * 12}%`;
      box.style.width = '11%';
      box.style.height = '120px';
      box.innerHTML = `<div><div style="height:10%"></div><div style="height:70%"></div><div style="height:20%"></div></div><div><span>A. Surname${i}</span><span>${(i % 6) + 1} of 6</span><span>08:00–13:30</span></div>`;
      host.appendChild(box);
    }
    host.getBoundingClientRect();
    void host.offsetHeight;
    const took = performance.now() - t0;
    host.remove();
    return took;
  }, n);
}

export async function benchCalendarRender(ctx: { backend: Backend; iterations: number }): Promise<void> {
  const targets = busiest(ctx.backend);
  if (!targets) {
    console.log('  No booked sessions in the seeded clinic: nothing to render.');
    return;
  }
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    console.log(`  Skipped: no Chromium at ${executablePath} (install Debian's chromium or set CHROMIUM_PATH).`);
    return;
  }
  console.log('  Building the renderer for the browser...');
  await build({ configFile: resolve(ROOT, 'src-renderer/vite.config.ts'), logLevel: 'error', build: { outDir: OUT_DIR, emptyOutDir: true, sourcemap: false } });
  const session = await benchSession(ctx.backend);
  const server = await startWebServer({ backend: ctx.backend, staticDir: OUT_DIR, port: 0 });
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    await signInContext(context, session);
    const page = await context.newPage();
    await page.goto(server.openUrl);
    await page.getByRole('navigation').waitFor();
    await page.goto(`${server.url}#/schedule`);
    await page.getByLabel('Go to').waitFor();

    const rounds = Math.max(5, ctx.iterations * 2);
    const rows: (string | number)[][] = [];
    for (const [main, other] of [
      [targets.day, targets.neighbourDay],
      [targets.week, targets.neighbourWeek],
    ] as const) {
      if (main.view === 'week') {
        await page.getByRole('button', { name: 'Week, one suite' }).click();
        await page.getByLabel('Suite shown').selectOption(main.suiteId!);
      }
      // Warm-up: code paths compiled, fonts loaded.
      await show(page, main);
      await show(page, other);
      const samples: number[] = [];
      for (let i = 0; i < rounds; i++) {
        samples.push(await show(page, main));
        await show(page, other);
      }
      const api: number[] = [];
      for (let i = 0; i < rounds; i++) {
        const t0 = performance.now();
        await ctx.backend.invoke('sessions.calendar', { from: main.view === 'week' ? weekStart(main.date) : main.date, days: main.view === 'week' ? 7 : 1 });
        api.push(performance.now() - t0);
      }
      const raw: number[] = [];
      for (let i = 0; i < rounds; i++) raw.push(await rawBoxes(page, main.sessions));
      const s = summarize(samples);
      const a = summarize(api);
      const r = summarize(raw);
      rows.push([main.label, main.sessions, ms(s.p50), ms(s.p95), ms(a.p50), ms(r.p50), ratio(s.p50, a.p50 + r.p50), verdict(s.p95 < AIM_MS)]);
    }
    console.log(
      table(['calendar (1920x1080, real Chromium)', 'sessions', 'shown p50 ms', 'shown p95 ms', 'API p50 ms', 'raw DOM p50 ms', 'shown / (API+raw)', `aim p95 < ${AIM_MS} ms`], rows),
    );
    console.log('  shown = from choosing the date to every session drawn (API call, FullCalendar layout, paint frame);');
    console.log('  raw DOM = the same number of positioned boxes with the same text, built and laid out by hand in the same page.');
  } finally {
    await browser.close();
    await server.close();
  }
}
