/**
 * Baseline scores at intake: pain (NRS 0-10, VAS 0-100) and function (PEG 3 items, BPI
 * interference 7 items). The instruments and their ranges come from the reference data; the
 * backend checks each value and its messages appear beside the input at fault.
 */
import { useState, type FormEvent } from 'react';
import type { IntakeRecord, IntakeReference, Score, ScoreInstrument } from '../../../../src-shared/api/schemas/intake';
import { formatCalendarDate } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { DualTime } from '../../components/DualTime';
import { FieldMessages, FormAlert, SelectField, TextField, describedBy } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { localDateAt, localTimeAt, zonedToInstant } from '../../lib/zoned-time';
import { useClinicTimeZone } from '../clinic/store';
import { DateField, SectionFrame, readTypedDate, useSectionFocus } from './common';
import { reloadIntake } from './store';

type Instrument = IntakeReference['instruments'][number];
const fid = (f: string) => `score-${f}`;
const HHMM = /^([01]?\d|2[0-3]):[0-5]\d$/;

function zoneAbbreviation(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'short' }).formatToParts(Date.now()).find((p) => p.type === 'timeZoneName')?.value ?? zone;
  } catch {
    return zone;
  }
}

export function instrumentTitle(i: Instrument): string {
  return i.label.toLowerCase().startsWith(i.name.toLowerCase()) ? i.label : `${i.name}: ${i.label}`;
}

function scoreText(s: Score, i: Instrument | undefined): string {
  const max = i ? ` of ${i.max}` : '';
  const items = s.items?.length ? ` (answers ${s.items.join(', ')})` : '';
  return `${s.value}${max}${items}`;
}

