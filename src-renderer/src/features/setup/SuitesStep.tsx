/** Setup › Suites and hours: how many infusion suites, and the days and hours the clinic is open. */
import { useState, type FormEvent } from 'react';
import type { ClinicSettings } from '../../../../src-shared/api/schemas/clinic';
import type { OpeningHours } from '../../../../src-shared/api/schemas/common';
import { api } from '../../api/client';
import { FormAlert, TextField } from '../../components/Field';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useClinicStore } from '../clinic/store';
import { StepButtons } from './StepNav';
import { newSuiteNames } from './steps';

const DAYS: { day: number; name: string }[] = [
  { day: 1, name: 'Monday' },
  { day: 2, name: 'Tuesday' },
  { day: 3, name: 'Wednesday' },
  { day: 4, name: 'Thursday' },
  { day: 5, name: 'Friday' },
  { day: 6, name: 'Saturday' },
  { day: 0, name: 'Sunday' },
];

export function SuitesStep({ settings, onSaved, onSkip, onBack }: { settings: ClinicSettings; onSaved: () => void; onSkip: () => void; onBack: () => void }) {
  const suites = useClinicStore((s) => s.suites);
  const setSettings = useClinicStore((s) => s.setSettings);
  const upsertSuite = useClinicStore((s) => s.upsertSuite);
  const active = suites.filter((s) => s.active);
  const first = settings.openingHours[0];
  const [count, setCount] = useState(String(Math.max(active.length, 3)));
  const [days, setDays] = useState<Set<number>>(() => new Set(settings.openingHours.map((h) => h.day)));
  const [open, setOpen] = useState(first?.open ?? '07:00');
  const [close, setClose] = useState(first?.close ?? '18:00');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const toggle = (day: number, on: boolean) =>
    setDays((d) => {
      const next = new Set(d);
      if (on) next.add(day);
      else next.delete(day);
      return next;
    });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const n = Number(count.trim());
    if (!/^\d{1,2}$/.test(count.trim()) || n < 1 || n > 40) {
      setErrors({ general: null, fields: { count: 'Enter how many suites, from 1 to 40.' } });
      document.getElementById('setup-suite-count')?.focus();
      return;
    }
    if (days.size === 0) {
      setErrors({ general: null, fields: { days: 'Tick at least one day the clinic is open.' } });
      return;
    }
    setBusy(true);
    try {
      const hours: OpeningHours = DAYS.filter((d) => days.has(d.day)).map((d) => ({ day: d.day, open, close }));
      const latest = useClinicStore.getState().settings ?? settings;
      const saved = await api.call('settings.update', { name: latest.name, timeZone: latest.timeZone, openingHours: hours, expectedVersion: latest.version });
      setSettings(saved);
      // Only the suites still missing are added, so saving twice (or after a crash) adds none twice.
      const current = useClinicStore.getState().suites;
      const missing = n - current.filter((s) => s.active).length;
      for (const name of newSuiteNames(
        current.map((s) => s.name),
        Math.max(0, missing),
      )) {
        upsertSuite(await api.call('suites.create', { name, active: true, openingHours: null }));
      }
      setErrors(noErrors);
      onSaved();
    } catch (err) {
      // Hours errors arrive as openingHours.<i>.open|close: every day has the same two inputs.
      const mapped = toFormErrors(err, { known: (f) => /^openingHours\.\d+\.(open|close)$/.test(f) });
      const fields: Record<string, string> = {};
      for (const [f, m] of Object.entries(mapped.fields)) fields[f.endsWith('open') ? 'open' : 'close'] ??= m;
      setErrors({ general: mapped.general, fields });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="setup-step-heading">
      <FormAlert message={errors.general} />
      <TextField
        id="setup-suite-count"
        label="How many infusion suites (rooms or chairs)?"
        value={count}
        onChange={setCount}
        error={errors.fields.count}
        inputMode="numeric"
        maxLength={2}
        className="field-narrow"
        hint={
          active.length > 0
            ? `The clinic has ${active.length} in use (${active.map((s) => s.name).join(', ')}). A larger number adds suites; none are removed here.`
            : 'They are named Suite 1, Suite 2 …; rename them under Settings › Suites and closures.'
        }
        autoFocus
      />
      <fieldset className="setup-days">
        <legend>Open on</legend>
        <div className="setup-day-list">
          {DAYS.map((d) => (
            <label key={d.day} className="setup-day">
              <input type="checkbox" checked={days.has(d.day)} onChange={(e) => toggle(d.day, e.target.checked)} /> {d.name}
            </label>
          ))}
        </div>
        {errors.fields.days ? (
          <p className="field-error" role="alert">
            {errors.fields.days}
          </p>
        ) : null}
      </fieldset>
      <div className="setup-hours">
        <TextField id="setup-open" label="Opens at" type="time" value={open} onChange={setOpen} error={errors.fields.open} />
        <TextField id="setup-close" label="Closes at" type="time" value={close} onChange={setClose} error={errors.fields.close} />
      </div>
      <p className="field-hint">In the clinic’s time zone. Different hours on some days, or a midday closure, can be set under Settings › Clinic.</p>
      <StepButtons busy={busy} onBack={onBack} onSkip={onSkip} />
    </form>
  );
}
