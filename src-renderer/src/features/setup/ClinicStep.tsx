/** Setup › Clinic and time zone: the name the header shows, and the zone every schedule is in. */
import { useMemo, useState, type FormEvent } from 'react';
import type { ClinicSettings } from '../../../../src-shared/api/schemas/clinic';
import { formatDualTime } from '../../../../src-shared/domain/clock-display';
import { api } from '../../api/client';
import { FieldMessages, FormAlert, TextField, describedBy } from '../../components/Field';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { zoneOption, zoneOptions } from '../../lib/timezones';
import { useClinicStore } from '../clinic/store';
import { StepButtons } from './StepNav';
import { computerTimeZone } from './steps';

export function ClinicStep({ settings, onSaved, onSkip }: { settings: ClinicSettings; onSaved: () => void; onSkip: () => void }) {
  const setSettings = useClinicStore((s) => s.setSettings);
  const suggested = computerTimeZone();
  const [name, setName] = useState(settings.name === 'New clinic' ? '' : settings.name);
  const [zone, setZone] = useState(suggested && zoneOptions().some((z) => z.value === suggested) ? suggested : settings.timeZone);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const zones = useMemo(() => {
    const all = zoneOptions();
    return all.some((z) => z.value === zone) ? all : [zoneOption(zone), ...all];
  }, [zone]);

  let nowThere: string | null = null;
  try {
    nowThere = formatDualTime(Date.now(), zone, zone, { withDate: true }).clinic;
  } catch {
    nowThere = null;
  }
  const hint = [
    suggested ? (zone === suggested ? `This computer’s time zone (${suggested}) is suggested.` : `This computer is set to ${suggested}.`) : null,
    nowThere ? `It is now ${nowThere} there.` : null,
  ]
    .filter(Boolean)
    .join(' ');

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const saved = await api.call('settings.update', { name, timeZone: zone, openingHours: settings.openingHours, expectedVersion: settings.version });
      setSettings(saved);
      setErrors(noErrors);
      onSaved();
    } catch (err) {
      const mapped = toFormErrors(err, { known: (f) => f === 'name' || f === 'timeZone' });
      setErrors(mapped);
      document.getElementById(mapped.fields.name ? 'setup-clinic-name' : 'setup-clinic-zone')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="setup-step-heading">
      <FormAlert message={errors.general} />
      <TextField
        id="setup-clinic-name"
        label="Clinic name"
        required
        value={name}
        onChange={setName}
        error={errors.fields.name}
        maxLength={120}
        autoComplete="organization"
        hint="Shown at the top of every screen and on letters and reports."
        autoFocus
      />
      <div className={`field${errors.fields.timeZone ? ' field-has-error' : ''}`}>
        <label htmlFor="setup-clinic-zone" className="field-label">
          Time zone
        </label>
        <select
          id="setup-clinic-zone"
          value={zone}
          onChange={(e) => setZone(e.target.value)}
          aria-invalid={errors.fields.timeZone ? true : undefined}
          aria-describedby={describedBy('setup-clinic-zone', errors.fields.timeZone, hint || null)}
        >
          {zones.map((z) => (
            <option key={z.value} value={z.value}>
              {z.label}
            </option>
          ))}
        </select>
        <FieldMessages id="setup-clinic-zone" error={errors.fields.timeZone} hint={hint || null} />
        <p className="field-hint">Every schedule and “today” follow the clinic’s zone. Staff working from elsewhere see their own time beside it.</p>
      </div>
      <StepButtons busy={busy} onBack={null} onSkip={onSkip} />
    </form>
  );
}
