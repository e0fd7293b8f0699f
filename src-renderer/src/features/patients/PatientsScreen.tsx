/**
 * The front desk's patient search: one box for name, date of birth, MRN or phone, answered
 * as they type. Enter opens the highlighted patient; arrow keys move the highlight.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { formatCalendarDate, ageOn, todayInZone } from '../../../../src-shared/domain/dates';
import { formatPhone } from '../../../../src-shared/domain/contact';
import { navigate, paths } from '../../app/router';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useCan } from '../auth/store';
import { useClinicTimeZone } from '../clinic/store';
import { usePatientsStore } from './store';

export const PATIENT_SEARCH_ID = 'patient-search';

export function PatientsScreen() {
  const canRegister = useCan('patients.write');
  const query = usePatientsStore((s) => s.query);
  const setQuery = usePatientsStore((s) => s.setQuery);
  const items = usePatientsStore((s) => s.items);
  const more = usePatientsStore((s) => s.more);
  const resultsFor = usePatientsStore((s) => s.resultsFor);
  const searching = usePatientsStore((s) => s.searching);
  const searchError = usePatientsStore((s) => s.searchError);
  const timeZone = useClinicTimeZone();
  const today = todayInZone(timeZone);
  const [active, setActive] = useState(0);
  const [shownFor, setShownFor] = useState(resultsFor);

  const boxRef = useRef<HTMLInputElement>(null);

  // The front desk opens this screen to search: the cursor starts in the box, with the last
  // search selected so typing replaces it. Fresh results each time (someone may have added
  // a patient meanwhile).
  useEffect(() => {
    boxRef.current?.focus();
    boxRef.current?.select();
    void usePatientsStore.getState().searchNow();
  }, []);

  // New results: highlight the first row again.
  if (shownFor !== resultsFor) {
    setShownFor(resultsFor);
    setActive(0);
  }

  const open = (id: string) => navigate(paths.patient(id));

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && items.length) {
      e.preventDefault();
      setActive((i) => Math.min(items.length - 1, i + 1));
    } else if (e.key === 'ArrowUp' && items.length) {
      e.preventDefault();
      setActive((i) => Math.max(0, i - 1));
    } else if (e.key === 'Enter') {
      e.preventDefault();
      // Only open a row that answers what is in the box now, not a stale one.
      const row = items[active];
      if (row && resultsFor === query && !searching) open(row.id);
    } else if (e.key === 'Escape' && query) {
      e.preventDefault();
      setQuery('');
    }
  };

  const shown = resultsFor !== null;
  const trimmedFor = (resultsFor ?? '').trim();

  return (
    <section className="screen">
      <ScreenHeading title="Patients">
        {canRegister ? (
          <button type="button" className="button button-primary" onClick={() => navigate(paths.newPatient)}>
            New patient
          </button>
        ) : null}
      </ScreenHeading>

      <div className="search-box">
        <input
          id={PATIENT_SEARCH_ID}
          type="search"
          aria-label="Search patients"
          aria-describedby="patient-search-hint"
          aria-controls="patient-results"
          placeholder="Name, date of birth, MRN or phone"
          autoComplete="off"
          spellCheck={false}
          ref={boxRef}
          value={query}
          maxLength={100}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={onKeyDown}
        />
        <p id="patient-search-hint" className="field-hint">
          Type part of a name, a date of birth (03/07/1984), an MRN or a phone number. Combine them to narrow: “garcia
          1984-03-07”. Press <kbd>/</kbd> or <kbd>Ctrl</kbd>+<kbd>K</kbd> from any screen to search.
        </p>
      </div>

      <div className="results-status" role="status" aria-live="polite">
        {searchError ? (
          <p className="error-text">{searchError}</p>
        ) : !shown ? (
          <p className="muted">{searching ? 'Loading patients…' : ''}</p>
        ) : items.length === 0 ? (
          trimmedFor ? (
            <p>
              No patients match “{trimmedFor}”. Check the spelling, or try the date of birth or phone number.
            </p>
          ) : (
            <p>No patients yet. Press New patient to add the first one.</p>
          )
        ) : (
          <p className="muted">
            {trimmedFor
              ? `${items.length}${more ? '+' : ''} ${items.length === 1 && !more ? 'patient matches' : 'patients match'}.`
              : 'Patients in alphabetical order. Type in the box to search.'}
            {searching ? ' Searching…' : ''}
          </p>
        )}
      </div>

      {items.length > 0 ? (
        <table className="data-table results-table" id="patient-results">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Date of birth</th>
              <th scope="col">MRN</th>
              <th scope="col">Phone</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p, i) => (
              <tr
                key={p.id}
                className={`clickable-row${i === active ? ' is-active' : ''}`}
                onClick={() => open(p.id)}
                onMouseEnter={() => setActive(i)}
              >
                <td>
                  <a href={paths.patient(p.id)} className="row-link">
                    {p.lastName}, {p.firstName}
                  </a>
                </td>
                <td>
                  {formatCalendarDate(p.dateOfBirth)} <span className="muted">(age {ageOn(p.dateOfBirth, today)})</span>
                </td>
                <td className="mono">{p.mrn}</td>
                <td>{p.phone ? formatPhone(p.phone) : <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}

      {more ? <p className="more-note">More results — refine your search to see the rest.</p> : null}
    </section>
  );
}
