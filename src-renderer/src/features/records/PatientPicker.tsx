/**
 * Choose a patient by typing part of a name or MRN (patients.search), for correcting a
 * record's match and for the search filter. Shows name, date of birth and MRN so two
 * patients with the same name are told apart.
 */
import { useEffect, useState } from 'react';
import type { PatientSummary } from '../../../../src-shared/api/schemas/patients';
import { formatCalendarDate } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { errorText } from '../../lib/errors';

export interface ChosenPatient {
  id: string;
  label: string;
}

export function patientLabel(p: Pick<PatientSummary, 'firstName' | 'lastName' | 'dateOfBirth' | 'mrn'>): string {
  return `${p.lastName}, ${p.firstName} · born ${formatCalendarDate(p.dateOfBirth)} · MRN ${p.mrn}`;
}

export function PatientPicker({ id, label, onChoose }: { id: string; label: string; onChoose: (p: ChosenPatient) => void }) {
  const [q, setQ] = useState('');
  const [items, setItems] = useState<PatientSummary[]>([]);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The text the shown list answers: "no patient matches" only once the search has answered.
  const [answered, setAnswered] = useState('');

  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setItems([]);
      setMore(false);
      return;
    }
    let current = true;
    // Wait for a pause in typing before asking.
    const timer = setTimeout(() => {
      api.call('patients.search', { q: text, limit: 8 }).then(
        (out) => {
          if (!current) return;
          setItems(out.items);
          setMore(out.more);
          setAnswered(text);
          setError(null);
        },
        (err: unknown) => current && setError(errorText(err)),
      );
    }, 200);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q]);

  const text = q.trim();
  return (
    <div className="records-picker">
      <div className="field">
        <div className="field-label">
          <label htmlFor={id}>{label}</label>
        </div>
        <input
          id={id}
          type="search"
          value={q}
          autoComplete="off"
          placeholder="Name or MRN"
          onChange={(e) => setQ(e.target.value)}
          aria-describedby={`${id}-hint`}
        />
        <p id={`${id}-hint`} className="field-hint">
          Type at least two letters of the name, or the MRN.
        </p>
      </div>
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      {text.length >= 2 && answered === text && items.length === 0 && !error ? <p className="muted small">No patient matches “{text}”.</p> : null}
      {items.length ? (
        <ul className="records-picker-list" aria-label={`Patients matching ${text}`}>
          {items.map((p) => (
            <li key={p.id}>
              <button
                type="button"
                className="link-button"
                onClick={() => {
                  onChoose({ id: p.id, label: patientLabel(p) });
                  setQ('');
                }}
              >
                {patientLabel(p)}
              </button>
            </li>
          ))}
          {more ? <li className="muted small">More patients match; type more of the name.</li> : null}
        </ul>
      ) : null}
    </div>
  );
}
