/**
 * Full-text search across every indexed record, with the matched words highlighted in each
 * snippet (rendered as <mark> from the parts the backend marks as hits, never as HTML),
 * filters by patient, type and received date, and the original one click away.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { MethodInput, MethodOutput } from '../../../../src-shared/api/contract';
import type { RecordType } from '../../../../src-shared/api/schemas/records';
import { api } from '../../api/client';
import { DualTime } from '../../components/DualTime';
import { FormAlert, SelectField, TextField } from '../../components/Field';
import { errorText, noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useClinicTimeZone } from '../clinic/store';
import { MATCH_LABELS, RECORD_TYPE_OPTIONS, matchTone, matchedPatientText } from './labels';
import { openRecordFile } from './open-record';
import { PatientPicker, type ChosenPatient } from './PatientPicker';
import { useRecordsStore } from './store';

type SearchInput = MethodInput<'records.search'>;
type SearchOutput = MethodOutput<'records.search'>;
type Hit = SearchOutput['items'][number];
const FIELDS = ['q', 'docType', 'from', 'to', 'patientId'] as const;

export function RecordsSearch() {
  const version = useRecordsStore((s) => s.version);
  const [q, setQ] = useState('');
  const [patient, setPatient] = useState<ChosenPatient | null>(null);
  const [docType, setDocType] = useState<RecordType | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [asked, setAsked] = useState<SearchInput | null>(null);
  const [result, setResult] = useState<SearchOutput | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  useEffect(() => {
    if (!asked) return;
    let current = true;
    api.call('records.search', asked).then(
      (out) => {
        if (!current) return;
        setResult(out);
        setErrors(noErrors);
      },
      (err: unknown) => {
        if (!current) return;
        setResult(null);
        setErrors(toFormErrors(err, { known: (f) => (FIELDS as readonly string[]).includes(f) }));
      },
    );
    return () => {
      current = false;
    };
  }, [asked, version]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setAsked({
      q,
      limit: 20,
      offset: 0,
      ...(patient ? { patientId: patient.id } : {}),
      ...(docType ? { docType } : {}),
      ...(from ? { from } : {}),
      ...(to ? { to } : {}),
    });
  };

  return (
    <section className="panel records-search" aria-labelledby="records-search-heading">
      <div className="panel-heading">
        <h2 id="records-search-heading">Search records</h2>
      </div>
      <form className="records-search-form" noValidate onSubmit={submit} role="search" aria-label="Search records">
        <FormAlert message={errors.general} />
        <TextField
          id="records-q"
          label="Words to find"
          type="search"
          value={q}
          onChange={setQ}
          error={errors.fields.q}
          maxLength={200}
          placeholder="stellate ganglion, gabapentin, denial…"
          className="records-field-q"
        />
        <SelectField
          id="records-filter-type"
          label="Type"
          value={docType}
          onChange={(v) => setDocType(v as RecordType | '')}
          options={RECORD_TYPE_OPTIONS}
          placeholder="All types"
          error={errors.fields.docType}
        />
        <div className={`field field-date${errors.fields.from ? ' field-has-error' : ''}`}>
          <div className="field-label">
            <label htmlFor="records-from">Received from</label>
          </div>
          <input id="records-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={errors.fields.from ? true : undefined} aria-describedby={errors.fields.from ? 'records-from-error' : undefined} />
          {errors.fields.from ? (
            <p id="records-from-error" className="field-error">
              {errors.fields.from}
            </p>
          ) : null}
        </div>
        <div className={`field field-date${errors.fields.to ? ' field-has-error' : ''}`}>
          <div className="field-label">
            <label htmlFor="records-to">Received to</label>
          </div>
          <input id="records-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={errors.fields.to ? true : undefined} aria-describedby={errors.fields.to ? 'records-to-error' : undefined} />
          {errors.fields.to ? (
            <p id="records-to-error" className="field-error">
              {errors.fields.to}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button-primary">
          Search
        </button>
        <div className="records-search-patient">
          {patient ? (
            <p>
              Only records of <strong>{patient.label}</strong>{' '}
              <button type="button" className="link-button" onClick={() => setPatient(null)}>
                Any patient
              </button>
            </p>
          ) : (
            <PatientPicker id="records-filter-patient" label="Only this patient’s records (optional)" onChoose={setPatient} />
          )}
        </div>
      </form>
      {result ? <SearchResults result={result} /> : null}
      {result && asked && result.total > result.items.length && (asked.limit ?? 20) < 100 ? (
        <button type="button" className="button" onClick={() => setAsked({ ...asked, limit: Math.min(100, (asked.limit ?? 20) + 20) })}>
          Show more results
        </button>
      ) : null}
    </section>
  );
}

/** "3 records found", "1,000 records found", or "More than 1,000 records found" when the count stopped. */
function foundText(result: Pick<SearchOutput, 'total' | 'totalCapped'>): string {
  const n = result.total.toLocaleString('en-US');
  if (result.totalCapped) return `More than ${n} records found`;
  return `${n} record${result.total === 1 ? '' : 's'} found`;
}

function SearchResults({ result }: { result: SearchOutput }) {
  const zone = useClinicTimeZone();
  if (result.items.length === 0) {
    return <p className="muted">No record contains {result.terms.length ? result.terms.map((t) => `“${t}”`).join(' and ') : 'these words'}.</p>;
  }
  return (
    <>
      <p className="small muted" role="status">
        {foundText(result)}
        {result.total > result.items.length
          ? `; the best ${result.items.length} are shown${result.items.length >= 100 || result.totalCapped ? ' (add words or filters to narrow it)' : ''}`
          : ''}
        .
      </p>
      <ol className="records-results" aria-label="Search results">
        {result.items.map((hit) => (
          <SearchHit key={hit.record.id} hit={hit} zone={zone} />
        ))}
      </ol>
    </>
  );
}

function SearchHit({ hit, zone }: { hit: Hit; zone: string }) {
  const r = hit.record;
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const who = matchedPatientText(r.match);
  return (
    <li className="records-result" aria-label={r.fileName}>
      <div className="records-row-head">
        <span className="records-row-name">{r.fileName}</span>
        <span className="small muted">
          {r.type.label} · Received <DualTime instant={r.receivedAt} zone={zone} />
        </span>
        <button
          type="button"
          className="button button-small"
          onClick={() =>
            void openRecordFile(r.id).then(
              (n) => setNote(n),
              (err: unknown) => setError(errorText(err)),
            )
          }
        >
          Open<span className="visually-hidden"> {r.fileName}</span>
        </button>
      </div>
      <p className="records-snippet">
        {hit.snippet.map((part, i) => (part.hit ? <mark key={i}>{part.text}</mark> : <span key={i}>{part.text}</span>))}
      </p>
      <p className="small">
        {who ? <strong>{who}</strong> : null} <span className={`badge badge-${matchTone(r.match.state)}`}>{MATCH_LABELS[r.match.state]}</span>
      </p>
      {note ? <p className="notice small">{note}</p> : null}
      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
    </li>
  );
}
