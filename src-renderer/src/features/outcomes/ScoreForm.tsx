/**
 * Record one score: which scale, when in the treatment (baseline, before or after a session,
 * a follow-up), the value, when it was taken and from whom. The backend judges; its words
 * show beside the field at fault and nothing is saved.
 */
import { useState } from 'react';
import { todayInZone } from '../../../../src-shared/domain/dates';
import { localTimeAt, zonedToInstant } from '../../../../src-shared/domain/zoned-time';
import { api } from '../../api/client';
import { toFormErrors, type FormErrors, noErrors } from '../../lib/errors';
import { dayTimeText } from '../series/format';
import { byInstant } from '../../../../src-shared/domain/clock-display';
import type { PatientOutcomes, Reference } from './store';
import { useOutcomesStore } from './store';

export interface ScorePreset {
  timePoint: 'baseline' | 'pre_session' | 'post_session' | 'follow_up';
  sessionId?: string;
  seriesId?: string;
  followUp?: string;
  instrument?: string;
  /** A correction: the score this one replaces (kept, marked as replaced). */
  supersedesId?: string;
}

const FIELDS = new Set(['timePoint', 'sessionId', 'followUp', 'seriesId', 'instrument', 'value', 'items', 'observedAt', 'supersedesId']);

const TIME_POINT_LABEL = { baseline: 'Baseline', pre_session: 'Before an infusion', post_session: 'After an infusion', follow_up: 'Follow-up' } as const;

