/**
 * Record the next step of an authorization (sent, pending, approved, denied, peer-to-peer,
 * appealed, ...): the fields the step needs (src-shared/domain/authorizations/lifecycle.ts
 * STEP_REQUIREMENTS) plus its reference number and a note. The backend checks the step; its
 * refusals show beside the field they name and nothing is recorded.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { SUBMISSION_ROUTES, type Authorization, type AuthStatus } from '../../../../src-shared/api/schemas/series';
import { AUTH_STATUS_WORDS } from '../../../../src-shared/domain/authorizations/lifecycle';
import { formatCalendarDate, todayInZone } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { FormAlert, SelectField, TextAreaField, TextField } from '../../components/Field';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { readTypedDate } from '../../lib/typed-date';
import { zonedToInstant } from '../../lib/zoned-time';
import { ROUTE_LABELS } from './RequestForm';

type Kind = 'text' | 'date' | 'number' | 'route' | 'datetime' | 'long';
interface StepField {
  key: string;
  label: string;
  kind: Kind;
  required?: boolean;
  hint?: string;
}

/** The fields each step asks for, in the order the desk reads them off the payer's letter. */
export const STEP_FIELDS: Partial<Record<AuthStatus, StepField[]>> = {
  submitted: [{ key: 'submissionRoute', label: 'Sent by', kind: 'route', required: true }],
  approved: [
    { key: 'authNumber', label: 'Authorization number', kind: 'text', required: true },
    { key: 'approvedSessions', label: 'Approved sessions', kind: 'number', required: true },
    { key: 'startDate', label: 'First day covered', kind: 'date', required: true },
    { key: 'endDate', label: 'Last day covered', kind: 'date', required: true },
  ],
  partially_approved: [
    { key: 'authNumber', label: 'Authorization number', kind: 'text', required: true },
    { key: 'approvedSessions', label: 'Approved sessions', kind: 'number', required: true },
    { key: 'startDate', label: 'First day covered', kind: 'date', required: true },
    { key: 'endDate', label: 'Last day covered', kind: 'date', required: true },
  ],
  denied: [
    { key: 'denialDate', label: 'Denial date', kind: 'date', required: true },
    { key: 'denialReason', label: 'Denial reason', kind: 'long', required: true, hint: 'As the payer words it.' },
    { key: 'denialCode', label: 'Denial code', kind: 'text' },
    { key: 'denialPolicy', label: 'Policy cited', kind: 'text', hint: 'e.g. MP-446' },
  ],
  p2p_scheduled: [{ key: 'p2pScheduledAt', label: 'Call on', kind: 'datetime', required: true }],
  appealed: [{ key: 'appealFiledDate', label: 'Date the appeal was filed', kind: 'date', required: true }],
  external_review: [{ key: 'finalDenialDate', label: 'Date of the final internal denial', kind: 'date', hint: 'Filled from the last denial when blank.' }],
  closed: [{ key: 'closedReason', label: 'Reason for closing', kind: 'text' }],
};

/** The buttons' words: "Mark sent", "Record approval". */
export const STEP_VERBS: Partial<Record<AuthStatus, string>> = {
  draft: 'Back to draft',
  ready: 'Mark ready to send',
  submitted: 'Mark sent to payer',
  pending: 'Payer asked for more information',
  approved: 'Record approval',
  partially_approved: 'Record partial approval',
  denied: 'Record denial',
  p2p_requested: 'Peer-to-peer asked for',
  p2p_scheduled: 'Book peer-to-peer call',
  p2p_done: 'Peer-to-peer held',
  appealed: 'Record appeal filed',
  external_review: 'Request external review',
  closed: 'Close',
  expired: 'Mark expired',
  cancelled: 'Cancel request',
};

