/**
 * Setup › Staff and shifts: the people, and for the ones who supervise infusions (an
 * anesthesiologist, nurse anesthetist or registered nurse) a shift on every open day with how
 * many patients they watch at once, starting at the clinic's stated default.
 */
import { useState, type FormEvent } from 'react';
import type { ClinicSettings } from '../../../../src-shared/api/schemas/clinic';
import { DEFAULT_PATIENTS_AT_ONCE, PATIENTS_AT_ONCE_REASON, infusionsAtOnce } from '../../../../src-shared/domain/series/staffing';
import { api } from '../../api/client';
import { FormAlert, SelectField, TextField } from '../../components/Field';
import { errorText, noErrors, type FormErrors } from '../../lib/errors';
import { useClinicStore } from '../clinic/store';
import { ROLE_OPTIONS } from '../settings/StaffSection';
import { StepButtons } from './StepNav';

const SUPERVISES = new Set(['anesthesiologist', 'crna', 'rn']);

interface Person {
  key: number;
  name: string;
  role: string;
  atOnce: string;
  /** Saved already (a retry after an error must not add them twice). */
  savedId: string | null;
}

let keys = 0;
const blank = (): Person => ({ key: ++keys, name: '', role: 'rn', atOnce: String(DEFAULT_PATIENTS_AT_ONCE), savedId: null });

export function StaffStep({ settings, onSaved, onSkip, onBack }: { settings: ClinicSettings; onSaved: () => void; onSkip: () => void; onBack: () => void }) {
  const staff = useClinicStore((s) => s.staff);
  const suites = useClinicStore((s) => s.suites).filter((s) => s.active);
  const upsertStaff = useClinicStore((s) => s.upsertStaff);
  const [people, setPeople] = useState<Person[]>(() => [blank()]);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const set = (key: number, patch: Partial<Person>) => setPeople((ps) => ps.map((p) => (p.key === key ? { ...p, ...patch } : p)));
  const capacities = people.filter((p) => p.name.trim() && SUPERVISES.has(p.role)).map((p) => Number(p.atOnce) || 0);
  const atOnce = infusionsAtOnce(suites.length, capacities);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const fields: Record<string, string> = {};
    for (const p of people) {
      if (!p.name.trim() || !SUPERVISES.has(p.role)) continue;
      const n = Number(p.atOnce.trim());
      if (!/^\d{1,2}$/.test(p.atOnce.trim()) || n < 1 || n > 20) fields[`atonce-${p.key}`] = 'Enter how many patients at once, from 1 to 20.';
    }
    if (Object.keys(fields).length) {
      setErrors({ general: null, fields });
      document.getElementById(Object.keys(fields)[0]!)?.focus();
      return;
    }
    setBusy(true);
    let current: Person | null = null;
    try {
      for (const p of people) {
        if (!p.name.trim() || p.savedId) continue;
        current = p;
        const saved = await api.call('staff.create', { name: p.name, role: p.role as never, active: true });
        upsertStaff(saved);
        set(p.key, { savedId: saved.id });
        if (SUPERVISES.has(p.role)) {
          const shifts = settings.openingHours.map((h) => ({ weekday: h.day, startTime: h.open, endTime: h.close, maxConcurrent: Number(p.atOnce) }));
          await api.call('shifts.setWeekly', { staffId: saved.id, shifts });
        }
      }
      setErrors(noErrors);
      onSaved();
    } catch (err) {
      // The refusal goes beside the person it is about.
      setErrors(current ? { general: null, fields: { [`name-${current.key}`]: errorText(err) } } : { general: errorText(err), fields: {} });
      if (current) document.getElementById(`name-${current.key}`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form setup-staff" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="setup-step-heading">
      <FormAlert message={errors.general} />
      <div className="setup-capacity notice">
        <p>
          <strong>Each nurse or anesthetist on shift watches up to {DEFAULT_PATIENTS_AT_ONCE} patients at once</strong> unless you change it here.{' '}
          {PATIENTS_AT_ONCE_REASON} An infusion is only booked while someone on shift has room for one more.
        </p>
        <p data-testid="setup-capacity-now">
          {suites.length === 0
            ? 'No suites yet: add them in the step before.'
            : `With ${suites.length} ${suites.length === 1 ? 'suite' : 'suites'} and the people below, up to ${atOnce} ${atOnce === 1 ? 'infusion' : 'infusions'} can run at the same time.`}
        </p>
      </div>
      {staff.length > 0 ? <p className="muted">Already here: {staff.map((s) => s.name).join(', ')}.</p> : null}
      {people.map((p, i) => (
        <fieldset key={p.key} className="setup-person">
          <legend className="visually-hidden">Person {i + 1}</legend>
          <TextField id={`name-${p.key}`} label={`Name, person ${i + 1}`} value={p.name} onChange={(name) => set(p.key, { name })} error={errors.fields[`name-${p.key}`]} maxLength={120} autoComplete="off" />
          <SelectField id={`role-${p.key}`} label={`Role, person ${i + 1}`} value={p.role} onChange={(role) => set(p.key, { role })} options={ROLE_OPTIONS} />
          {SUPERVISES.has(p.role) ? (
            <TextField
              id={`atonce-${p.key}`}
              label={`Patients at once, person ${i + 1}`}
              value={p.atOnce}
              onChange={(atOnce) => set(p.key, { atOnce })}
              error={errors.fields[`atonce-${p.key}`]}
              inputMode="numeric"
              maxLength={2}
              className="field-narrow"
              hint="On shift whenever the clinic is open."
            />
          ) : (
            <p className="muted setup-person-note">Does not supervise infusions.</p>
          )}
          {p.savedId ? <p className="setup-person-saved">Saved</p> : null}
        </fieldset>
      ))}
      <p>
        <button type="button" className="button" onClick={() => setPeople((ps) => [...ps, blank()])}>
          Add another person
        </button>
      </p>
      <StepButtons busy={busy} onBack={onBack} onSkip={onSkip} />
    </form>
  );
}
