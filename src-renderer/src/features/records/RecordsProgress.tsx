/**
 * Indexing progress, live: files read, waiting and failed, from records.progress and the
 * 'records.changed' pushes. Folders that cannot be watched are named with the reason.
 */
import { useState } from 'react';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';
import { useRecordsStore } from './store';

export function RecordsProgress() {
  const progress = useRecordsStore((s) => s.progress);
  const progressError = useRecordsStore((s) => s.progressError);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const rescan = async () => {
    setBusy(true);
    setError(null);
    try {
      const p = await api.call('records.rescan', {});
      useRecordsStore.setState({ progress: p });
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  if (!progress) {
    return progressError ? (
      <p className="error-text" role="alert">
        Indexing progress could not be loaded. {progressError}
      </p>
    ) : (
      <p className="muted">Loading indexing progress…</p>
    );
  }
  const waiting = progress.waiting + progress.queued + progress.extracting;
  const share = progress.total ? Math.round((100 * (progress.done + progress.failed)) / progress.total) : 100;
  const problems = progress.folders.filter((f) => !f.watching);
  return (
    <section className="records-progress" aria-label="Indexing progress" data-testid="records-progress">
      <div className="records-progress-figures">
        <span>
          <strong>{progress.done}</strong> done
        </span>
        <span>
          <strong>{waiting}</strong> queued
          {progress.extracting ? <span className="muted small"> ({progress.extracting} being read)</span> : null}
        </span>
        <span className={progress.failed ? 'records-progress-failed' : undefined}>
          <strong>{progress.failed}</strong> failed
        </span>
        {progress.missing ? (
          <span>
            <strong>{progress.missing}</strong> missing
          </span>
        ) : null}
        <span className="muted small" role="status">
          {progress.busy ? 'Reading files…' : progress.folders.length === 0 ? 'No folders are watched.' : 'Up to date'}
        </span>
        <button type="button" className="button button-small" onClick={() => void rescan()} disabled={busy || progress.folders.length === 0}>
          {busy ? 'Looking…' : 'Look for new files now'}
        </button>
      </div>
      {progress.busy ? (
        <progress className="records-progress-bar" max={100} value={share} aria-label={`${share}% of files read`}>
          {share}%
        </progress>
      ) : null}
      {progress.folders.length === 0 ? (
        <p className="small">
          Add the folder your fax or scanner saves into under <a href="#/settings/records">Settings › Prior records</a>.
        </p>
      ) : null}
      {problems.map((f) => (
        <p key={f.id} className="form-alert">
          <span className="mono">{f.path}</span> is not being watched. {f.problem}
        </p>
      ))}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </section>
  );
}
