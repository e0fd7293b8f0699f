/**
 * Record or change a prior authorization. Dates are typed the desk's way (MM/DD/YYYY) and
 * read here; every other rule (an approval needs its sessions and dates, the end not before
 * the start) is the backend's, shown beside the field it names.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { Authorization } from '../../../../src-shared/api/schemas/series';
import { allowedNextStatuses } from '../../../../src-shared/domain/authorizations/lifecycle';
import { formatCalendarDate } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { FormAlert, SelectField, TextAreaField, TextField } from '../../components/Field';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { readTypedDate } from '../../lib/typed-date';
import { useClinicStore } from '../clinic/store';
import { STATUS_OPTIONS } from './labels';

const FIELDS = ['payerId', 'authNumber', 'status', 'approvedSessions', 'startDate', 'endDate', 'decisionDate', 'denialReason', 'note'] as const;
type AuthField = (typeof FIELDS)[number];
const KNOWN = new Set<string>(FIELDS);
const DATE_FIELDS = [
  ['startDate', 'first day covered'],
  ['endDate', 'last day covered'],
  ['decisionDate', 'decision date'],
] as const;

type Values = Record<AuthField, string>;

function toValues(a: Authorization | null, defaultPayerId: string | null): Values {
  const date = (d: string | null) => (d ? formatCalendarDate(d) : '');
  return {
    payerId: a ? (a.payerId ?? '') : (defaultPayerId ?? ''),
    authNumber: a?.authNumber ?? '',
    status: a?.status ?? 'pending',
    approvedSessions: a?.approvedSessions != null ? String(a.approvedSessions) : '',
    startDate: date(a?.startDate ?? null),
    endDate: date(a?.endDate ?? null),
    decisionDate: date(a?.decisionDate ?? null),
    denialReason: a?.denialReason ?? '',
    note: a?.note ?? '',
  };
}

/** A number when it reads as one, null when blank, else the text for the backend to refuse in words. */
function typedNumber(text: string): number | string | null {
  const t = text.trim();
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}

export function AuthorizationForm({
  patientId,
  auth,
  defaultPayerId,
  onDone,
}: {
  patientId: string;
  auth: Authorization | null;
  defaultPayerId: string | null;
  onDone: (saved: Authorization | null) => void;
}) {
  const payers = useClinicStore((s) => s.payers);
  const [v, setV] = useState<Values>(() => toValues(auth, defaultPayerId));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const set = (f: AuthField) => (value: string) => setV((p) => ({ ...p, [f]: value }));
  const idBase = auth ? `auth-${auth.id}` : 'auth-new';
  const fid = (f: AuthField) => `${idBase}-${f}`;
  const headingId = `${idBase}-heading`;

  // The form opens below the list: take the cursor (and the view) to it.
  useEffect(() => {
    document.getElementById(fid('payerId'))?.focus();
    // Once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const show = (next: FormErrors) => {
    setErrors(next);
    const first = FIELDS.find((f) => next.fields[f]);
    if (first) document.getElementById(fid(first))?.focus();
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const dates: Partial<Record<AuthField, string | null>> = {};
    const fields: Record<string, string> = {};
    for (const [f, label] of DATE_FIELDS) {
      const r = readTypedDate(v[f], label);
      if (r.ok) dates[f] = r.value;
      else fields[f] = r.message;
    }
    if (Object.keys(fields).length) return show({ general: null, fields });
    const values = {
      payerId: v.payerId || null,
      authNumber: v.authNumber.trim() || null,
      status: v.status as Authorization['status'],
      // May be text: the backend says what is wrong with it.
      approvedSessions: typedNumber(v.approvedSessions) as number | null,
      startDate: dates.startDate ?? null,
      endDate: dates.endDate ?? null,
      decisionDate: dates.decisionDate ?? null,
      denialReason: v.denialReason.trim() || null,
      note: v.note.trim() || null,
    };
    setSaving(true);
    try {
      const saved = auth
        ? await api.call('authorizations.update', { id: auth.id, expectedVersion: auth.version, ...values })
        : await api.call('authorizations.create', { patientId, ...values });
      setErrors(noErrors);
      onDone(saved);
    } catch (err) {
      show(toFormErrors(err, { known: (f) => KNOWN.has(f) }));
    } finally {
      setSaving(false);
    }
  }

  const dateField = (f: 'startDate' | 'endDate' | 'decisionDate', label: string, required: boolean, hint?: string) => (
    <TextField
      id={fid(f)}
      label={label}
      required={required}
      value={v[f]}
      onChange={set(f)}
      error={errors.fields[f]}
      hint={hint}
      placeholder="MM/DD/YYYY"
      inputMode="numeric"
      maxLength={10}
      autoComplete="off"
      className="field-date"
    />
  );
  const approved = v.status === 'approved';
  // A change of status is a lifecycle step: only the steps allowed from where it stands are offered.
  const statusOptions = auth
    ? STATUS_OPTIONS.filter((o) => o.value === auth.status || (allowedNextStatuses(auth.status) as readonly string[]).includes(o.value))
    : STATUS_OPTIONS;

  return (
    <form className="form subform auth-form" noValidate onSubmit={onSubmit} aria-labelledby={headingId}>
      <h3 id={headingId}>{auth ? `Edit authorization${auth.authNumber ? ` ${auth.authNumber}` : ''}` : 'New authorization'}</h3>
      <FormAlert message={errors.general} />
      <div className="field-row">
        <SelectField
          id={fid('payerId')}
          label="Payer"
          value={v.payerId}
          onChange={set('payerId')}
          options={payers.map((p) => ({ value: p.id, label: p.payerCode ? `${p.name} (${p.payerCode})` : p.name }))}
          placeholder="Not recorded"
          error={errors.fields.payerId}
        />
        <TextField id={fid('authNumber')} label="Authorization number" value={v.authNumber} onChange={set('authNumber')} error={errors.fields.authNumber} maxLength={60} autoComplete="off" />
        <SelectField id={fid('status')} label="Status" required value={v.status} onChange={set('status')} options={statusOptions} error={errors.fields.status} />
      </div>
      <div className="field-row">
        <TextField
          id={fid('approvedSessions')}
          label="Approved sessions"
          required={approved}
          value={v.approvedSessions}
          onChange={set('approvedSessions')}
          error={errors.fields.approvedSessions}
          inputMode="numeric"
          maxLength={4}
          autoComplete="off"
          className="field-number"
          hint="Infusions the payer allows (units)."
        />
        {dateField('startDate', 'First day covered', approved)}
        {dateField('endDate', 'Last day covered', approved)}
        {dateField('decisionDate', 'Decision date', false)}
      </div>
      {v.status === 'denied' || v.denialReason ? (
        <TextAreaField id={fid('denialReason')} label="Denial reason" value={v.denialReason} onChange={set('denialReason')} error={errors.fields.denialReason} maxLength={500} />
      ) : null}
      <TextAreaField id={fid('note')} label="Note" value={v.note} onChange={set('note')} error={errors.fields.note} maxLength={500} />
      <p className="field-hint">Sessions used count the infusions given under this authorization, and booked ones are shown beside them; neither is typed in.</p>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {auth ? 'Save authorization' : 'Add authorization'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