export function ScoreForm({
  patientId,
  summary,
  reference,
  zone,
  preset,
  onDone,
}: {
  patientId: string;
  summary: PatientOutcomes;
  reference: Reference;
  zone: string;
  preset: ScorePreset;
  onDone: () => void;
}) {
  const [instrument, setInstrument] = useState<string>(preset.instrument ?? 'nrs');
  const [timePoint, setTimePoint] = useState<ScorePreset['timePoint']>(preset.timePoint);
  const [sessionId, setSessionId] = useState(preset.sessionId ?? '');
  const [seriesId, setSeriesId] = useState(preset.seriesId ?? summary.series.at(-1)?.seriesId ?? '');
  const [followUp, setFollowUp] = useState(preset.followUp ?? reference.followUps[0]?.key ?? '');
  const [value, setValue] = useState('');
  const [date, setDate] = useState(todayInZone(zone));
  const [time, setTime] = useState(localTimeAt(zone, Date.now()));
  // Left at its default, "taken on" means now, to the second (not the start of this minute).
  const [whenTouched, setWhenTouched] = useState(false);
  const [source, setSource] = useState<'staff' | 'patient_questionnaire'>('staff');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const inst = reference.instruments.find((i) => i.id === instrument);
  const allowed = reference.instruments.filter((i) => i.timePoints.includes(timePoint));
  // By when they happen (not series by series), each with its date (and year when not this year) and time.
  const sessions = byInstant(
    summary.series.flatMap((s) => s.sessions.map((x) => ({ ...x, seriesLabel: s.label }))),
    (x) => x.startsAt,
  );

  const save = async () => {
    setBusy(true);
    setErrors(noErrors);
    try {
      await api.call('outcomes.recordScore', {
        patientId,
        instrument: instrument as 'nrs',
        timePoint,
        ...(timePoint === 'pre_session' || timePoint === 'post_session' ? { sessionId: sessionId || null } : {}),
        ...(timePoint === 'follow_up' ? { followUp, seriesId: seriesId || null } : {}),
        value: value.trim() === '' ? null : Number(value),
        observedAt: whenTouched ? zonedToInstant(zone, date, time) : Date.now(),
        source,
        ...(preset.supersedesId ? { supersedesId: preset.supersedesId } : {}),
      });
      await useOutcomesStore.getState().load(patientId);
      onDone();
    } catch (e) {
      setErrors(toFormErrors(e, { known: (f) => FIELDS.has(f) }));
    } finally {
      setBusy(false);
    }
  };
  const err = (f: string) => (errors.fields[f] ? <span className="field-error">{errors.fields[f]}</span> : null);

  return (
    <form
      className="subform score-form"
      aria-label={preset.supersedesId ? 'Correct a score' : 'Record a score'}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <div className="field-row">
        <label className="field">
          <span className="field-label">When in treatment</span>
          <select value={timePoint} onChange={(e) => setTimePoint(e.target.value as ScorePreset['timePoint'])}>
            {(Object.keys(TIME_POINT_LABEL) as ScorePreset['timePoint'][]).map((t) => (
              <option key={t} value={t}>
                {TIME_POINT_LABEL[t]}
              </option>
            ))}
          </select>
          {err('timePoint')}
        </label>
        {timePoint === 'pre_session' || timePoint === 'post_session' ? (
          <label className="field">
            <span className="field-label">Session</span>
            <select value={sessionId} onChange={(e) => setSessionId(e.target.value)}>
              <option value="">Choose…</option>
              {sessions.map((s) => (
                <option key={s.sessionId} value={s.sessionId}>
                  Session {s.seq} · {dayTimeText(zone, s.startsAt)} · {s.seriesLabel}
                </option>
              ))}
            </select>
            {err('sessionId')}
          </label>
        ) : null}
        {timePoint === 'follow_up' ? (
          <>
            <label className="field">
              <span className="field-label">Follow-up</span>
              <select value={followUp} onChange={(e) => setFollowUp(e.target.value)}>
                {reference.followUps.map((f) => (
                  <option key={f.key} value={f.key}>
                    {f.label}
                  </option>
                ))}
              </select>
              {err('followUp')}
            </label>
            <label className="field">
              <span className="field-label">Series</span>
              <select value={seriesId} onChange={(e) => setSeriesId(e.target.value)}>
                {summary.series.map((s) => (
                  <option key={s.seriesId} value={s.seriesId}>
                    {s.label}
                  </option>
                ))}
              </select>
              {err('seriesId')}
            </label>
          </>
        ) : null}
      </div>
      <div className="field-row">
        <label className="field">
          <span className="field-label">Scale</span>
          <select value={instrument} onChange={(e) => setInstrument(e.target.value)}>
            {allowed.map((i) => (
              <option key={i.id} value={i.id}>
                {i.label}
              </option>
            ))}
          </select>
          {err('instrument')}
        </label>
        <label className="field">
          <span className="field-label">Score{inst ? ` (${inst.min}-${inst.max})` : ''}</span>
          {instrument === 'pgic' ? (
            <select value={value} onChange={(e) => setValue(e.target.value)}>
              <option value="">Choose…</option>
              {reference.pgicAnswers.map((a) => (
                <option key={a.value} value={a.value}>
                  {a.value} · {a.label}
                </option>
              ))}
            </select>
          ) : (
            <input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} aria-invalid={!!errors.fields['value']} />
          )}
          {err('value') ?? err('items')}
        </label>
        <label className="field">
          <span className="field-label">Taken on</span>
          <input
            type="date"
            value={date}
            onChange={(e) => {
              setWhenTouched(true);
              setDate(e.target.value);
            }}
          />
        </label>
        <label className="field">
          <span className="field-label">at</span>
          <input
            type="time"
            value={time}
            onChange={(e) => {
              setWhenTouched(true);
              setTime(e.target.value);
            }}
          />
          {err('observedAt')}
        </label>
        <label className="field">
          <span className="field-label">From</span>
          <select value={source} onChange={(e) => setSource(e.target.value as 'staff' | 'patient_questionnaire')}>
            {reference.sources.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {errors.fields['supersedesId'] ? (
        <p className="form-alert" role="alert">
          {errors.fields['supersedesId']}
        </p>
      ) : null}
      {errors.general ? (
        <p className="form-alert" role="alert">
          {errors.general}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {preset.supersedesId ? 'Save correction' : 'Save score'}
        </button>
        <button type="button" className="button" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
