/** Clinic name, time zone and opening hours. */
import { useMemo, useState, type FormEvent } from 'react';
import type { ClinicSettings } from '../../../../src-shared/api/schemas/clinic';
import type { OpeningHours } from '../../../../src-shared/api/schemas/common';
import { ApiError } from '../../../../src-shared/api/errors';
import { formatDualTime } from '../../../../src-shared/domain/clock-display';
import { api } from '../../api/client';
import { Flash } from '../../components/Flash';
import { FieldMessages, FormAlert, TextField, describedBy } from '../../components/Field';
import { useFlash } from '../../components/useFlash';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { zoneOption, zoneOptions } from '../../lib/timezones';
import { useClinicStore } from '../clinic/store';

/** Monday first, the way a clinic week is read; `day` is the stored weekday (0 = Sunday). */
const WEEK: { day: number; name: string }[] = [
  { day: 1, name: 'Monday' },
  { day: 2, name: 'Tuesday' },
  { day: 3, name: 'Wednesday' },
  { day: 4, name: 'Thursday' },
  { day: 5, name: 'Friday' },
  { day: 6, name: 'Saturday' },
  { day: 0, name: 'Sunday' },
];

interface Period {
  open: string;
  close: string;
}
type Week = Record<number, Period[]>;

interface Values {
  name: string;
  timeZone: string;
  hours: Week;
  consultationMinutes: string;
}

function toWeek(hours: OpeningHours): Week {
  const week: Week = { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] };
  for (const h of hours) week[h.day]!.push({ open: h.open, close: h.close });
  for (const d of Object.keys(week)) week[Number(d)]!.sort((a, b) => a.open.localeCompare(b.open));
  return week;
}

/** The list sent to the backend, and for each entry the key of the inputs it came from. */
function flatten(week: Week): { hours: OpeningHours; keys: string[] } {
  const hours: OpeningHours = [];
  const keys: string[] = [];
  for (const { day } of WEEK) {
    week[day]!.forEach((p, i) => {
      hours.push({ day, open: p.open, close: p.close });
      keys.push(`${day}.${i}`);
    });
  }
  return { hours, keys };
}

function fromSettings(s: ClinicSettings): Values {
  return { name: s.name, timeZone: s.timeZone, hours: toWeek(s.openingHours), consultationMinutes: String(s.consultationMinutes) };
}