export function ScoresSection({ record, reference }: { record: IntakeRecord; reference: IntakeReference }) {
  const [flash, showFlash] = useFlash();
  const timeZone = useClinicTimeZone();
  const patientId = record.patient.id;
  useSectionFocus('scores', fid('instrument'));
  const byId = new Map(reference.instruments.map((i) => [i.id, i]));
  const current = record.baseline.all;
  const recorded = new Set(current.map((s) => s.instrument));

  return (
    <SectionFrame
      section="scores"
      title="Baseline scores"
      flash={<Flash message={flash} />}
      lead="Pain and function before the first infusion: each later score is compared with these."
    >
      {current.length === 0 ? (
        <p className="muted">No baseline scores recorded yet.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Score</th>
              <th scope="col">Value</th>
              <th scope="col">Taken</th>
              <th scope="col">Recorded by</th>
            </tr>
          </thead>
          <tbody>
            {current.map((s) => {
              const i = byId.get(s.instrument);
              return (
                <tr key={s.id}>
                  <th scope="row">{i?.name ?? s.instrument}</th>
                  <td className="score-value">{scoreText(s, i)}</td>
                  <td>
                    <DualTime instant={s.observedAt} zone={timeZone} />
                  </td>
                  <td>{s.recordedBy}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <ScoreForm
        patientId={patientId}
        reference={reference}
        recorded={recorded}
        onSaved={(name) => {
          showFlash(`${name} recorded`);
          void reloadIntake(patientId);
        }}
      />
    </SectionFrame>
  );
}

function ScoreForm({
  patientId,
  reference,
  recorded,
  onSaved,
}: {
  patientId: string;
  reference: IntakeReference;
  recorded: Set<ScoreInstrument>;
  onSaved: (name: string) => void;
}) {
  const timeZone = useClinicTimeZone();
  const instruments = reference.instruments;
  const [instrumentId, setInstrumentId] = useState<ScoreInstrument>(
    () => (instruments.find((i) => !recorded.has(i.id)) ?? instruments[0])?.id ?? 'nrs',
  );
  const instrument = instruments.find((i) => i.id === instrumentId) ?? instruments[0]!;
  const [value, setValue] = useState('');
  const [items, setItems] = useState<string[]>([]);
  const [date, setDate] = useState(() => formatCalendarDate(localDateAt(timeZone, Date.now())));
  const [time, setTime] = useState(() => localTimeAt(timeZone, Date.now()));
  const [recordedBy, setRecordedBy] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const itemCount = instrument.items ?? 0;

  const choose = (id: string) => {
    setInstrumentId(id as ScoreInstrument);
    setValue('');
    setItems([]);
    setErrors(noErrors);
  };

  const show = (next: FormErrors) => {
    setErrors(next);
    const f = next.fields;
    const itemErr = Object.keys(f).find((k) => /^items\.\d+$/.test(k));
    const first = f.instrument
      ? fid('instrument')
      : f.value
        ? fid('value')
        : f.items
          ? fid('items-0')
          : itemErr
            ? fid(itemErr.replace('.', '-'))
            : f.observedAt
              ? fid('date')
              : f.time
                ? fid('time')
                : f.recordedBy
                  ? fid('recordedBy')
                  : null;
    if (first) document.getElementById(first)?.focus();
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const fields: Record<string, string> = {};
    const day = readTypedDate(date, 'date the score was taken', true);
    if (!day.ok) fields.observedAt = day.message;
    if (!HHMM.test(time.trim())) fields.time = 'Enter the time as hours and minutes, such as 09:30.';
    let numValue: number | null = null;
    let numItems: number[] | null = null;
    if (itemCount) {
      const answers = Array.from({ length: itemCount }, (_, i) => (items[i] ?? '').trim());
      if (answers.some((a) => a === '')) fields.items = `Enter all ${itemCount} ${instrument.name} answers.`;
      else if (answers.some((a) => !Number.isFinite(Number(a)))) fields.items = 'Each answer is a number.';
      else numItems = answers.map(Number);
    } else if (value.trim() !== '') {
      if (!Number.isFinite(Number(value.trim()))) fields.value = 'Enter the score as a number.';
      else numValue = Number(value.trim());
    }
    if (Object.keys(fields).length || !day.ok) return show({ general: null, fields });
    let observedAt: number;
    try {
      observedAt = zonedToInstant(timeZone, day.value!, time.trim().padStart(5, '0'));
    } catch {
      return show({ general: null, fields: { time: 'That time does not exist in the clinic’s time zone on that day.' } });
    }
    setSaving(true);
    try {
      await api.call('scores.record', {
        patientId,
        instrument: instrument.id,
        timePoint: 'baseline',
        value: itemCount ? null : numValue,
        items: numItems,
        observedAt,
        recordedBy: recordedBy.trim() || null,
      });
      setValue('');
      setItems([]);
      setErrors(noErrors);
      // Next: the first instrument still without a baseline.
      const next = instruments.find((i) => i.id !== instrument.id && !recorded.has(i.id));
      if (next) setInstrumentId(next.id);
      onSaved(instrument.name);
    } catch (err) {
      show(toFormErrors(err, { known: (f) => ['instrument', 'value', 'items', 'observedAt', 'recordedBy'].includes(f) || /^items\.\d+$/.test(f) }));
    } finally {
      setSaving(false);
    }
  }

  const range = `From ${instrument.min} to ${instrument.max}.`;
  const itemsError = errors.fields.items;

  return (
    <form className="form subform" noValidate onSubmit={onSubmit} aria-labelledby="score-form-heading">
      <h3 id="score-form-heading">Record a baseline score</h3>
      <FormAlert message={errors.general} />
      <div className="field-row">
        <SelectField
          id={fid('instrument')}
          label="Score"
          required
          value={instrument.id}
          onChange={choose}
          options={instruments.map((i) => ({ value: i.id, label: `${instrumentTitle(i)}${recorded.has(i.id) ? ' (recorded)' : ''}` }))}
          error={errors.fields.instrument}
        />
        {!itemCount ? (
          <TextField
            id={fid('value')}
            label={`${instrument.name} score`}
            required
            value={value}
            onChange={setValue}
            error={errors.fields.value}
            hint={range}
            inputMode="numeric"
            maxLength={6}
            autoComplete="off"
            className="field-narrow"
          />
        ) : null}
      </div>
      {itemCount ? (
        <fieldset className={`items-fieldset${itemsError ? ' field-has-error' : ''}`} aria-describedby={describedBy(fid('items'), itemsError, true)}>
          <legend>
            {instrument.name} answers ({itemCount} items, each {instrument.min} to {instrument.max})
          </legend>
          <div className="items-row">
            {Array.from({ length: itemCount }, (_, i) => {
              const id = fid(`items-${i}`);
              const err = errors.fields[`items.${i}`];
              return (
                <div key={i} className={`field item-field${err ? ' field-has-error' : ''}`}>
                  <label htmlFor={id} className="field-label">
                    <span className="visually-hidden">{instrument.name} </span>Answer {i + 1}
                  </label>
                  <input
                    id={id}
                    type="text"
                    inputMode="numeric"
                    maxLength={4}
                    autoComplete="off"
                    value={items[i] ?? ''}
                    onChange={(e) => setItems((prev) => {
                      const next = [...prev];
                      next[i] = e.target.value;
                      return next;
                    })}
                    aria-invalid={err || itemsError ? true : undefined}
                    aria-describedby={describedBy(id, err, null) ?? (itemsError ? `${fid('items')}-error` : undefined)}
                  />
                  <FieldMessages id={id} error={err} />
                </div>
              );
            })}
          </div>
          <FieldMessages id={fid('items')} error={itemsError} hint={`${instrumentTitle(instrument)}. The score is the mean of the answers.`} />
        </fieldset>
      ) : null}
      <div className="field-row">
        <DateField id={fid('date')} label="Date taken" required value={date} onChange={setDate} error={errors.fields.observedAt} />
        <TextField
          id={fid('time')}
          label="Time taken"
          type="time"
          required
          value={time}
          onChange={setTime}
          error={errors.fields.time}
          hint={`Clinic time (${zoneAbbreviation(timeZone)}).`}
          className="field-narrow"
        />
        <TextField
          id={fid('recordedBy')}
          label="Taken by"
          value={recordedBy}
          onChange={setRecordedBy}
          error={errors.fields.recordedBy}
          maxLength={120}
          autoComplete="off"
          hint="Leave blank for yourself."
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          Record score
        </button>
      </div>
    </form>
  );
}
