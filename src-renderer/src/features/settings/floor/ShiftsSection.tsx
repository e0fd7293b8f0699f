/**
 * Settings › Infusion floor › Supervision shifts: when each anesthesiologist, CRNA or nurse
 * is on the infusion floor (clinic time) and how many patients they can watch at once. A
 * session is booked only under a supervisor of the template's role who is on shift with room
 * for one more. Saving replaces that person's week with the rows shown.
 */
import { useState, type FormEvent } from 'react';
import { WEEKDAY_NAMES } from '../../../../../src-shared/api/schemas/scheduling';
import { formatCalendarDate } from '../../../../../src-shared/domain/dates';
import { api } from '../../../api/client';
import { FieldMessages, FormAlert, describedBy } from '../../../components/Field';
import { Flash } from '../../../components/Flash';
import { useFlash } from '../../../components/useFlash';
import { noErrors, toFormErrors, type FormErrors } from '../../../lib/errors';
import { providerLabel } from '../../../lib/zoned-time';
import { useClinicStore } from '../../clinic/store';
import { plural, supervisorLabel } from './labels';
import { useFloorList, useFloorStore, type StaffShifts } from './store';
import { DEFAULT_PATIENTS_AT_ONCE, PATIENTS_AT_ONCE_REASON } from '../../../../../src-shared/domain/series/staffing';

/** Monday first, as a clinic week is read. */
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];
const DAY_OPTIONS = WEEK_ORDER.map((d) => ({ value: String(d), label: WEEKDAY_NAMES[d]! }));
const SHORT_DAY = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function ShiftsSection() {
  const entry = useFloorList('shifts');
  return (
    <section className="panel floor-section" aria-labelledby="shifts-heading">
      <h3 id="shifts-heading">Supervision shifts</h3>
      <p className="field-hint">
        When each anesthesiologist, nurse anesthetist or registered nurse supervises on the infusion floor, in clinic time, and
        how many patients they can watch at once. An infusion is booked only while someone of the series’ role is on shift
        with room for one more patient. A new shift starts at {DEFAULT_PATIENTS_AT_ONCE} patients at once: {PATIENTS_AT_ONCE_REASON} Add people
        under Staff above.
      </p>
      {entry?.status === 'error' ? (
        <div className="form-alert" role="alert">
          <p>The shifts could not be loaded. {entry.error}</p>
          <button type="button" className="button" onClick={() => void useFloorStore.getState().load('shifts')}>
            Try again
          </button>
        </div>
      ) : null}
      {!entry?.data ? (
        entry?.status === 'error' ? null : <p className="muted">Loading shifts…</p>
      ) : entry.data.length === 0 ? (
        <p className="notice">
          No one can supervise infusions yet. Add a staff member with the role Anesthesiologist, Nurse anesthetist (CRNA) or
          Registered nurse (RN) under Staff above.
        </p>
      ) : (
        entry.data.map((p) => <PersonShifts key={p.staffId} person={p} />)
      )}
    </section>
  );
}

interface Row {
  key: number;
  weekday: string;
  startTime: string;
  endTime: string;
  maxConcurrent: string;
  // Kept as stored: this screen does not edit date limits, but saving must not drop them.
  validFrom: string | null;
  validTo: string | null;
}

let rowKeys = 0;
const sortWeek = <T extends { weekday: number | string; startTime: string }>(rows: T[]) =>
  [...rows].sort((a, b) => WEEK_ORDER.indexOf(Number(a.weekday)) - WEEK_ORDER.indexOf(Number(b.weekday)) || a.startTime.localeCompare(b.startTime));
const toRows = (p: StaffShifts): Row[] =>
  sortWeek(p.shifts).map((s) => ({
    key: ++rowKeys,
    weekday: String(s.weekday),
    startTime: s.startTime,
    endTime: s.endTime,
    maxConcurrent: String(s.maxConcurrent),
    validFrom: s.validFrom,
    validTo: s.validTo,
  }));
const signature = (p: StaffShifts) => p.shifts.map((s) => `${s.id}:${s.version}`).join('|');