/** `17:00` + 2 h → `19:00`, never past 23:59. */
function plusHours(hhmm: string, hours: number): string {
  const [h, m] = hhmm.split(':').map(Number) as [number, number];
  const total = Math.min(23 * 60 + 59, h * 60 + m + hours * 60);
  return `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
}

const hourId = (key: string, which: 'open' | 'close') => `hours-${key.replace('.', '-')}-${which}`;

export function ClinicSettingsForm({ settings }: { settings: ClinicSettings }) {
  const setSettings = useClinicStore((s) => s.setSettings);
  const [values, setValues] = useState<Values>(() => fromSettings(settings));
  const [baseVersion, setBaseVersion] = useState(settings.version);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const [zoneFilter, setZoneFilter] = useState('');
  const [flash, showFlash, clearFlash] = useFlash();
  const [conflict, setConflict] = useState(false);

  // Someone changed the settings elsewhere while this form was untouched: show theirs.
  if (!dirty && settings.version !== baseVersion) {
    setValues(fromSettings(settings));
    setBaseVersion(settings.version);
  }

  const update = (next: (v: Values) => Values) => {
    setValues(next);
    setDirty(true);
    clearFlash();
  };

  const allZones = zoneOptions();
  const shownZones = useMemo(() => {
    const f = zoneFilter.trim().toLowerCase().replace(/_/g, ' ');
    const list = f ? allZones.filter((z) => z.search.includes(f)) : allZones;
    // The chosen zone always stays in the list, so filtering never changes the choice.
    return list.some((z) => z.value === values.timeZone) ? list : [zoneOption(values.timeZone), ...list];
  }, [allZones, zoneFilter, values.timeZone]);
  const regions = useMemo(() => {
    const map = new Map<string, typeof shownZones>();
    for (const z of shownZones) {
      const list = map.get(z.region) ?? [];
      list.push(z);
      map.set(z.region, list);
    }
    return [...map.entries()];
  }, [shownZones]);

  let nowThere: string | null = null;
  try {
    nowThere = formatDualTime(Date.now(), values.timeZone, values.timeZone, { withDate: true }).clinic;
  } catch {
    nowThere = null;
  }

  const flat = flatten(values.hours);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const minutesText = values.consultationMinutes.trim();
    if (!/^\d{1,3}$/.test(minutesText)) {
      setErrors({ general: null, fields: { consultationMinutes: 'Enter the consultation length in whole minutes, such as 60.' } });
      document.getElementById('clinic-consultationMinutes')?.focus();
      return;
    }
    setSaving(true);
    setConflict(false);
    try {
      const saved = await api.call('settings.update', {
        name: values.name,
        timeZone: values.timeZone,
        openingHours: flat.hours,
        consultationMinutes: Number(minutesText),
        expectedVersion: baseVersion,
      });
      setSettings(saved);
      setValues(fromSettings(saved));
      setBaseVersion(saved.version);
      setDirty(false);
      setErrors(noErrors);
      showFlash('Saved');
    } catch (err) {
      // Hours errors arrive as openingHours.<index>.open|close: find the inputs they mean.
      const mapped = toFormErrors(err, {
        known: (f) =>
          f === 'name' || f === 'timeZone' || f === 'consultationMinutes' || /^openingHours\.\d+\.(open|close)$/.test(f),
      });
      const fields: Record<string, string> = {};
      for (const [f, msg] of Object.entries(mapped.fields)) {
        const m = /^openingHours\.(\d+)\.(open|close)$/.exec(f);
        const key = m ? flat.keys[Number(m[1])] : undefined;
        if (m && key) fields[hourId(key, m[2] as 'open' | 'close')] = msg;
        else if (!m) fields[f] = msg;
      }
      setConflict(err instanceof ApiError && err.code === 'CONFLICT' && !err.field);
      setErrors({ general: mapped.general, fields });
      const firstId = fields.name
        ? 'clinic-name'
        : fields.timeZone
          ? 'clinic-timeZone'
          : fields.consultationMinutes
            ? 'clinic-consultationMinutes'
            : Object.keys(fields)[0];
      if (firstId) document.getElementById(firstId)?.focus();
    } finally {
      setSaving(false);
    }
  }

  /** After a conflict: show what is stored now; the user makes their change again. */
  async function loadLatest() {
    await useClinicStore.getState().refresh();
    const latest = useClinicStore.getState().settings;
    if (!latest) return;
    setValues(fromSettings(latest));
    setBaseVersion(latest.version);
    setDirty(false);
    setConflict(false);
    setErrors(noErrors);
  }

  const setPeriod = (day: number, i: number, which: 'open' | 'close', value: string) =>
    update((v) => {
      const periods = v.hours[day]!.map((p, j) => (j === i ? { ...p, [which]: value } : p));
      return { ...v, hours: { ...v.hours, [day]: periods } };
    });
  const setClosed = (day: number, closed: boolean) =>
    update((v) => ({ ...v, hours: { ...v.hours, [day]: closed ? [] : [{ open: '08:00', close: '17:00' }] } }));
  const addPeriod = (day: number) =>
    update((v) => {
      const last = v.hours[day]!.at(-1);
      const open = last ? last.close : '08:00';
      return { ...v, hours: { ...v.hours, [day]: [...v.hours[day]!, { open, close: plusHours(open, 2) }] } };
    });
  const removePeriod = (day: number, i: number) =>
    update((v) => ({ ...v, hours: { ...v.hours, [day]: v.hours[day]!.filter((_, j) => j !== i) } }));

  const tzError = errors.fields.timeZone;
  const tzHint = nowThere ? `It is now ${nowThere} there.` : null;

  return (
    <form className="form panel" noValidate onSubmit={onSubmit} aria-labelledby="clinic-heading">
      <h2 id="clinic-heading">Clinic</h2>
      <FormAlert message={errors.general}>
        {conflict ? (
          <button type="button" className="button" onClick={() => void loadLatest()}>
            Load the latest settings (your changes here will be discarded)
          </button>
        ) : null}
      </FormAlert>
      <TextField
        id="clinic-name"
        label="Clinic name"
        required
        value={values.name}
        onChange={(name) => update((v) => ({ ...v, name }))}
        error={errors.fields.name}
        maxLength={120}
        autoComplete="off"
      />

      <div className={`field${tzError ? ' field-has-error' : ''}`}>
        <label htmlFor="clinic-timeZone" className="field-label">
          Time zone
        </label>
        <div className="tz-picker">
          <select
            id="clinic-timeZone"
            value={values.timeZone}
            onChange={(e) => update((v) => ({ ...v, timeZone: e.target.value }))}
            aria-invalid={tzError ? true : undefined}
            aria-describedby={describedBy('clinic-timeZone', tzError, tzHint)}
          >
            {regions.map(([region, zones]) => (
              <optgroup key={region} label={region}>
                {zones.map((z) => (
                  <option key={z.value} value={z.value}>
                    {z.label}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
          <label htmlFor="tz-filter" className="visually-hidden">
            Narrow the zone list
          </label>
          <input
            id="tz-filter"
            type="search"
            className="tz-filter"
            placeholder="Find a city…"
            value={zoneFilter}
            onChange={(e) => setZoneFilter(e.target.value)}
            autoComplete="off"
            spellCheck={false}
          />
        </div>
        <FieldMessages id="clinic-timeZone" error={tzError} hint={tzHint} />
        <p className="field-hint">Schedules and “today” follow this zone. Remote staff also see their own time beside it.</p>
      </div>

      <TextField
        id="clinic-consultationMinutes"
        label="Consultation length (minutes)"
        value={values.consultationMinutes}
        onChange={(consultationMinutes) => update((v) => ({ ...v, consultationMinutes }))}
        error={errors.fields.consultationMinutes}
        hint="How long an initial consultation takes, from 15 to 240 minutes."
        inputMode="numeric"
        maxLength={3}
        autoComplete="off"
        className="field-narrow"
      />

      <fieldset className="hours">
        <legend>Opening hours</legend>
        <p className="field-hint">Times are in the clinic’s time zone. Use Add period for a second opening on the same day, such as after a midday closure.</p>
        <table className="hours-table">
          <thead>
            <tr>
              <th scope="col">Day</th>
              <th scope="col">Closed</th>
              <th scope="col">Hours</th>
            </tr>
          </thead>
          <tbody>
            {WEEK.map(({ day, name }) => {
              const periods = values.hours[day]!;
              const closedId = `hours-${day}-closed`;
              return (
                <tr key={day}>
                  <th scope="row">{name}</th>
                  <td>
                    <input id={closedId} type="checkbox" checked={periods.length === 0} onChange={(e) => setClosed(day, e.target.checked)} />
                    <label htmlFor={closedId} className="visually-hidden">
                      {name} closed
                    </label>
                  </td>
                  <td>
                    {periods.length === 0 ? <span className="muted">Closed all day</span> : null}
                    {periods.map((p, i) => {
                      const key = `${day}.${i}`;
                      const openId = hourId(key, 'open');
                      const closeId = hourId(key, 'close');
                      const suffix = periods.length > 1 ? ` (period ${i + 1})` : '';
                      const openErr = errors.fields[openId];
                      const closeErr = errors.fields[closeId];
                      return (
                        <div className="period" key={i}>
                          <label htmlFor={openId} className="visually-hidden">
                            {name} opens{suffix}
                          </label>
                          <input
                            id={openId}
                            type="time"
                            value={p.open}
                            onChange={(e) => setPeriod(day, i, 'open', e.target.value)}
                            aria-invalid={openErr ? true : undefined}
                            aria-describedby={describedBy(openId, openErr, null)}
                          />
                          <span aria-hidden="true">to</span>
                          <label htmlFor={closeId} className="visually-hidden">
                            {name} closes{suffix}
                          </label>
                          <input
                            id={closeId}
                            type="time"
                            value={p.close}
                            onChange={(e) => setPeriod(day, i, 'close', e.target.value)}
                            aria-invalid={closeErr ? true : undefined}
                            aria-describedby={describedBy(closeId, closeErr, null)}
                          />
                          {i > 0 ? (
                            <button type="button" className="button button-quiet button-small" onClick={() => removePeriod(day, i)}>
                              Remove<span className="visually-hidden"> {name} period {i + 1}</span>
                            </button>
                          ) : periods.length === 1 ? (
                            <button type="button" className="button button-quiet button-small" onClick={() => addPeriod(day)}>
                              Add period<span className="visually-hidden"> on {name}</span>
                            </button>
                          ) : null}
                          <FieldMessages id={openId} error={openErr} />
                          <FieldMessages id={closeId} error={closeErr} />
                        </div>
                      );
                    })}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </fieldset>

      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          Save clinic settings
        </button>
        <Flash message={flash} />
        {dirty && !saving && !flash ? <span className="muted">Press Save clinic settings to keep your changes.</span> : null}
      </div>
    </form>
  );
}
