/**
 * Settings › Reminders › What reminders tell patients: the clinic's address and phone as
 * patients read them, how early to arrive, and the fasting and driver wording. The rules are
 * the backend's; its message shows beside the field it names.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { formatPhone } from '../../../../src-shared/domain/contact';
import { api } from '../../api/client';
import { Flash } from '../../components/Flash';
import { FormAlert, TextAreaField, TextField } from '../../components/Field';
import { useFlash } from '../../components/useFlash';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useRemindersStore, type ReminderSettings } from './store';

const FIELDS = ['clinicAddress', 'clinicPhone', 'arrivalLeadMinutes', 'fastingInstructions', 'driverRequirement'] as const;
type Field = (typeof FIELDS)[number];
const KNOWN = new Set<string>(FIELDS);
const fid = (f: Field) => `reminder-settings-${f}`;

type Values = Record<Field, string>;

const toValues = (s: ReminderSettings): Values => ({
  clinicAddress: s.clinicAddress ?? '',
  clinicPhone: s.clinicPhone ? formatPhone(s.clinicPhone) : '',
  arrivalLeadMinutes: String(s.arrivalLeadMinutes),
  fastingInstructions: s.fastingInstructions,
  driverRequirement: s.driverRequirement,
});

export function ReminderDetailsForm() {
  const entry = useRemindersStore((s) => s.settings);
  // Here, not in the form: the form is re-made for each saved version.
  const [flash, showFlash] = useFlash();
  useEffect(() => {
    void useRemindersStore.getState().loadSettings();
  }, []);

  return (
    <section className="panel reminders-section" aria-labelledby="reminder-details-heading">
      <div className="panel-heading">
        <h3 id="reminder-details-heading">What reminders tell patients</h3>
        <Flash message={flash} />
      </div>
      {entry?.status === 'error' && !entry.data ? (
        <div className="form-alert" role="alert">
          <p>The reminder settings could not be loaded. {entry.error}</p>
          <button type="button" className="button" onClick={() => void useRemindersStore.getState().loadSettings()}>
            Try again
          </button>
        </div>
      ) : !entry?.data ? (
        <p className="muted">Loading…</p>
      ) : (
        <DetailsForm key={entry.data.version} settings={entry.data} onSaved={() => showFlash('Saved: reminders still to send now use these details')} />
      )}
    </section>
  );
}

function DetailsForm({ settings, onSaved }: { settings: ReminderSettings; onSaved: () => void }) {
  const [v, setV] = useState<Values>(() => toValues(settings));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const set = (f: Field) => (value: string) => setV((p) => ({ ...p, [f]: value }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    const lead = v.arrivalLeadMinutes.trim();
    try {
      const saved = await api.call('reminders.settings.update', {
        expectedVersion: settings.version,
        clinicAddress: v.clinicAddress,
        clinicPhone: v.clinicPhone,
        // Text where a number belongs goes as typed, for the backend to refuse in words.
        arrivalLeadMinutes: (lead && Number.isFinite(Number(lead)) ? Number(lead) : lead || null) as number,
        fastingInstructions: v.fastingInstructions,
        driverRequirement: v.driverRequirement,
      });
      setErrors(noErrors);
      useRemindersStore.setState({ settings: { data: saved, status: 'ready', error: null } });
      onSaved();
    } catch (err) {
      const next = toFormErrors(err, { known: (f) => KNOWN.has(f) });
      setErrors(next);
      const first = FIELDS.find((f) => next.fields[f]);
      if (first) document.getElementById(fid(first))?.focus();
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form" noValidate onSubmit={onSubmit}>
      <p className="field-hint">
        Used in every reminder and in the calendar file patients get for their series. Reminders that need an address or phone
        number wait in the outbox until these are filled in.
      </p>
      <FormAlert message={errors.general} />
      <TextAreaField
        id={fid('clinicAddress')}
        label="Clinic address, as patients should read it"
        value={v.clinicAddress}
        onChange={set('clinicAddress')}
        error={errors.fields.clinicAddress}
        rows={2}
        maxLength={300}
        placeholder="1200 Lake Shore Dr, Suite 300, Chicago, IL 60611"
      />
      <div className="field-row">
        <TextField
          id={fid('clinicPhone')}
          label="Clinic phone for patients"
          type="tel"
          value={v.clinicPhone}
          onChange={set('clinicPhone')}
          error={errors.fields.clinicPhone}
          maxLength={30}
          autoComplete="off"
        />
        <TextField
          id={fid('arrivalLeadMinutes')}
          label="Arrive this many minutes early"
          required
          inputMode="numeric"
          value={v.arrivalLeadMinutes}
          onChange={set('arrivalLeadMinutes')}
          error={errors.fields.arrivalLeadMinutes}
          hint="Before IV preparation starts. The arrival time in reminders is worked out from this."
          maxLength={3}
          className="field-number"
        />
      </div>
      <TextAreaField
        id={fid('fastingInstructions')}
        label="Fasting instructions"
        required
        value={v.fastingInstructions}
        onChange={set('fastingInstructions')}
        error={errors.fields.fastingInstructions}
        hint="Fills {fastingInstructions}. The default follows the ASA fasting guidance (2 hours for clear fluids, 6 hours after a light meal): have the clinic’s physician confirm it."
        rows={3}
        maxLength={500}
      />
      <TextAreaField
        id={fid('driverRequirement')}
        label="Driver requirement"
        required
        value={v.driverRequirement}
        onChange={set('driverRequirement')}
        error={errors.fields.driverRequirement}
        hint="Fills {driverRequirement}. Discharge needs a responsible adult driver."
        rows={2}
        maxLength={500}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save reminder details'}
        </button>
      </div>
    </form>
  );
}
