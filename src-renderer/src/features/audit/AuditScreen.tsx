/**
 * The audit trail (administrators, permission audit.read): who opened or changed which
 * patient's data, when and on which computer, for the whole clinic. Filter by patient (search
 * by name or MRN), by person, by kind and by dates; newest first, older rows page in; the
 * same filters export as CSV. A banner says whether every computer's chain verified.
 */
import { useCallback, useEffect, useState } from 'react';
import type { MethodInput, MethodOutput } from '../../../../src-shared/api/contract';
import { ACCOUNT_KINDS, type AuditEvent } from '../../../../src-shared/api/methods/audit';
import { api } from '../../api/client';
import { DualTime } from '../../components/DualTime';
import { ScreenHeading } from '../../components/ScreenHeading';
import { errorText } from '../../lib/errors';
import { dualTime } from '../../lib/zoned-time';
import { useClinicTimeZone } from '../clinic/store';
import { downloadText } from '../documents/download';
import { PatientPicker, type ChosenPatient } from '../records/PatientPicker';
import { accountText, computerText, KIND_CHOICES, kindsFor, patientText, roleText, statusWords, whatText, whoText } from './words';
import './audit.css';

type Status = MethodOutput<'audit.status'>;
type Person = MethodOutput<'audit.users'>[number];

