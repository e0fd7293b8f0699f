/**
 * The clinic's exports: the registry CSV (identified, or de-identified with dates moved or kept)
 * and the FHIR bundle. A clinic-wide CSV takes seconds: while it runs the panel shows how far it
 * has got (outcomes.exportProgress under an id chosen here), the buttons wait, and Cancel export
 * stops it (outcomes.exportCancel): no file is made. The FHIR bundle runs the same way.
 */
import { useEffect, useRef, useState } from 'react';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import { todayInZone } from '../../../../src-shared/domain/dates';
import { addDays } from '../../../../src-shared/domain/zoned-time';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { downloadText } from '../documents/download';
import './exports-panel.css';

type Progress = NonNullable<MethodOutput<'outcomes.exportProgress'>['progress']>;

const POLL_MS = 300;
const number = new Intl.NumberFormat('en-US');

/** `unit` is what the writing counts: rows of the CSV, entries of the FHIR bundle. */
export function progressWords(p: Progress | null, unit: 'rows' | 'entries' = 'rows'): string {
  if (!p || (p.phase === 'reading' && p.done === 0)) return 'Starting the export…';
  if (p.phase === 'reading') return `Reading scores: ${number.format(p.done)} of ${number.format(p.total)} patients`;
  if (p.phase === 'writing') return `Writing ${unit}: ${number.format(p.done)} of ${number.format(p.total)}`;
  return `Finishing: ${number.format(p.total)} ${unit}`;
}

/** Reading counts for the first half of the bar, writing for the second. */
function share(p: Progress | null): number {
  if (!p || !p.total) return 0;
  const part = p.done / p.total;
  return Math.round(p.phase === 'reading' ? part * 50 : p.phase === 'writing' ? 50 + part * 50 : 100);
}

export function ExportsPanel({ zone }: { zone: string }) {
  const today = todayInZone(zone);
  const [from, setFrom] = useState(addDays(today, -90));
  const [to, setTo] = useState(today);
  const [deidentify, setDeidentify] = useState(false);
  const [dates, setDates] = useState<'shift' | 'keep'>('shift');
  const [message, setMessage] = useState<string | null>(null);
  const [running, setRunning] = useState<{ id: string; kind: 'csv' | 'fhir' } | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const timer = useRef<ReturnType<typeof setInterval> | null>(null);

  useEffect(
    () => () => {
      if (timer.current) clearInterval(timer.current);
    },
    [],
  );

  const stopPolling = () => {
    if (timer.current) clearInterval(timer.current);
    timer.current = null;
  };

  /**
   * One export at a time: an id of its own, its progress read while it runs, and Cancel asks the
   * backend to stop it (the call then fails with the words that say so; no file is made).
   */
  const run = async (kind: 'csv' | 'fhir') => {
    if (running) return;
    const exportId = crypto.randomUUID();
    setMessage(null);
    setProgress(null);
    setRunning({ id: exportId, kind });
    timer.current = setInterval(() => {
      api
        .call('outcomes.exportProgress', { exportId })
        .then((r) => r.progress && setProgress(r.progress))
        .catch(() => undefined);
    }, POLL_MS);
    try {
      if (kind === 'csv') {
        const out = await api.call('outcomes.exportCsv', { from, to, exportId, ...(deidentify ? { deidentify: true, dates } : {}) });
        downloadText(out.text, out.fileName, out.mimeType);
        setMessage(`${out.fileName}: ${number.format(out.count)} rows${deidentify ? ', de-identified' : ''}.`);
      } else {
        const out = await api.call('outcomes.exportFhir', { from, to, exportId });
        downloadText(out.text, out.fileName, out.mimeType);
        setMessage(`${out.fileName}: ${number.format(out.count)} observations.`);
      }
    } catch (e) {
      setMessage(errorText(e));
    } finally {
      stopPolling();
      setRunning(null);
    }
  };

  const cancel = () => {
    if (!running) return;
    // The running call answers with the refusal; a finished one had its file made already.
    api.call('outcomes.exportCancel', { exportId: running.id }).catch(() => undefined);
  };

  return (
    <section aria-label="Exports">
      <div className="field-row">
        <label className="field">
          <span className="field-label">Scores from</span>
          <input type="date" value={from} onChange={(e) => setFrom(e.target.value)} />
        </label>
        <label className="field">
          <span className="field-label">to</span>
          <input type="date" value={to} onChange={(e) => setTo(e.target.value)} />
        </label>
      </div>
      <fieldset className="export-deid">
        <legend>Registry CSV</legend>
        <label className="checkbox-label">
          <input type="checkbox" checked={deidentify} onChange={(e) => setDeidentify(e.target.checked)} />
          De-identify: no names, MRN, phone or date of birth
        </label>
        <p className="field-hint">Each patient gets a code for this file only, and an age band instead of the date of birth.</p>
        {deidentify ? (
          <div role="radiogroup" aria-label="Dates in the file" className="export-dates">
            <label>
              <input type="radio" name="export-dates" checked={dates === 'shift'} onChange={() => setDates('shift')} /> Move each patient’s dates back by a random
              number of days (the days between their scores stay true)
            </label>
            <label>
              <input type="radio" name="export-dates" checked={dates === 'keep'} onChange={() => setDates('keep')} /> Keep the real dates
            </label>
          </div>
        ) : null}
      </fieldset>
      <div className="form-actions">
        <button type="button" className="button" onClick={() => void run('csv')} disabled={running !== null}>
          {deidentify ? 'De-identified registry CSV' : 'Registry CSV'}
        </button>
        <button type="button" className="button" onClick={() => void run('fhir')} disabled={running !== null}>
          FHIR R4 bundle
        </button>
      </div>
      {running ? (
        <div className="export-progress">
          <progress max={100} value={share(progress)} aria-label="Export progress" />
          <span role="status" aria-live="polite">
            {progressWords(progress, running.kind === 'csv' ? 'rows' : 'entries')}
          </span>
          <button type="button" className="button" onClick={cancel}>
            Cancel export
          </button>
        </div>
      ) : null}
      {message ? <p role="status">{message}</p> : null}
    </section>
  );
}
