/**
 * Add or edit one reminder template: when it goes, how, and what it says. The placeholder
 * list beside the message inserts a placeholder where the cursor is; the preview fills them
 * with sample values as you type. Whether the text is acceptable is the backend's call: its
 * message (an unknown {placeholder} named, with the near one suggested) shows beside the field.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { MethodInput } from '../../../../src-shared/api/contract';
import { PLACEHOLDERS, TEMPLATE_CHANNELS, type TemplateChannel } from '../../../../src-shared/api/schemas/reminders';
import { api } from '../../api/client';
import { CheckboxField, FormAlert, SelectField, TextAreaField, TextField } from '../../components/Field';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { TEMPLATE_CHANNEL_LABELS, previewTemplate, smsSize } from './labels';
import { useRemindersStore, type ReminderTemplate } from './store';

const FIELDS = ['name', 'offset', 'offset.hours', 'offset.time', 'channel', 'subject', 'body', 'note', 'active'] as const;
type Field = (typeof FIELDS)[number];
const KNOWN = new Set<string>(FIELDS);
const fid = (f: Field) => `reminder-template-${f.replace('.', '-')}`;

interface Values {
  name: string;
  kind: 'hours_before' | 'day_before';
  hours: string;
  time: string;
  channel: TemplateChannel;
  subject: string;
  body: string;
  note: string;
  active: boolean;
}

const BLANK: Values = {
  name: '',
  kind: 'hours_before',
  hours: '24',
  time: '18:00',
  channel: 'preferred',
  subject: 'Your infusion at {clinicName} on {date}',
  body: 'Hello {firstName}, a reminder of your infusion at {clinicName} on {date}. Please arrive by {arrivalTime}.',
  note: '',
  active: true,
};

function toValues(t: ReminderTemplate | null): Values {
  if (!t) return BLANK;
  return {
    name: t.name,
    kind: t.offset.kind,
    hours: t.offset.kind === 'hours_before' ? String(t.offset.hours) : BLANK.hours,
    time: t.offset.kind === 'day_before' ? t.offset.time : BLANK.time,
    channel: t.channel,
    subject: t.subject ?? '',
    body: t.body,
    note: t.note ?? '',
    active: t.active,
  };
}

const CHANNEL_OPTIONS = TEMPLATE_CHANNELS.map((c) => ({ value: c, label: TEMPLATE_CHANNEL_LABELS[c] }));

export function ReminderTemplateForm({ template, onDone }: { template: ReminderTemplate | null; onDone: (saved: ReminderTemplate | null) => void }) {
  const [v, setV] = useState<Values>(() => toValues(template));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const bodyRef = useRef<HTMLTextAreaElement | null>(null);
  const set =
    <K extends keyof Values>(k: K) =>
    (value: Values[K]) => {
      setV((p) => ({ ...p, [k]: value }));
      // A message about what was just changed no longer applies; the others stay until the next save.
      const gone = k === 'hours' || k === 'time' || k === 'kind' ? ['offset', 'offset.hours', 'offset.time'] : [k];
      setErrors((e) => (gone.some((f) => f in e.fields) ? { ...e, fields: Object.fromEntries(Object.entries(e.fields).filter(([f]) => !gone.includes(f))) } : e));
    };
  const headingId = template ? 'edit-reminder-template-heading' : 'new-reminder-template-heading';

  useEffect(() => {
    document.getElementById(fid('name'))?.focus();
    bodyRef.current = document.getElementById(fid('body')) as HTMLTextAreaElement | null;
  }, []);

  const insert = (key: string) => {
    const el = bodyRef.current;
    const token = `{${key}}`;
    const start = el?.selectionStart ?? v.body.length;
    const end = el?.selectionEnd ?? v.body.length;
    set('body')(v.body.slice(0, start) + token + v.body.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(start + token.length, start + token.length);
    });
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    const hours = v.hours.trim();
    const fields = {
      name: v.name,
      // Text where a number belongs goes as typed, for the backend to refuse in words.
      offset: v.kind === 'hours_before' ? { kind: v.kind, hours: hours && Number.isFinite(Number(hours)) ? Number(hours) : hours || null } : { kind: v.kind, time: v.time },
      channel: v.channel,
      subject: v.channel === 'sms' ? null : v.subject,
      body: v.body,
      note: v.note.trim() || null,
    } as MethodInput<'reminders.templates.create'>;
    try {
      const saved = template
        ? await api.call('reminders.templates.update', { ...fields, id: template.id, expectedVersion: template.version, active: v.active })
        : await api.call('reminders.templates.create', fields);
      setErrors(noErrors);
      void useRemindersStore.getState().loadTemplates();
      onDone(saved);
    } catch (err) {
      const next = toFormErrors(err, { known: (f) => KNOWN.has(f) });
      setErrors(next);
      const first = FIELDS.find((f) => next.fields[f]);
      if (first) document.getElementById(fid(first === 'offset' ? (v.kind === 'hours_before' ? 'offset.hours' : 'offset.time') : first))?.focus();
    } finally {
      setSaving(false);
    }
  }

  const preview = previewTemplate(v.body);
  const subjectPreview = v.channel !== 'sms' ? previewTemplate(v.subject) : null;
  const size = smsSize(preview.text);
  const offsetError = errors.fields['offset.hours'] ?? errors.fields['offset.time'] ?? errors.fields.offset;

  return (
    <form className="form subform reminder-template-form" noValidate onSubmit={onSubmit} aria-labelledby={headingId}>
      <h4 id={headingId}>{template ? `Edit ${template.name}` : 'New reminder'}</h4>
      <FormAlert message={errors.general} />
      <TextField id={fid('name')} label="Name" required value={v.name} onChange={set('name')} error={errors.fields.name} maxLength={100} autoComplete="off" />

      <fieldset className="reminder-when">
        <legend>When it goes</legend>
        <div className="reminder-when-choice">
          <input id="reminder-kind-hours" type="radio" name="reminder-kind" checked={v.kind === 'hours_before'} onChange={() => set('kind')('hours_before')} />
          <label htmlFor="reminder-kind-hours">Hours before the session</label>
          {v.kind === 'hours_before' ? (
            <TextField
              id={fid('offset.hours')}
              label="Hours before"
              value={v.hours}
              onChange={set('hours')}
              error={offsetError}
              inputMode="numeric"
              maxLength={4}
              className="field-number"
              hint="Counted on the clinic’s clock: 48 hours before a Monday 10:00 session is Saturday at 10:00, even when the clocks change."
            />
          ) : null}
        </div>
        <div className="reminder-when-choice">
          <input id="reminder-kind-day" type="radio" name="reminder-kind" checked={v.kind === 'day_before'} onChange={() => set('kind')('day_before')} />
          <label htmlFor="reminder-kind-day">The day before, at a set time</label>
          {v.kind === 'day_before' ? (
            <TextField
              id={fid('offset.time')}
              label="Time (clinic time)"
              type="time"
              value={v.time}
              onChange={set('time')}
              error={offsetError}
              className="field-narrow"
            />
          ) : null}
        </div>
      </fieldset>

      <SelectField
        id={fid('channel')}
        label="Send by"
        value={v.channel}
        onChange={(c) => set('channel')(c as TemplateChannel)}
        options={CHANNEL_OPTIONS}
        error={errors.fields.channel}
        hint="The preferred way follows each patient’s details: a text, an e-mail, or, for patients who prefer a call, a call for the front desk to make."
      />
      {v.channel !== 'sms' ? (
        <TextField
          id={fid('subject')}
          label="E-mail subject"
          required
          value={v.subject}
          onChange={set('subject')}
          error={errors.fields.subject}
          maxLength={200}
          autoComplete="off"
          hint={subjectPreview?.text ? `With sample values: ${subjectPreview.text}` : undefined}
        />
      ) : null}

      <div className="reminder-body-row">
        <TextAreaField
          id={fid('body')}
          label="Message"
          required
          value={v.body}
          onChange={set('body')}
          error={errors.fields.body}
          rows={6}
          maxLength={1000}
          hint="Write placeholders in braces, like {firstName}; each is filled in for the patient and session."
        />
        <div className="placeholder-help" role="group" aria-labelledby="placeholder-help-heading">
          <p id="placeholder-help-heading" className="small-heading">
            Placeholders (click to insert)
          </p>
          <ul>
            {PLACEHOLDERS.map((p) => (
              <li key={p.key}>
                <button type="button" className="link-button mono" onClick={() => insert(p.key)}>
                  {`{${p.key}}`}
                </button>{' '}
                <span className="muted small">{p.label}</span>
              </li>
            ))}
          </ul>
        </div>
      </div>

      <div className="reminder-preview" aria-live="polite">
        <p className="small-heading">Preview with sample values</p>
        {preview.problem ? <p className="reminder-preview-problem">Check the message: {preview.problem}</p> : null}
        <p className="reminder-preview-text">{preview.text || <span className="muted">The message is empty.</span>}</p>
        {v.channel !== 'email' ? (
          <p className="muted small">
            As a text: about {size.characters} characters, {size.parts === 1 ? 'one part' : `${size.parts} parts`}
            {size.unicodeChar ? ` (the character “${size.unicodeChar}” makes text-message parts shorter: 70 characters instead of 160)` : ''}.
          </p>
        ) : null}
      </div>

      <TextAreaField id={fid('note')} label="Note (for staff: where the wording comes from)" value={v.note} onChange={set('note')} error={errors.fields.note} rows={2} maxLength={500} />
      {template ? (
        <CheckboxField
          id={fid('active')}
          label="Send this reminder"
          checked={v.active}
          onChange={set('active')}
          hint="Switching it off cancels the ones not yet sent; switching it on queues them again."
        />
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : template ? 'Save reminder' : 'Add reminder'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone(null)} disabled={saving}>
          Cancel
        </button>
      </div>
    </form>
  );
}
