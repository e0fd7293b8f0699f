/**
 * Add or edit one series template. Every rule (whole numbers, the least gap not above the
 * most, a window long enough for the sessions) is the backend's: its message is shown beside
 * the field it names, so the words are the same whoever asks.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { MethodInput } from '../../../../../src-shared/api/contract';
import { api } from '../../../api/client';
import { CheckboxField, FormAlert, SelectField, TextAreaField, TextField } from '../../../components/Field';
import { noErrors, toFormErrors, type FormErrors } from '../../../lib/errors';
import { SUPERVISOR_OPTIONS, minutesText } from './labels';
import { useFloorStore, type SeriesTemplate } from './store';

const NUMBER_FIELDS = ['sessionCount', 'windowDays', 'minGapDays', 'maxGapDays', 'prepMinutes', 'infusionMinutes', 'recoveryMinutes'] as const;
type NumberField = (typeof NUMBER_FIELDS)[number];
const FIELDS = ['name', ...NUMBER_FIELDS, 'supervisorRole', 'note', 'active'] as const;
type FormField = (typeof FIELDS)[number];
const KNOWN = new Set<string>(FIELDS);
const fid = (f: FormField) => `template-${f}`;

type Values = Record<Exclude<FormField, 'active'>, string> & { active: boolean };

const BLANK: Values = {
  name: '',
  sessionCount: '6',
  windowDays: '14',
  minGapDays: '1',
  maxGapDays: '4',
  prepMinutes: '30',
  infusionMinutes: '240',
  recoveryMinutes: '60',
  supervisorRole: 'rn',
  note: '',
  active: true,
};

function toValues(t: SeriesTemplate | null): Values {
  if (!t) return BLANK;
  const v: Values = { ...BLANK, name: t.name, supervisorRole: t.supervisorRole, note: t.note ?? '', active: t.active };
  for (const f of NUMBER_FIELDS) v[f] = String(t[f]);
  return v;
}

/**
 * What was typed, for the backend to judge: a number when it reads as one, null when blank
 * (so clearing a field is refused, not silently ignored), otherwise the text itself, which
 * the backend refuses with "Enter the ... as a number."
 */
function typedNumber(text: string): number | string | null {
  const t = text.trim();
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : null);

export function TemplateForm({ template, onDone }: { template: SeriesTemplate | null; onDone: (saved: SeriesTemplate | null) => void }) {
  const [v, setV] = useState<Values>(() => toValues(template));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const set = (f: Exclude<FormField, 'active'>) => (value: string) => setV((p) => ({ ...p, [f]: value }));
  const headingId = template ? 'edit-template-heading' : 'new-template-heading';

  // The form opens below the list: take the cursor (and the view) to it.
  useEffect(() => {
    document.getElementById(fid('name'))?.focus();
  }, []);

  const phases = [whole(v.prepMinutes), whole(v.infusionMinutes), whole(v.recoveryMinutes)];
  const total = phases.every((m) => m !== null) ? phases.reduce<number>((a, m) => a + m!, 0) : null;

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    const fields: Record<string, unknown> = {
      name: v.name,
      supervisorRole: v.supervisorRole,
      note: v.note.trim() || null,
    };
    for (const f of NUMBER_FIELDS) fields[f] = typedNumber(v[f]);
    try {
      // The payload may hold text where a number belongs: that is for the backend to refuse.
      const saved = template
        ? await api.call('series.templates.update', {
            ...(fields as MethodInput<'series.templates.create'>),
            id: template.id,
            expectedVersion: template.version,
            active: v.active,
          })
        : await api.call('series.templates.create', fields as MethodInput<'series.templates.create'>);
      setErrors(noErrors);
      void useFloorStore.getState().load('templates');
      onDone(saved);
    } catch (err) {
      const next = toFormErrors(err, { known: (f) => KNOWN.has(f) });
      setErrors(next);
      const first = FIELDS.find((f) => next.fields[f]);
      if (first) document.getElementById(fid(first))?.focus();
    } finally {
      setSaving(false);
    }
  }

  const num = (f: NumberField, label: string, hint?: string) => (
    <TextField
      id={fid(f)}
      label={label}
      required
      value={v[f]}
      onChange={set(f)}
      error={errors.fields[f]}
      hint={hint}
      inputMode="numeric"
      maxLength={5}
      autoComplete="off"
      className="field-number"
    />
  );

  return (
    <form className="form subform template-form" noValidate onSubmit={onSubmit} aria-labelledby={headingId}>
      <h4 id={headingId}>{template ? `Edit ${template.name}` : 'New series template'}</h4>
      <FormAlert message={errors.general} />
      <TextField id={fid('name')} label="Name" required value={v.name} onChange={set('name')} error={errors.fields.name} maxLength={100} autoComplete="off" />
      <fieldset>
        <legend>The series</legend>
        <div className="field-row">
          {num('sessionCount', 'Sessions in the series')}
          {num('windowDays', 'All within (days)', 'First and last session day both counted: 2 weeks is 14.')}
          {num('minGapDays', 'Least days between sessions', '1 means the next day.')}
          {num('maxGapDays', 'Most days between sessions')}
        </div>
      </fieldset>
      <fieldset>
        <legend>One session in the suite</legend>
        <div className="field-row">
          {num('prepMinutes', 'IV preparation (minutes)')}
          {num('infusionMinutes', 'Infusion (minutes)')}
          {num('recoveryMinutes', 'Recovery (minutes)')}
        </div>
        <p className="template-total" aria-live="polite">
          {total !== null ? (
            <>
              Each session holds the suite for <strong>{minutesText(total)}</strong>, from IV preparation to discharge.
            </>
          ) : (
            'Enter whole minutes for each part to see how long a session holds the suite.'
          )}
        </p>
        <SelectField
          id={fid('supervisorRole')}
          label="Supervised by"
          required
          value={v.supervisorRole}
          onChange={set('supervisorRole')}
          options={SUPERVISOR_OPTIONS}
          error={errors.fields.supervisorRole}
          hint="Someone with this role must be on a supervision shift, with room for one more patient, for the whole session."
        />
      </fieldset>
      <TextAreaField id={fid('note')} label="Note" value={v.note} onChange={set('note')} error={errors.fields.note} maxLength={500} />
      {template ? (
        <CheckboxField
          id={fid('active')}
          label="Offered when planning a series"
          checked={v.active}
          onChange={(active) => setV((p) => ({ ...p, active }))}
          error={errors.fields.active}
          hint="Untick to stop offering it. Series already booked from it are not changed."
        />
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {template ? 'Save template' : 'Add template'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