/** What was typed: a number when it reads as one, else the text, for the backend to refuse in words. */
function typedNumber(text: string): number | string | null {
  const t = text.trim();
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

type Col = 'weekday' | 'startTime' | 'endTime' | 'maxConcurrent';

function PersonShifts({ person }: { person: StaffShifts }) {
  const settings = useClinicStore((s) => s.settings);
  const [rows, setRows] = useState<Row[]>(() => toRows(person));
  const [base, setBase] = useState(() => signature(person));
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const [flash, showFlash, clearFlash] = useFlash();
  const name = providerLabel(person.name);
  const idBase = `shifts-${person.staffId}`;
  const headingId = `${idBase}-heading`;
  const rowId = (i: number, c: Col) => `${idBase}-${i}-${c}`;

  // Saved elsewhere (another device, another tab) while untouched here: show the stored week.
  if (!dirty && signature(person) !== base) {
    setRows(toRows(person));
    setBase(signature(person));
  }

  const update = (next: (r: Row[]) => Row[]) => {
    setRows(next);
    setDirty(true);
    clearFlash();
  };
  const setRow = (key: number, patch: Partial<Row>) => update((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  const addRow = () =>
    update((rs) => {
      const last = rs.at(-1);
      if (!last) {
        const firstOpen = settings?.openingHours[0];
        return [{ key: ++rowKeys, weekday: '1', startTime: firstOpen?.open ?? '08:00', endTime: firstOpen?.close ?? '17:00', maxConcurrent: String(DEFAULT_PATIENTS_AT_ONCE), validFrom: null, validTo: null }];
      }
      // The next day of the week, same hours and load: five clicks give a working week.
      const nextDay = WEEK_ORDER[(WEEK_ORDER.indexOf(Number(last.weekday)) + 1) % 7]!;
      return [...rs, { ...last, key: ++rowKeys, weekday: String(nextDay), validFrom: null, validTo: null }];
    });
  const copyClinicHours = () =>
    update((rs) => {
      const load = rs.at(-1)?.maxConcurrent ?? String(DEFAULT_PATIENTS_AT_ONCE);
      return sortWeek((settings?.openingHours ?? []).map((h) => ({ weekday: h.day, startTime: h.open, endTime: h.close }))).map((h) => ({
        key: ++rowKeys,
        weekday: String(h.weekday),
        startTime: h.startTime,
        endTime: h.endTime,
        maxConcurrent: load,
        validFrom: null,
        validTo: null,
      }));
    });

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    try {
      const shifts = rows.map((r) => ({
        weekday: Number(r.weekday),
        startTime: r.startTime,
        endTime: r.endTime,
        validFrom: r.validFrom,
        validTo: r.validTo,
        // May be text: the backend says what is wrong with it.
        maxConcurrent: typedNumber(r.maxConcurrent) as number,
      }));
      const saved = await api.call('shifts.setWeekly', { staffId: person.staffId, shifts });
      setRows(toRows(saved));
      setBase(signature(saved));
      setDirty(false);
      setErrors(noErrors);
      showFlash(`Shifts for ${name} saved`);
      void useFloorStore.getState().load('shifts');
    } catch (err) {
      const mapped = toFormErrors(err, { known: (f) => /^shifts\.\d+\.(weekday|startTime|endTime|validFrom|validTo|maxConcurrent)$/.test(f) });
      const fields: Record<string, string> = {};
      for (const [f, m] of Object.entries(mapped.fields)) {
        const [, i, which] = f.split('.') as [string, string, string];
        const col: Col = which === 'validFrom' ? 'startTime' : which === 'validTo' ? 'endTime' : (which as Col);
        fields[rowId(Number(i), col)] ??= m;
      }
      setErrors({ general: mapped.general, fields });
      const first = Object.keys(fields)[0];
      if (first) document.getElementById(first)?.focus();
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="person-shifts" aria-labelledby={headingId}>
      <div className="panel-heading">
        <h4 id={headingId}>
          {name} <span className="muted role-note">{supervisorLabel(person.role)}</span>
        </h4>
        <Flash message={flash} />
      </div>
      {!dirty ? <WeekSummary person={person} /> : null}
      <form noValidate onSubmit={onSubmit}>
        <FormAlert message={errors.general} />
        {rows.length === 0 ? (
          <p className="muted">No shifts: no infusion can be booked under {name}’s supervision.</p>
        ) : (
          <table className="hours-table shifts-table">
            <thead>
              <tr>
                <th scope="col">Day</th>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Supervises at once</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const n = i + 1;
                const id = (c: Col) => rowId(i, c);
                const err = (c: Col) => errors.fields[id(c)];
                const input = (c: 'startTime' | 'endTime', label: string) => (
                  <td>
                    <label htmlFor={id(c)} className="visually-hidden">
                      {label}, row {n}
                    </label>
                    <input
                      id={id(c)}
                      type="time"
                      value={r[c]}
                      onChange={(e) => setRow(r.key, { [c]: e.target.value })}
                      aria-invalid={err(c) ? true : undefined}
                      aria-describedby={describedBy(id(c), err(c), null)}
                    />
                    <FieldMessages id={id(c)} error={err(c)} />
                  </td>
                );
                return (
                  <tr key={r.key}>
                    <td>
                      <label htmlFor={id('weekday')} className="visually-hidden">
                        Day, row {n}
                      </label>
                      <select
                        id={id('weekday')}
                        value={r.weekday}
                        onChange={(e) => setRow(r.key, { weekday: e.target.value })}
                        aria-invalid={err('weekday') ? true : undefined}
                        aria-describedby={describedBy(id('weekday'), err('weekday'), null)}
                      >
                        {DAY_OPTIONS.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                      <FieldMessages id={id('weekday')} error={err('weekday')} />
                    </td>
                    {input('startTime', 'From')}
                    {input('endTime', 'To')}
                    <td>
                      <span className="at-once">
                        <span aria-hidden="true">up to</span>
                        <label htmlFor={id('maxConcurrent')} className="visually-hidden">
                          Patients at once, row {n}
                        </label>
                        <input
                          id={id('maxConcurrent')}
                          type="text"
                          className="at-once-input"
                          inputMode="numeric"
                          maxLength={3}
                          autoComplete="off"
                          value={r.maxConcurrent}
                          onChange={(e) => setRow(r.key, { maxConcurrent: e.target.value })}
                          aria-invalid={err('maxConcurrent') ? true : undefined}
                          aria-describedby={describedBy(id('maxConcurrent'), err('maxConcurrent'), null)}
                        />
                        <span aria-hidden="true">{Number(r.maxConcurrent) === 1 ? 'patient' : 'patients'}</span>
                      </span>
                      <FieldMessages id={id('maxConcurrent')} error={err('maxConcurrent')} />
                      {r.validFrom || r.validTo ? (
                        <div className="muted small">
                          {r.validFrom ? `from ${formatCalendarDate(r.validFrom)}` : ''} {r.validTo ? `until ${formatCalendarDate(r.validTo)}` : ''}
                        </div>
                      ) : null}
                    </td>
                    <td className="actions-cell">
                      <button type="button" className="button button-quiet button-small" onClick={() => update((rs) => rs.filter((x) => x.key !== r.key))}>
                        Remove<span className="visually-hidden"> row {n}</span>
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        <div className="form-actions">
          <button type="button" className="button button-small" onClick={addRow}>
            Add shift
          </button>
          {settings?.openingHours.length ? (
            <button type="button" className="button button-quiet button-small" onClick={copyClinicHours}>
              Use the clinic’s opening hours
            </button>
          ) : null}
          <button type="submit" className="button button-primary" disabled={saving}>
            Save shifts
          </button>
          {dirty && !saving ? <span className="muted">Not kept until you press Save shifts.</span> : null}
        </div>
      </form>
    </section>
  );
}

/** The saved week at a glance: one cell per day, Monday first. */
function WeekSummary({ person }: { person: StaffShifts }) {
  if (person.shifts.length === 0) return null;
  return (
    <ol className="week-strip" aria-label={`${providerLabel(person.name)}’s week`}>
      {WEEK_ORDER.map((d) => {
        const today = sortWeek(person.shifts.filter((s) => s.weekday === d));
        return (
          <li key={d} className={today.length ? 'has-shift' : undefined}>
            <span className="week-day">{SHORT_DAY[d]}</span>
            {today.length ? (
              today.map((s) => (
                <span key={s.id} className="week-shift">
                  {s.startTime}–{s.endTime}
                  <span className="week-load">up to {plural(s.maxConcurrent, 'patient')}</span>
                </span>
              ))
            ) : (
              <span className="week-off">off</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}
