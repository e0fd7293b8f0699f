/** Infusion suites (rooms or chairs): the list, switching one in or out of use, renaming, adding. */
import { useState, type FormEvent } from 'react';
import type { Suite } from '../../../../src-shared/api/schemas/clinic';
import { api } from '../../api/client';
import { Flash } from '../../components/Flash';
import { FormAlert, TextField } from '../../components/Field';
import { useFlash } from '../../components/useFlash';
import { errorText, noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useClinicStore } from '../clinic/store';

export function SuitesSection() {
  const suites = useClinicStore((s) => s.suites);
  const upsertSuite = useClinicStore((s) => s.upsertSuite);
  const [flash, showFlash] = useFlash();
  const [rowError, setRowError] = useState<string | null>(null);

  const save = async (suite: Suite, change: Partial<Pick<Suite, 'name' | 'active'>>, done: string) => {
    const saved = await api.call('suites.update', {
      id: suite.id,
      expectedVersion: suite.version,
      name: change.name ?? suite.name,
      active: change.active ?? suite.active,
      openingHours: suite.openingHours,
    });
    upsertSuite(saved);
    setRowError(null);
    showFlash(done);
  };

  return (
    <section className="panel" aria-labelledby="suites-heading">
      <div className="panel-heading">
        <h2 id="suites-heading">Suites</h2>
        <Flash message={flash} />
      </div>
      <p className="field-hint">The rooms or chairs where infusions are given. A suite that is not in use is left off the schedule.</p>
      {rowError ? (
        <p className="form-alert" role="alert">
          {rowError}
        </p>
      ) : null}
      {suites.length === 0 ? (
        <p className="muted">No suites yet. Add the first one below.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">In use</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {suites.map((s) => (
              <SuiteRow key={s.id} suite={s} save={save} onError={setRowError} />
            ))}
          </tbody>
        </table>
      )}
      <AddSuiteForm onAdded={(name) => showFlash(`${name} added`)} />
    </section>
  );
}

type SaveSuite = (suite: Suite, change: Partial<Pick<Suite, 'name' | 'active'>>, done: string) => Promise<void>;

function SuiteRow({ suite, save, onError }: { suite: Suite; save: SaveSuite; onError: (m: string) => void }) {
  const [renaming, setRenaming] = useState(false);
  const [name, setName] = useState(suite.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Shown at once while the change is saved; dropped (back to the stored value) after.
  const [pendingActive, setPendingActive] = useState<boolean | null>(null);
  const active = pendingActive ?? suite.active;
  const activeId = `suite-${suite.id}-active`;
  const nameId = `suite-${suite.id}-name`;

  const toggle = async (next: boolean) => {
    setBusy(true);
    setPendingActive(next);
    try {
      await save(suite, { active: next }, next ? `${suite.name} is in use` : `${suite.name} is out of use`);
    } catch (err) {
      onError(errorText(err));
    } finally {
      setPendingActive(null);
      setBusy(false);
    }
  };

  const rename = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await save(suite, { name }, `Renamed to ${name.trim()}`);
      setRenaming(false);
      setError(null);
    } catch (err) {
      const mapped = toFormErrors(err, { known: (f) => f === 'name' });
      setError(mapped.fields.name ?? mapped.general);
      document.getElementById(nameId)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <tr className={active ? undefined : 'inactive-row'}>
      <td>
        {renaming ? (
          <form className="inline-form" noValidate onSubmit={rename}>
            <TextField id={nameId} label={`New name for ${suite.name}`} value={name} onChange={setName} error={error} maxLength={60} autoFocus autoComplete="off" />
            <button type="submit" className="button button-primary" disabled={busy}>
              Save name
            </button>
            <button
              type="button"
              className="button button-quiet"
              onClick={() => {
                setRenaming(false);
                setName(suite.name);
                setError(null);
              }}
            >
              Cancel
            </button>
          </form>
        ) : (
          suite.name
        )}
      </td>
      <td>
        <input id={activeId} type="checkbox" checked={active} disabled={busy} onChange={(e) => void toggle(e.target.checked)} />
        <label htmlFor={activeId} className="checkbox-label">
          {active ? 'In use' : 'Not in use'}
          <span className="visually-hidden"> ({suite.name})</span>
        </label>
      </td>
      <td className="actions-cell">
        {!renaming ? (
          <button
            type="button"
            className="button button-quiet"
            onClick={() => {
              setName(suite.name);
              setRenaming(true);
            }}
          >
            Rename<span className="visually-hidden"> {suite.name}</span>
          </button>
        ) : null}
      </td>
    </tr>
  );
}

function AddSuiteForm({ onAdded }: { onAdded: (name: string) => void }) {
  const upsertSuite = useClinicStore((s) => s.upsertSuite);
  const [name, setName] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const saved = await api.call('suites.create', { name, active: true, openingHours: null });
      upsertSuite(saved);
      setName('');
      setErrors(noErrors);
      onAdded(saved.name);
    } catch (err) {
      setErrors(toFormErrors(err, { known: (f) => f === 'name' }));
      document.getElementById('new-suite-name')?.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form add-form" noValidate onSubmit={onSubmit}>
      <FormAlert message={errors.general} />
      <TextField id="new-suite-name" label="New suite name" value={name} onChange={setName} error={errors.fields.name} placeholder="e.g. Suite 3" maxLength={60} autoComplete="off" />
      <button type="submit" className="button" disabled={busy}>
        Add suite
      </button>
    </form>
  );
}
