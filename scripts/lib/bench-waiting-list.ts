/**
 * The authorization waiting list (Authorizations screen): `invoke('authorizations.waitingList')`
 * on the seeded clinic, first call on a new connection, kept (reopening the screen), and opened
 * after an edit that changes one waiting patient's rows (a diagnosis added, then removed, so the
 * clinic ends as it began), beside the raw baseline: the list's own statement for the whole
 * clinic (WAITING_ROWS, the work the list did again after every such edit before 2026-12-07).
 * Aim: after an edit, p95 under 100 ms, as any click.
 */
import { performance } from 'node:perf_hooks';
import type { Backend } from '../../src-main/backend/backend';
import { WAITING_ROWS, waitingListComputations, waitingListRefreshes } from '../../src-main/backend/authorizations/waiting-list';
import { ms, ratio, summarize, table, verdict } from './bench-kit';

const AFTER_EDIT_AIM_MS = 100;

export async function benchWaitingList(ctx: { backend: Backend; iterations: number }): Promise<void> {
  const { backend } = ctx;
  const sqlite = backend.store.sqlite;
  const call = async <T>(method: string, input: unknown): Promise<T> => {
    const r = await backend.invoke(method, input);
    if (!r.ok) throw new Error(`${method}: ${r.error.message}`);
    return r.result as T;
  };
  type Page = { total: number };

  let t0 = performance.now();
  const first = await call<Page>('authorizations.waitingList', {});
  const firstMs = performance.now() - t0;
  const kept: number[] = [];
  for (let i = 0; i < 20; i++) {
    t0 = performance.now();
    await call('authorizations.waitingList', {});
    kept.push(performance.now() - t0);
  }

  // Patients with a coverage (so a diagnosis puts them on the list, or changes their "since"),
  // without the code this adds (a diagnosis is refused twice).
  const patients = sqlite
    .prepare(
      `SELECT DISTINCT c.patient_id FROM coverages c JOIN patients p ON p.id = c.patient_id AND p.deleted_at IS NULL WHERE c.deleted_at IS NULL
         AND NOT EXISTS (SELECT 1 FROM diagnoses d WHERE d.patient_id = c.patient_id AND d.code = 'G89.4' AND d.deleted_at IS NULL)
       ORDER BY c.patient_id LIMIT ?`,
    )
    .pluck()
    .all(Math.max(5, ctx.iterations)) as string[];
  const raw = sqlite.prepare(WAITING_ROWS).raw();
  const afterEdit: number[] = [];
  const rawTimes: number[] = [];
  const computed = waitingListComputations();
  const refreshed = waitingListRefreshes();
  for (const patientId of patients) {
    const d = await call<{ id: string; version: number }>('intake.addDiagnosis', { patientId, fields: { code: 'G89.4' } });
    t0 = performance.now();
    await call('authorizations.waitingList', {});
    afterEdit.push(performance.now() - t0);
    t0 = performance.now();
    raw.all();
    rawTimes.push(performance.now() - t0);
    await call('intake.removeDiagnosis', { id: d.id, expectedVersion: d.version });
    t0 = performance.now();
    raw.all();
    rawTimes.push(performance.now() - t0);
    t0 = performance.now();
    await call('authorizations.waitingList', {});
    afterEdit.push(performance.now() - t0);
  }
  const computations = waitingListComputations() - computed;
  const refreshes = waitingListRefreshes() - refreshed;

  const a = summarize(afterEdit);
  const r = summarize(rawTimes);
  const k = summarize(kept);
  const row = (label: string, s: ReturnType<typeof summarize>) => [label, s.n, ms(s.p50), ms(s.p95), ms(s.max)];
  console.log(`${first.total.toLocaleString('en-US')} patients on the list.`);
  console.log(
    table(
      ['authorizations.waitingList (ms)', 'n', 'p50', 'p95', 'max'],
      [
        ['API  first call on a new connection', 1, ms(firstMs), ms(firstMs), ms(firstMs)],
        row('API  kept (reopening the screen)', k),
        row('API  after an edit (the patient brought up to date, page words again)', a),
        row('raw  the whole list statement (WAITING_ROWS) alone', r),
      ],
    ),
  );
  console.log(`  after an edit p95 ${ms(a.p95)} ms (aim under ${AFTER_EDIT_AIM_MS} ms): ${verdict(a.p95 < AFTER_EDIT_AIM_MS)}; p50 ${ratio(a.p50, r.p50)} the whole statement's p50`);
  console.log(`  ${afterEdit.length} edits: ${refreshes} brought the changed patient up to date, ${computations} worked the whole list out again.`);
}