export function StepForm({ auth, to, timeZone, onDone }: { auth: Authorization; to: AuthStatus; timeZone: string; onDone: (saved: Authorization | null) => void }) {
  const fields = STEP_FIELDS[to] ?? [];
  const [v, setV] = useState<Record<string, string>>(() => ({
    submissionRoute: auth.submissionRoute ?? '',
    authNumber: auth.authNumber ?? '',
    approvedSessions: auth.requestedSessions != null && to === 'approved' ? String(auth.requestedSessions) : '',
    startDate: to === 'approved' && auth.requestedStartDate ? formatCalendarDate(auth.requestedStartDate) : '',
    endDate: to === 'approved' && auth.requestedEndDate ? formatCalendarDate(auth.requestedEndDate) : '',
  }));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const base = `step-${auth.id}-${to}`;
  const fid = (k: string) => `${base}-${k}`;
  const set = (k: string) => (value: string) => setV((p) => ({ ...p, [k]: value }));

  useEffect(() => {
    document.getElementById(fid(fields[0]?.key ?? 'note'))?.focus();
    // Once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const show = (next: FormErrors) => {
    setErrors(next);
    const first = [...fields.map((f) => f.key), 'referenceNumber', 'note', 'at'].find((k) => next.fields[k]);
    document.getElementById(first ? fid(first) : `${base}-alert`)?.focus();
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const patch: Record<string, unknown> = {};
    const bad: Record<string, string> = {};
    for (const f of fields) {
      const raw = (v[f.key] ?? '').trim();
      if (f.kind === 'date') {
        const r = readTypedDate(raw, f.label.toLowerCase());
        if (!r.ok) bad[f.key] = r.message;
        else if (r.value) patch[f.key] = r.value;
      } else if (f.kind === 'datetime') {
        const d = readTypedDate(v[`${f.key}.date`] ?? '', 'date of the call');
        const time = (v[`${f.key}.time`] ?? '').trim();
        if (!d.ok) bad[f.key] = d.message;
        else if (d.value && !/^\d{1,2}:\d{2}$/.test(time)) bad[f.key] = 'Enter the time of the call as hh:mm (24-hour clinic time), e.g. 14:30.';
        else if (d.value) patch[f.key] = zonedToInstant(timeZone, d.value, time.padStart(5, '0'));
      } else if (f.kind === 'number') {
        if (raw) patch[f.key] = Number.isFinite(Number(raw)) ? Number(raw) : raw;
      } else if (raw) patch[f.key] = raw;
    }
    const when = readTypedDate(v.at ?? '', 'date of this step');
    if (!when.ok) bad.at = when.message;
    if (Object.keys(bad).length) return show({ general: null, fields: bad });
    // A step dated today happened now; an earlier date at noon clinic time.
    const at = when.ok && when.value && when.value !== todayInZone(timeZone) ? zonedToInstant(timeZone, when.value, '12:00') : undefined;
    setSaving(true);
    try {
      const saved = await api.call('authorizations.changeStatus', {
        id: auth.id,
        to,
        expectedVersion: auth.version,
        ...(at !== undefined ? { at } : {}),
        referenceNumber: v.referenceNumber?.trim() || null,
        note: v.note?.trim() || null,
        patch: patch as never,
      });
      setErrors(noErrors);
      onDone(saved);
    } catch (err) {
      // A step whose facts are missing names them (submittedAt is the step's date).
      const mapped = toFormErrors(err, { stripPrefix: 'patch.' });
      const fieldsOut: Record<string, string> = {};
      for (const [k, m] of Object.entries(mapped.fields)) fieldsOut[k === 'submittedAt' ? 'at' : k === 'to' ? '' : k] = m;
      const general = mapped.general ?? fieldsOut[''] ?? null;
      delete fieldsOut[''];
      show({ general, fields: fieldsOut });
    } finally {
      setSaving(false);
    }
  }

  const input = (f: StepField) => {
    const common = { id: fid(f.key), label: f.label, required: f.required, error: errors.fields[f.key], hint: f.hint };
    switch (f.kind) {
      case 'route':
        return (
          <SelectField
            key={f.key}
            {...common}
            value={v[f.key] ?? ''}
            onChange={set(f.key)}
            options={SUBMISSION_ROUTES.map((r) => ({ value: r, label: ROUTE_LABELS[r] }))}
            placeholder="Choose"
          />
        );
      case 'long':
        return <TextAreaField key={f.key} {...common} value={v[f.key] ?? ''} onChange={set(f.key)} maxLength={1000} rows={2} />;
      case 'datetime':
        return (
          <div key={f.key} className="field-row">
            <TextField
              {...common}
              label={`${f.label} (date)`}
              value={v[`${f.key}.date`] ?? ''}
              onChange={set(`${f.key}.date`)}
              placeholder="MM/DD/YYYY"
              inputMode="numeric"
              maxLength={10}
              className="field-date"
              autoComplete="off"
            />
            <TextField
              id={fid(`${f.key}-time`)}
              label="Time (clinic)"
              value={v[`${f.key}.time`] ?? ''}
              onChange={set(`${f.key}.time`)}
              placeholder="14:30"
              maxLength={5}
              autoComplete="off"
            />
          </div>
        );
      default:
        return (
          <TextField
            key={f.key}
            {...common}
            value={v[f.key] ?? ''}
            onChange={set(f.key)}
            maxLength={f.kind === 'date' ? 10 : 120}
            placeholder={f.kind === 'date' ? 'MM/DD/YYYY' : undefined}
            inputMode={f.kind === 'text' ? 'text' : 'numeric'}
            className={f.kind === 'date' ? 'field-date' : f.kind === 'number' ? 'field-number' : undefined}
            autoComplete="off"
          />
        );
    }
  };

  return (
    <form className="form subform step-form" noValidate onSubmit={onSubmit} aria-labelledby={`${base}-heading`}>
      <h3 id={`${base}-heading`}>
        {STEP_VERBS[to] ?? AUTH_STATUS_WORDS[to]}: becomes “{AUTH_STATUS_WORDS[to]}”
      </h3>
      <div id={`${base}-alert`} tabIndex={-1}>
        <FormAlert message={errors.general} />
      </div>
      <div className="field-row field-row-wrap">{fields.map(input)}</div>
      <div className="field-row">
        <TextField
          id={fid('at')}
          label="Date of this step"
          value={v.at ?? ''}
          onChange={set('at')}
          error={errors.fields.at}
          placeholder="MM/DD/YYYY"
          hint="Blank: now."
          inputMode="numeric"
          maxLength={10}
          className="field-date"
          autoComplete="off"
        />
        <TextField
          id={fid('referenceNumber')}
          label="Payer reference number"
          value={v.referenceNumber ?? ''}
          onChange={set('referenceNumber')}
          error={errors.fields.referenceNumber}
          maxLength={60}
          autoComplete="off"
        />
      </div>
      <TextAreaField id={fid('note')} label="Note" value={v.note ?? ''} onChange={set('note')} error={errors.fields.note} maxLength={2000} rows={2} />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {STEP_VERBS[to] ?? 'Record'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
