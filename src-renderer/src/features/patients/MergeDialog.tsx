/**
 * An administrator merges two records of one person: picks the record to keep, sees what will
 * move (counts per kind, from patients.mergePreview), and confirms. Everything of the other
 * record moves to the kept one; the other is removed, with a pointer to where it went.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { MergePreview, PatientSummary } from '../../../../src-shared/api/schemas/patients';
import { formatCalendarDate } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { navigate, paths } from '../../app/router';
import { errorText } from '../../lib/errors';
import { phoneText } from './labels';
import './patients-merge.css';

export interface MergeRequest {
  /** The two records, as first shown (the first is kept unless the person chooses the other). */
  a: Pick<PatientSummary, 'id' | 'firstName' | 'lastName'>;
  b: Pick<PatientSummary, 'id' | 'firstName' | 'lastName'>;
  /** The sync conflict this merge resolves, when started from the Conflicts screen. */
  conflictId?: string;
}

const who = (p: Pick<PatientSummary, 'firstName' | 'lastName'>) => `${p.firstName} ${p.lastName}`.trim();

function RecordLine({ p }: { p: PatientSummary }) {
  return (
    <span className="merge-record">
      <strong>{who(p)}</strong> · MRN <span className="mono">{p.mrn}</span> · born {formatCalendarDate(p.dateOfBirth)}
      {p.phone ? ` · ${phoneText(p.phone)}` : ''}
    </span>
  );
}

export function MergeDialog({ request, onClose, onMerged }: { request: MergeRequest | null; onClose: () => void; onMerged?: (keptId: string) => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [keepId, setKeepId] = useState<string | null>(null);
  const [preview, setPreview] = useState<MergePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (request && !d.open) d.showModal();
    else if (!request && d.open) d.close();
    setKeepId(request ? request.a.id : null);
    setError(null);
  }, [request]);

  const mergeId = request && keepId ? (keepId === request.a.id ? request.b.id : request.a.id) : null;

  useEffect(() => {
    if (!keepId || !mergeId) return;
    let live = true;
    setPreview(null);
    api
      .call('patients.mergePreview', { keepId, mergeId })
      .then((p) => live && setPreview(p))
      .catch((e: unknown) => live && setError(errorText(e)));
    return () => {
      live = false;
    };
  }, [keepId, mergeId]);

  const merge = async () => {
    if (!keepId || !mergeId || busy) return;
    setBusy(true);
    setError(null);
    try {
      await api.call('patients.merge', { keepId, mergeId, ...(request?.conflictId ? { conflictId: request.conflictId } : {}) });
      onClose();
      if (onMerged) onMerged(keepId);
      else navigate(paths.patient(keepId));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog ref={ref} className="merge-dialog" aria-labelledby={`${id}-title`} onClose={onClose}>
      {request ? (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            void merge();
          }}
        >
          <h2 id={`${id}-title`}>Merge two records of one patient</h2>
          <fieldset className="merge-keep">
            <legend>Which record do you keep?</legend>
            {[request.a, request.b].map((p) => (
              <label key={p.id} className="merge-choice">
                <input type="radio" name={`${id}-keep`} value={p.id} checked={keepId === p.id} onChange={() => setKeepId(p.id)} />
                Keep{' '}
                {preview?.keep.id === p.id ? <RecordLine p={preview.keep} /> : preview?.merge.id === p.id ? <RecordLine p={preview.merge} /> : who(p)}
              </label>
            ))}
          </fieldset>
          {preview ? (
            <div className="merge-moves" aria-live="polite">
              <p>
                Everything of <strong>{who(preview.merge)}</strong> (MRN {preview.merge.mrn}) moves to <strong>{who(preview.keep)}</strong> (MRN{' '}
                {preview.keep.mrn}). The record MRN {preview.merge.mrn} is then removed; its history is kept.
              </p>
              {preview.moves.length ? (
                <table className="data-table merge-table">
                  <caption>What moves</caption>
                  <tbody>
                    {preview.moves.map((m) => (
                      <tr key={m.table}>
                        <th scope="row">{m.label}</th>
                        <td>{m.count}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : (
                <p className="muted">The other record has nothing else (no intake, series, scores or documents) to move.</p>
              )}
            </div>
          ) : !error ? (
            <p className="muted">Counting what will move…</p>
          ) : null}
          {error ? (
            <p className="form-alert" role="alert">
              {error}
            </p>
          ) : null}
          <div className="form-actions">
            <button type="submit" className="button button-danger" disabled={!preview || busy}>
              {preview ? `Merge into ${who(preview.keep)} (MRN ${preview.keep.mrn})` : 'Merge'}
            </button>
            <button type="button" className="button button-quiet" onClick={onClose} autoFocus>
              Go back
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
