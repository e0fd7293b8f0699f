/** Clinical and desk staff: the list, in or out of active duty, and adding someone. */
import { useState, type FormEvent } from 'react';
import type { Staff } from '../../../../src-shared/api/schemas/clinic';
import { api } from '../../api/client';
import { Flash } from '../../components/Flash';
import { FormAlert, SelectField, TextField, type Option } from '../../components/Field';
import { useFlash } from '../../components/useFlash';
import { errorText, noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useClinicStore } from '../clinic/store';

const ROLE_LABELS: Record<Staff['role'], string> = {
  anesthesiologist: 'Anesthesiologist',
  crna: 'Nurse anesthetist (CRNA)',
  rn: 'Registered nurse (RN)',
  physician: 'Physician',
  front_desk: 'Front desk',
  assistant: 'Assistant',
};
// Typed as a Record over the contract's roles, so a new role cannot be left out here.
export const ROLE_OPTIONS: Option[] = Object.entries(ROLE_LABELS).map(([value, label]) => ({ value, label }));

export function StaffSection() {
  const staff = useClinicStore((s) => s.staff);
  const upsertStaff = useClinicStore((s) => s.upsertStaff);
  const [flash, showFlash] = useFlash();
  const [rowError, setRowError] = useState<string | null>(null);
  // Toggles show at once while they are saved; the stored value takes over after.
  const [pending, setPending] = useState<Record<string, boolean>>({});

  const toggle = async (member: Staff, active: boolean) => {
    setPending((p) => ({ ...p, [member.id]: active }));
    try {
      const saved = await api.call('staff.update', {
        id: member.id,
        expectedVersion: member.version,
        name: member.name,
        role: member.role,
        active,
      });
      upsertStaff(saved);
      setRowError(null);
      showFlash(active ? `${member.name} is active` : `${member.name} is inactive`);
    } catch (err) {
      setRowError(errorText(err));
    } finally {
      setPending((p) => {
        const rest = { ...p };
        delete rest[member.id];
        return rest;
      });
    }
  };

  return (
    <section className="panel" aria-labelledby="staff-heading">
      <div className="panel-heading">
        <h2 id="staff-heading">Staff</h2>
        <Flash message={flash} />
      </div>
      {rowError ? (
        <p className="form-alert" role="alert">
          {rowError}
        </p>
      ) : null}
      {staff.length === 0 ? (
        <p className="muted">No staff yet. Add the first person below.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Role</th>
              <th scope="col">NPI</th>
              <th scope="col">Active</th>
            </tr>
          </thead>
          <tbody>
            {staff.map((m) => {
              const activeId = `staff-${m.id}-active`;
              const active = pending[m.id] ?? m.active;
              return (
                <tr key={m.id} className={active ? undefined : 'inactive-row'}>
                  <td>{m.name}</td>
                  <td>{ROLE_LABELS[m.role]}</td>
                  <td>
                    <NpiCell member={m} onSaved={(words) => showFlash(words)} />
                  </td>
                  <td>
                    <input
                      id={activeId}
                      type="checkbox"
                      checked={active}
                      disabled={m.id in pending}
                      onChange={(e) => void toggle(m, e.target.checked)}
                    />
                    <label htmlFor={activeId} className="checkbox-label">
                      {active ? 'Active' : 'Inactive'}
                      <span className="visually-hidden"> ({m.name})</span>
                    </label>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <AddStaffForm onAdded={(name) => showFlash(`${name} added`)} />
    </section>
  );
}

function AddStaffForm({ onAdded }: { onAdded: (name: string) => void }) {
  const upsertStaff = useClinicStore((s) => s.upsertStaff);
  const [name, setName] = useState('');
  const [role, setRole] = useState('');
  const [npi, setNpi] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const saved = await api.call('staff.create', { name, role: role as Staff['role'], active: true, npi });
      upsertStaff(saved);
      setName('');
      setRole('');
      setNpi('');
      setErrors(noErrors);
      onAdded(saved.name);
    } catch (err) {
      const mapped = toFormErrors(err, { known: (f) => f === 'name' || f === 'role' || f === 'npi' });
      setErrors(mapped);
      document.getElementById(mapped.fields.name ? 'new-staff-name' : mapped.fields.role ? 'new-staff-role' : 'new-staff-npi')?.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="inline-form add-form" noValidate onSubmit={onSubmit}>
      <FormAlert message={errors.general} />
      <TextField id="new-staff-name" label="Staff name" value={name} onChange={setName} error={errors.fields.name} maxLength={120} autoComplete="off" />
      <SelectField id="new-staff-role" label="Role" value={role} onChange={setRole} options={ROLE_OPTIONS} placeholder="Choose…" error={errors.fields.role} />
      <TextField
        id="new-staff-npi"
        label="NPI (providers)"
        value={npi}
        onChange={setNpi}
        error={errors.fields.npi}
        maxLength={20}
        inputMode="numeric"
        autoComplete="off"
      />
      <button type="submit" className="button" disabled={busy}>
        Add staff member
      </button>
    </form>
  );
}

/**
 * A provider's NPI, shown and changed in place. The check digit is checked by the backend
 * (src-shared/domain/npi.ts) and a mistyped number is refused beside the input, in words.
 */
function NpiCell({ member, onSaved }: { member: Staff; onSaved: (words: string) => void }) {
  const upsertStaff = useClinicStore((s) => s.upsertStaff);
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `staff-${member.id}-npi`;
  const start = () => {
    setValue(member.npi ?? '');
    setError(null);
    setEditing(true);
    setTimeout(() => document.getElementById(id)?.focus(), 0);
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const saved = await api.call('staff.update', { id: member.id, expectedVersion: member.version, name: member.name, role: member.role, active: member.active, npi: value });
      upsertStaff(saved);
      setEditing(false);
      onSaved(saved.npi ? `NPI ${saved.npi} saved for ${saved.name}` : `NPI removed for ${saved.name}`);
    } catch (err) {
      const mapped = toFormErrors(err, { known: (f) => f === 'npi' });
      setError(mapped.fields.npi ?? mapped.general);
      document.getElementById(id)?.focus();
    } finally {
      setBusy(false);
    }
  };
  if (!editing) {
    return (
      <span className="npi-cell">
        {member.npi ? <span className="mono">{member.npi}</span> : <span className="muted">Not recorded</span>}{' '}
        <button type="button" className="button button-small button-quiet" onClick={start}>
          {member.npi ? 'Change' : 'Add'} NPI<span className="visually-hidden"> for {member.name}</span>
        </button>
      </span>
    );
  }
  return (
    <form className="inline-form npi-form" noValidate onSubmit={onSubmit}>
      <TextField id={id} label={`NPI for ${member.name}`} value={value} onChange={setValue} error={error} maxLength={20} inputMode="numeric" autoComplete="off" className="field-narrow" />
      <button type="submit" className="button button-small button-primary" disabled={busy}>
        Save NPI
      </button>
      <button type="button" className="button button-small button-quiet" onClick={() => setEditing(false)}>
        Cancel
      </button>
    </form>
  );
}
