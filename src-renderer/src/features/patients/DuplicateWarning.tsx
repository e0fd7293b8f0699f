/**
 * Likely duplicates, said before the harm is done: on the new-patient form before saving
 * (open one, or save as a new patient anyway), and on the chart while another live record
 * looks like the same person (an administrator can merge the two from there).
 */
import { useEffect, useState } from 'react';
import type { LikelyDuplicate, PatientDetail, PatientSummary } from '../../../../src-shared/api/schemas/patients';
import { formatCalendarDate } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { paths } from '../../app/router';
import { useCan } from '../auth/store';
import { duplicateReasons, phoneText } from './labels';
import { MergeDialog, type MergeRequest } from './MergeDialog';
import './patients-merge.css';

function Match({ m, children }: { m: LikelyDuplicate; children?: React.ReactNode }) {
  return (
    <li className="duplicate-item" aria-label={`${m.firstName} ${m.lastName}, MRN ${m.mrn}`}>
      <span className="duplicate-who">
        <strong>
          {m.lastName}, {m.firstName}
        </strong>{' '}
        · MRN <span className="mono">{m.mrn}</span> · born {formatCalendarDate(m.dateOfBirth)}
        {m.phone ? ` · ${phoneText(m.phone)}` : ''}
        <br />
        <span className="duplicate-why">{duplicateReasons(m.reasons)}</span>
      </span>
      <a className="button" href={paths.patient(m.id)}>
        Open this patient
      </a>
      {children}
    </li>
  );
}

/** On the new-patient form, after Save found likely matches. */
export function DuplicateWarning({ matches, onSaveAnyway, saving }: { matches: LikelyDuplicate[]; onSaveAnyway: () => void; saving: boolean }) {
  return (
    <section className="duplicate-warning" role="alert" aria-labelledby="duplicate-warning-title">
      <h2 id="duplicate-warning-title">This patient may already be registered</h2>
      <p>
        {matches.length === 1 ? 'A patient on file looks like the same person.' : `${matches.length} patients on file look like the same person.`} Open the
        record to check it before you save a second one.
      </p>
      <ul className="duplicate-list">
        {matches.map((m) => (
          <Match key={m.id} m={m} />
        ))}
      </ul>
      <button type="button" className="button" onClick={onSaveAnyway} disabled={saving}>
        Save as a new patient anyway
      </button>
    </section>
  );
}

type Who = Pick<PatientSummary, 'id' | 'firstName' | 'lastName' | 'dateOfBirth' | 'phone' | 'mrn'>;

/** The chart's check for a patient: the same input whether asked early or by the panel. */
function checkInput({ id, firstName, lastName, dateOfBirth, phone, mrn }: Who) {
  return { firstName, lastName, dateOfBirth, ...(phone ? { phone } : {}), mrn, excludeId: id };
}

/** Checks asked ahead of the chart's panel, by their input; each is taken once, or forgotten. */
const askedEarly = new Map<string, Promise<LikelyDuplicate[]>>();
const EARLY_KEEP_MS = 10_000;

/**
 * Ask the chart's likely-duplicates check now, from what the search list already shows of the
 * patient (the same fields the check reads), while the chart's details are still on their way:
 * the panel then takes this answer instead of asking after the details arrive. A check whose
 * input turns out different (the details say otherwise) is simply not taken.
 */
export function askDuplicatesEarly(who: Who): void {
  const input = checkInput(who);
  const key = JSON.stringify(input);
  if (askedEarly.has(key)) return;
  const answer = api.call('patients.findLikelyDuplicates', input).then((r) => r.matches);
  // Not taken (the chart closed, or its details differ): nothing waits on it.
  answer.catch(() => undefined);
  askedEarly.set(key, answer);
  setTimeout(() => {
    if (askedEarly.get(key) === answer) askedEarly.delete(key);
  }, EARLY_KEEP_MS);
}

function takeEarly(key: string): Promise<LikelyDuplicate[]> | undefined {
  const answer = askedEarly.get(key);
  askedEarly.delete(key);
  return answer;
}

/** On the chart: other live records that look like this patient; Merge for an administrator. */
export function LikelyDuplicatesPanel({ patient }: { patient: PatientDetail }) {
  const [matches, setMatches] = useState<LikelyDuplicate[]>([]);
  const [merge, setMerge] = useState<MergeRequest | null>(null);
  const canMerge = useCan('patients.merge');
  const { id, firstName, lastName, dateOfBirth, phone, mrn, version } = patient;

  useEffect(() => {
    let live = true;
    const input = checkInput({ id, firstName, lastName, dateOfBirth, phone, mrn });
    (takeEarly(JSON.stringify(input)) ?? api.call('patients.findLikelyDuplicates', input).then((r) => r.matches))
      .then((found) => live && setMatches(found))
      // A check that could not run hides nothing the person needs: the chart stands without it.
      .catch(() => live && setMatches([]));
    return () => {
      live = false;
    };
  }, [id, firstName, lastName, dateOfBirth, phone, mrn, version]);

  if (!matches.length) return null;
  return (
    <section className="duplicate-warning" aria-labelledby="likely-duplicates-title">
      <h2 id="likely-duplicates-title">{matches.length === 1 ? 'Another record may be this patient' : `${matches.length} other records may be this patient`}</h2>
      <ul className="duplicate-list">
        {matches.map((m) => (
          <Match key={m.id} m={m}>
            {canMerge ? (
              <button type="button" className="button" onClick={() => setMerge({ a: patient, b: m })}>
                Merge…
              </button>
            ) : null}
          </Match>
        ))}
      </ul>
      {canMerge ? null : <p className="muted">If they are one person, ask an administrator to merge the records.</p>}
      <MergeDialog request={merge} onClose={() => setMerge(null)} />
    </section>
  );
}
