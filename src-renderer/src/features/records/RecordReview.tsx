/**
 * One record under review: who it seems to belong to and why (every candidate the rules
 * considered), its type, the text read from each page, and the decision: confirm for the
 * suggested patient or another one, or reject. A file that could not be read can be tried
 * again. The original can be opened from here.
 */
import { useEffect, useState } from 'react';
import type { RecordDetail, RecordType } from '../../../../src-shared/api/schemas/records';
import { api } from '../../api/client';
import { Flash } from '../../components/Flash';
import { SelectField, TextField } from '../../components/Field';
import { useFlash } from '../../components/useFlash';
import { errorText } from '../../lib/errors';
import { MATCH_LABELS, RECORD_TYPE_OPTIONS, STATUS_LABELS, matchTone, matchedPatientText, readText, sizeText, statusTone } from './labels';
import { openRecordFile } from './open-record';
import { PatientPicker, type ChosenPatient } from './PatientPicker';

/** "Ramirez, Ana" from "Ramirez, Ana · born … · MRN …". */
const name = (label: string) => label.split(' · ')[0] ?? label;

export function RecordReview({ id, version, onClose }: { id: string; version: number; onClose: () => void }) {
  const [rec, setRec] = useState<RecordDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [chosen, setChosen] = useState<ChosenPatient | null>(null);
  const [docType, setDocType] = useState<RecordType | ''>('');
  const [rejecting, setRejecting] = useState(false);
  const [rejectReason, setRejectReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [flash, showFlash] = useFlash(8000);

  useEffect(() => {
    let current = true;
    api.call('records.get', { id }).then(
      (r) => {
        if (!current) return;
        setRec(r);
        setLoadError(null);
      },
      (err: unknown) => current && setLoadError(errorText(err)),
    );
    return () => {
      current = false;
    };
  }, [id, version]);

  if (!rec) {
    return loadError ? (
      <p className="error-text" role="alert">
        The record could not be opened. {loadError}
      </p>
    ) : (
      <p className="muted">Opening the record…</p>
    );
  }

  const act = async (what: () => Promise<unknown>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      await what();
      showFlash(done);
      setChosen(null);
      setRejecting(false);
      setRejectReason('');
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const suggested = matchedPatientText(rec.match);
  const target = chosen?.label ?? suggested;
  const type = docType || rec.type.docType;
  const readable = rec.status === 'indexed' || rec.status === 'missing';
  // A person already attached it: the choices become moving it, correcting the type, or rejecting it.
  const attached = rec.match.state === 'confirmed';

  const confirm = () =>
    act(
      () =>
        api.call('records.confirm', {
          id: rec.id,
          ...(chosen ? { patientId: chosen.id } : {}),
          docType: type,
          expectedVersion: rec.version,
        }),
      `Confirmed for ${name(target ?? '')}`,
    );

  const rejectForm = rejecting ? (
    <form
      className="records-reject"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void act(() => api.call('records.reject', { id: rec.id, reason: rejectReason, expectedVersion: rec.version }), 'Rejected');
      }}
    >
      <TextField
        id={`records-reject-${rec.id}`}
        label="Why (optional)"
        value={rejectReason}
        onChange={setRejectReason}
        maxLength={200}
        placeholder="Not our patient, blank page…"
      />
      <button type="submit" className="button button-danger" disabled={busy}>
        Reject this record
      </button>
    </form>
  ) : null;

  return (
    <article className="records-review" aria-label={`Review ${rec.fileName}`}>
      <header className="records-review-head">
        <h3>{rec.fileName}</h3>
        <button type="button" className="button button-small" onClick={onClose}>
          Close<span className="visually-hidden"> {rec.fileName}</span>
        </button>
      </header>
      <p className="small muted">
        <span className="mono">{rec.originalPath}</span> · {sizeText(rec.sizeBytes)}
        {readText(rec) ? ` · ${readText(rec)}` : ''}
      </p>
      <p className="records-review-badges">
        <span className={`badge badge-${statusTone(rec.status)}`}>{STATUS_LABELS[rec.status]}</span>{' '}
        <span className={`badge badge-${matchTone(rec.match.state)}`}>{MATCH_LABELS[rec.match.state]}</span>
      </p>
      {rec.failureReason ? <p className="form-alert">{rec.failureReason}</p> : null}
      {rec.note ? <p className="notice">{rec.note}</p> : null}
      {rec.duplicateOf ? (
        <p className="notice">
          The same file as <strong>{rec.duplicateOf.fileName}</strong> (<span className="mono">{rec.duplicateOf.originalPath}</span>), found
          first.
        </p>
      ) : null}

      <div className="records-review-actions">
        <Flash message={flash} />
        <button
          type="button"
          className="button"
          disabled={busy}
          onClick={() =>
            void openRecordFile(rec.id).then(
              (n) => setNote(n),
              (err: unknown) => setError(errorText(err)),
            )
          }
        >
          Open original
        </button>
        {rec.status === 'failed' ? (
          <button type="button" className="button" disabled={busy} onClick={() => void act(() => api.call('records.retry', { id: rec.id }), 'Reading it again')}>
            Try reading again
          </button>
        ) : null}
        {!readable && rec.match.state !== 'rejected' ? (
          // A file that could not be read, or a copy of another: a person can still dismiss it.
          <button type="button" className="button" disabled={busy} onClick={() => setRejecting((v) => !v)} aria-expanded={rejecting}>
            Reject
          </button>
        ) : null}
        {rec.match.state === 'rejected' ? (
          <button type="button" className="button" disabled={busy} onClick={() => void act(() => api.call('records.reopen', { id: rec.id }), 'Back in the inbox')}>
            Back to the inbox
          </button>
        ) : null}
      </div>
      {note ? <p className="notice">{note}</p> : null}
      {readable ? null : rejectForm}
      {error ? (
        <p className="form-alert" role="alert">
          {error}
        </p>
      ) : null}

      {readable ? (
        <section className="records-decision" aria-label="Who it belongs to">
          <h4>Who it belongs to</h4>
          {attached && suggested ? (
            <p>
              Attached to <strong>{suggested}</strong>.
            </p>
          ) : suggested ? (
            <p>
              <strong>{suggested}</strong>
              {rec.match.reason ? <span className="muted"> — {rec.match.reason}</span> : null}
            </p>
          ) : (
            <p className="muted">No patient was found in the text. Choose the patient below.</p>
          )}
          {rec.candidates.length > 1 || (rec.candidates.length === 1 && rec.candidates[0]!.patientId !== rec.match.patientId) ? (
            <div className="records-candidates">
              <p className="small">Other patients the rules considered:</p>
              <ul>
                {rec.candidates
                  .filter((c) => c.patientId !== rec.match.patientId)
                  .map((c) => (
                    <li key={c.patientId}>
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => setChosen({ id: c.patientId, label: `${c.patientName} · MRN ${c.mrn}` })}
                      >
                        {c.patientName} · MRN {c.mrn}
                      </button>{' '}
                      <span className="small muted">
                        {c.reason} ({c.strength === 'strong' ? 'strong' : 'weak'})
                      </span>
                    </li>
                  ))}
              </ul>
            </div>
          ) : null}
          <PatientPicker id={`records-pick-${rec.id}`} label="Choose another patient" onChoose={setChosen} />
          {chosen ? (
            <p className="records-chosen">
              Chosen: <strong>{chosen.label}</strong>{' '}
              <button type="button" className="link-button" onClick={() => setChosen(null)}>
                Undo
              </button>
            </p>
          ) : null}
          <SelectField
            id={`records-type-${rec.id}`}
            label="Type"
            value={type}
            onChange={(v) => setDocType(v as RecordType)}
            options={RECORD_TYPE_OPTIONS}
            hint={rec.type.confirmed ? 'Set by a person.' : (rec.type.reason ?? undefined)}
          />
          <div className="records-form-buttons">
            {attached && !chosen ? null : (
              <button type="button" className="button button-primary" disabled={busy || !target} onClick={() => void confirm()}>
                {!target ? 'Choose a patient to confirm' : attached ? `Move to ${name(target)}` : `Confirm for ${name(target)}`}
              </button>
            )}
            {attached && !chosen && docType && docType !== rec.type.docType ? (
              <button
                type="button"
                className="button button-primary"
                disabled={busy}
                onClick={() => void act(() => api.call('records.setType', { id: rec.id, docType: type, expectedVersion: rec.version }), 'Type saved')}
              >
                Save type
              </button>
            ) : null}
            {rec.match.state !== 'rejected' ? (
              <button type="button" className="button" disabled={busy} onClick={() => setRejecting((v) => !v)} aria-expanded={rejecting}>
                Reject
              </button>
            ) : null}
          </div>
          {rejectForm}
        </section>
      ) : null}

      <section className="records-preview" aria-label="Text read from the file">
        <h4>Text read from the file</h4>
        {rec.pageTexts.length === 0 ? (
          <p className="muted">{readable
              ? 'No text was found in this file.'
              : rec.status === 'failed'
                ? 'Nothing could be read from this file.'
                : rec.status === 'duplicate'
                  ? 'The text is kept with the record found first.'
                  : 'Nothing has been read from this file yet.'}</p>
        ) : (
          rec.pageTexts.map((p) => (
            <figure key={p.page} className="records-page">
              <figcaption className="small muted">Page {p.page}</figcaption>
              <pre className="records-page-text">{p.text.trim() || '(no text on this page)'}</pre>
            </figure>
          ))
        )}
      </section>
    </article>
  );
}
