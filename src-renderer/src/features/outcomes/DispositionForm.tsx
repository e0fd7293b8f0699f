/** A clinician's decision on a review flag: continue, change protocol, stop or other, with a note; kept. */
import { useState } from 'react';
import { api } from '../../api/client';
import { toFormErrors, noErrors, type FormErrors } from '../../lib/errors';
import type { Reference } from './store';

export function DispositionForm({ patientId, flagKey, reference, onDone }: { patientId: string; flagKey: string; reference: Reference; onDone: () => void }) {
  const [disposition, setDisposition] = useState('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const save = async () => {
    setBusy(true);
    setErrors(noErrors);
    try {
      await api.call('outcomes.recordDisposition', { patientId, flagKey, disposition: disposition as 'continue', note: note.trim() || null });
      onDone();
    } catch (e) {
      setErrors(toFormErrors(e, { known: (f) => f === 'disposition' || f === 'note' }));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      className="disposition-form"
      aria-label="Record a decision"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <fieldset className="field">
        <legend className="field-label">Decision</legend>
        <div className="weekday-picks">
          {reference.dispositions.map((d) => (
            <label key={d.id} className="checkbox-label">
              <input type="radio" name={`disp-${flagKey}`} value={d.id} checked={disposition === d.id} onChange={() => setDisposition(d.id)} /> {d.label}
            </label>
          ))}
        </div>
        {errors.fields['disposition'] ? <span className="field-error">{errors.fields['disposition']}</span> : null}
      </fieldset>
      <label className="field">
        <span className="field-label">Note</span>
        <textarea rows={2} value={note} onChange={(e) => setNote(e.target.value)} aria-invalid={!!errors.fields['note']} />
        {errors.fields['note'] ? <span className="field-error">{errors.fields['note']}</span> : null}
      </label>
      {errors.general ? (
        <p className="form-alert" role="alert">
          {errors.general}
        </p>
      ) : null}
      <button type="submit" className="button button-primary" disabled={busy || !disposition}>
        Record decision
      </button>
    </form>
  );
}