interface Filters {
  patient: ChosenPatient | null;
  userId: string;
  kindKey: string;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { patient: null, userId: '', kindKey: 'all', from: '', to: '' };
const PAGE = 50;

function query(f: Filters): MethodInput<'audit.exportCsv'> {
  const kinds = kindsFor(f.kindKey);
  return {
    ...(f.patient ? { patientId: f.patient.id } : {}),
    ...(f.userId ? { userId: f.userId } : {}),
    ...(kinds ? { kinds } : {}),
    ...(f.from ? { from: f.from } : {}),
    ...(f.to ? { to: f.to } : {}),
  };
}

function ChainBanner({ zone }: { zone: string }) {
  const [status, setStatus] = useState<Status | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [checking, setChecking] = useState(false);
  const load = useCallback(async (recheck: boolean) => {
    setChecking(recheck);
    try {
      setStatus(await api.call('audit.status', { recheck }));
      setError(null);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setChecking(false);
    }
  }, []);
  useEffect(() => void load(false), [load]);
  // A long trail is walked in slices after start-up: follow it until it is done.
  useEffect(() => {
    if (!status?.checking) return;
    const timer = setTimeout(() => void load(false), 1000);
    return () => clearTimeout(timer);
  }, [status, load]);
  if (error) return <p className="error-text">{error}</p>;
  if (!status) return null;
  const w = statusWords(status, (t) => dualTime(t, zone).clinic);
  return (
    <div className={`notice audit-status audit-status-${w.tone}`} role={w.tone === 'broken' ? 'alert' : 'status'} aria-label="Audit trail check">
      <p className="audit-status-headline">{w.headline}</p>
      <p className="small">{w.detail}</p>
      {w.tone === 'checking' ? null : (
        <button type="button" className="button button-small button-quiet" disabled={checking} onClick={() => void load(true)}>
          {checking ? 'Checking…' : 'Check again now'}
        </button>
      )}
    </div>
  );
}

function EventRow({ e, zone, onPatient, onPerson }: { e: AuditEvent; zone: string; onPatient: (p: ChosenPatient) => void; onPerson: (id: string) => void }) {
  const patient = patientText(e);
  const role = roleText(e.role);
  const accountEvent = ACCOUNT_KINDS.includes(e.kind);
  const account = accountText(e);
  return (
    <tr className={e.kind === 'signInFailed' ? 'audit-row-failed' : undefined}>
      <td className="audit-when">
        <DualTime instant={e.at} zone={zone} />
      </td>
      <td>
        {e.userId && e.kind !== 'signInFailed' ? (
          <button type="button" className="link-button" title="Show only this person’s events" onClick={() => onPerson(e.userId!)}>
            {whoText(e)}
          </button>
        ) : (
          whoText(e)
        )}
        {role ? <span className="muted small"> · {role}</span> : null}
      </td>
      <td>
        {whatText(e)}
        {account ? <span className="audit-account"> · {account}</span> : null}
        {e.method ? <span className="muted small mono audit-method"> {e.method}</span> : null}
      </td>
      <td>
        {patient && e.patientId ? (
          <button type="button" className="link-button" title="Show only this patient’s events" onClick={() => onPatient({ id: e.patientId!, label: patient })}>
            {patient}
          </button>
        ) : (
          <span className="muted">—</span>
        )}
        {e.subjectId && !accountEvent ? (
          <span className="muted small mono audit-subject" title={`Record, document or series id ${e.subjectId}`}>
            {' '}
            {e.subjectId.slice(0, 8)}
          </span>
        ) : null}
      </td>
      <td>{computerText(e)}</td>
    </tr>
  );
}

export function AuditScreen() {
  const zone = useClinicTimeZone();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [people, setPeople] = useState<Person[]>([]);
  const [items, setItems] = useState<AuditEvent[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  const set = (patch: Partial<Filters>) => setFilters((f) => ({ ...f, ...patch }));

  useEffect(() => {
    api.call('audit.users', {}).then(setPeople, () => setPeople([]));
  }, []);

  // The first page for these filters (again when asked to refresh).
  useEffect(() => {
    let live = true;
    setLoading(true);
    api.call('audit.list', { ...query(filters), limit: PAGE }).then(
      (page) => {
        if (!live) return;
        setItems(page.items);
        setCursor(page.nextCursor);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(errorText(e));
        setItems([]);
        setCursor(null);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [filters, reload]);

  const more = async () => {
    if (!cursor) return;
    setLoading(true);
    try {
      const page = await api.call('audit.list', { ...query(filters), limit: PAGE, cursor });
      setItems((xs) => [...xs, ...page.items]);
      setCursor(page.nextCursor);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setLoading(false);
    }
  };

  const exportCsv = async () => {
    setMessage(null);
    try {
      const out = await api.call('audit.exportCsv', query(filters));
      downloadText(out.text, out.fileName, out.mimeType);
      setMessage(`${out.fileName}: ${out.count.toLocaleString('en-US')} ${out.count === 1 ? 'event' : 'events'}.`);
    } catch (e) {
      setMessage(errorText(e));
    }
  };

  const filtered = filters !== NO_FILTERS && JSON.stringify(query(filters)) !== '{}';
  return (
    <div className="audit-screen">
      <ScreenHeading title="Audit trail" lead="Who opened or changed which patient’s data, when, and on which computer. Times in the clinic’s time zone.">
        <button type="button" className="button" onClick={() => setReload((n) => n + 1)}>
          Refresh
        </button>
        <button type="button" className="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
      </ScreenHeading>
      <ChainBanner zone={zone} />
      {message ? <p role="status">{message}</p> : null}

      <section className="audit-filters" aria-label="Filters">
        <div className="audit-filter-patient">
          {filters.patient ? (
            <div className="field">
              <span className="field-label">Patient</span>
              <p className="audit-chosen">
                <strong>{filters.patient.label}</strong>{' '}
                <button type="button" className="button button-small button-quiet" onClick={() => set({ patient: null })}>
                  Any patient
                </button>
              </p>
            </div>
          ) : (
            <PatientPicker id="audit-patient" label="Patient" onChoose={(p) => set({ patient: p })} />
          )}
        </div>
        <div className="field-row">
          <div className="field">
            <label className="field-label" htmlFor="audit-person">
              Person
            </label>
            <select id="audit-person" value={filters.userId} onChange={(e) => set({ userId: e.target.value })}>
              <option value="">Everyone</option>
              {people.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName}
                  {p.role ? ` (${roleText(p.role)})` : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label className="field-label" htmlFor="audit-kind">
              What
            </label>
            <select id="audit-kind" value={filters.kindKey} onChange={(e) => set({ kindKey: e.target.value })}>
              {KIND_CHOICES.map((c) => (
                <option key={c.key} value={c.key}>
                  {c.label}
                </option>
              ))}
            </select>
          </div>
          <label className="field field-date">
            <span className="field-label">From</span>
            <input type="date" value={filters.from} onChange={(e) => set({ from: e.target.value })} />
          </label>
          <label className="field field-date">
            <span className="field-label">To</span>
            <input type="date" value={filters.to} onChange={(e) => set({ to: e.target.value })} />
          </label>
        </div>
        {filtered ? (
          <button type="button" className="button button-small button-quiet" onClick={() => setFilters(NO_FILTERS)}>
            Clear filters
          </button>
        ) : null}
      </section>

      {error ? (
        <p className="error-text" role="alert">
          {error}
        </p>
      ) : null}
      {!loading && !error && items.length === 0 ? <p className="muted">No events match.</p> : null}
      {items.length ? (
        <table className="data-table audit-table">
          <caption className="visually-hidden">Audit events, newest first</caption>
          <thead>
            <tr>
              <th scope="col">When</th>
              <th scope="col">Who</th>
              <th scope="col">What</th>
              <th scope="col">Patient</th>
              <th scope="col">Computer</th>
            </tr>
          </thead>
          <tbody>
            {items.map((e) => (
              <EventRow key={e.id} e={e} zone={zone} onPatient={(p) => set({ patient: p })} onPerson={(id) => set({ userId: id })} />
            ))}
          </tbody>
        </table>
      ) : null}
      <p className="audit-paging">
        {loading ? <span className="muted">Loading…</span> : null}
        {!loading && cursor ? (
          <button type="button" className="button" onClick={() => void more()}>
            Show older events
          </button>
        ) : null}
        {!loading && !cursor && items.length > 0 ? <span className="muted small">{items.length.toLocaleString('en-US')} shown — that is all.</span> : null}
      </p>
    </div>
  );
}
