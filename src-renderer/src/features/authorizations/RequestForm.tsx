/**
 * What a prior authorization request asks the payer for: patient's coverage (payer, member and
 * group id), diagnosis group, the series template, dates of service and sessions, the service
 * lines (codes and units per session), the ordering provider, how it goes and whether it is
 * expedited. Used for the chart's "New request" (a draft) and on the request page while it is a
 * draft. Dates are typed the desk's way; every other rule is the backend's, shown by its field.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import type { Coverage } from '../../../../src-shared/api/schemas/patients';
import { DIAGNOSIS_GROUPS } from '../../../../src-shared/api/schemas/intake';
import { SUBMISSION_ROUTES, type Authorization } from '../../../../src-shared/api/schemas/series';
import { addDays } from '../../../../src-shared/domain/zoned-time';
import { formatCalendarDate } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { CheckboxField, FormAlert, SelectField, TextField } from '../../components/Field';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { readTypedDate } from '../../lib/typed-date';
import { useClinicStore } from '../clinic/store';

export const GROUP_LABELS: Record<(typeof DIAGNOSIS_GROUPS)[number], string> = {
  crps: 'CRPS',
  fibromyalgia: 'Fibromyalgia',
  neuropathic: 'Neuropathic pain',
  post_surgical: 'Chronic post-surgical pain',
  other_chronic_pain: 'Other chronic pain',
};
export const ROUTE_LABELS: Record<(typeof SUBMISSION_ROUTES)[number], string> = {
  portal: 'Payer portal',
  fax: 'Fax',
  electronic: 'Electronic (PAS)',
  phone: 'Phone',
  mail: 'Mail',
};

type Templates = MethodOutput<'series.templates.list'>;
interface LineValues {
  code: string;
  system: 'CPT' | 'HCPCS';
  units: string;
  description: string;
}
interface Values {
  coverageId: string;
  payerId: string;
  memberId: string;
  groupNumber: string;
  diagnosisGroup: string;
  templateId: string;
  requestedSessions: string;
  requestedStartDate: string;
  requestedEndDate: string;
  orderingProviderId: string;
  submissionRoute: string;
  expedited: boolean;
  lines: LineValues[];
}

const KNOWN = new Set([
  'coverageId',
  'payerId',
  'memberId',
  'groupNumber',
  'diagnosisGroup',
  'templateId',
  'requestedSessions',
  'requestedStartDate',
  'requestedEndDate',
  'orderingProviderId',
  'submissionRoute',
  'serviceLines',
]);

function toValues(a: Authorization | null, coverages: readonly Coverage[]): Values {
  const primary = coverages.find((c) => c.priority === 'primary') ?? coverages[0];
  const date = (d: string | null) => (d ? formatCalendarDate(d) : '');
  return {
    coverageId: a ? (a.coverageId ?? '') : (primary?.id ?? ''),
    payerId: a ? (a.payerId ?? '') : (primary?.payerId ?? ''),
    memberId: a?.memberId ?? '',
    groupNumber: a?.groupNumber ?? '',
    diagnosisGroup: a?.diagnosisGroup ?? '',
    templateId: a?.templateId ?? '',
    requestedSessions: a?.requestedSessions != null ? String(a.requestedSessions) : '',
    requestedStartDate: date(a?.requestedStartDate ?? null),
    requestedEndDate: date(a?.requestedEndDate ?? null),
    orderingProviderId: a?.orderingProviderId ?? '',
    submissionRoute: a?.submissionRoute ?? '',
    expedited: a?.expedited ?? false,
    lines: (a?.serviceLines ?? []).map((l) => ({ code: l.code, system: l.system, units: String(l.unitsPerSession), description: l.description ?? '' })),
  };
}

export function RequestForm({
  patientId,
  coverages,
  auth,
  onDone,
}: {
  patientId: string;
  coverages: readonly Coverage[];
  auth: Authorization | null;
  onDone: (saved: Authorization | null) => void;
}) {
  const payers = useClinicStore((s) => s.payers);
  const staff = useClinicStore((s) => s.staff);
  const [templates, setTemplates] = useState<Templates>([]);
  const [v, setV] = useState<Values>(() => toValues(auth, coverages));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const base = auth ? `req-${auth.id}` : 'req-new';
  const fid = (f: string) => `${base}-${f}`;
  const set = <K extends keyof Values>(k: K) => (value: Values[K]) => setV((p) => ({ ...p, [k]: value }));

  useEffect(() => {
    void api.call('series.templates.list', {}).then(setTemplates, () => setTemplates([]));
    // A new request opens under the list: take the cursor to it.
    if (!auth) document.getElementById(fid('coverageId'))?.focus();
    // Once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const chooseCoverage = (id: string) => {
    const c = coverages.find((x) => x.id === id);
    setV((p) => ({ ...p, coverageId: id, payerId: c ? c.payerId : p.payerId, memberId: c ? '' : p.memberId, groupNumber: c ? '' : p.groupNumber }));
  };
  // A template fills what is still blank: its sessions, and the last day from the first and its window.
  const chooseTemplate = (id: string) => {
    const t = templates.find((x) => x.id === id);
    setV((p) => {
      const next = { ...p, templateId: id };
      if (!t) return next;
      if (!p.requestedSessions) next.requestedSessions = String(t.sessionCount);
      const start = readTypedDate(p.requestedStartDate, 'first day');
      if (!p.requestedEndDate && start.ok && start.value) next.requestedEndDate = formatCalendarDate(addDays(start.value, t.windowDays - 1));
      return next;
    });
  };

  const show = (next: FormErrors) => {
    setErrors(next);
    const first = Object.keys(next.fields)[0];
    if (first) document.getElementById(fid(first.startsWith('serviceLines') ? 'lines' : first))?.focus();
    else document.getElementById(`${base}-alert`)?.focus();
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const fields: Record<string, string> = {};
    const start = readTypedDate(v.requestedStartDate, 'first day asked for');
    const end = readTypedDate(v.requestedEndDate, 'last day asked for');
    if (!start.ok) fields.requestedStartDate = start.message;
    if (!end.ok) fields.requestedEndDate = end.message;
    if (Object.keys(fields).length) return show({ general: null, fields });
    const sessions = v.requestedSessions.trim();
    const lines = v.lines
      .filter((l) => l.code.trim() || l.units.trim())
      .map((l) => ({
        code: l.code.trim(),
        system: l.system,
        // May be text: the backend says what is wrong with it.
        unitsPerSession: (l.units.trim() === '' ? 1 : Number.isFinite(Number(l.units)) ? Number(l.units) : l.units) as number,
        ...(l.description.trim() ? { description: l.description.trim() } : {}),
      }));
    const values = {
      coverageId: v.coverageId || null,
      payerId: v.payerId || null,
      memberId: v.memberId.trim() || null,
      groupNumber: v.groupNumber.trim() || null,
      diagnosisGroup: (v.diagnosisGroup || null) as Authorization['diagnosisGroup'],
      templateId: v.templateId || null,
      requestedSessions: (sessions === '' ? null : Number.isFinite(Number(sessions)) ? Number(sessions) : sessions) as number | null,
      requestedStartDate: start.ok ? start.value : null,
      requestedEndDate: end.ok ? end.value : null,
      serviceLines: lines.length ? lines : null,
      orderingProviderId: v.orderingProviderId || null,
      submissionRoute: (v.submissionRoute || null) as Authorization['submissionRoute'],
      expedited: v.expedited,
    };
    setSaving(true);
    try {
      const saved = auth
        ? await api.call('authorizations.updateRequest', { id: auth.id, expectedVersion: auth.version, ...values })
        : await api.call('authorizations.createRequest', { patientId, ...values });
      setErrors(noErrors);
      onDone(saved);
    } catch (err) {
      const mapped = toFormErrors(err, { known: (f) => KNOWN.has(f.split('.')[0]!) });
      show({ general: mapped.general, fields: Object.fromEntries(Object.entries(mapped.fields).map(([k, m]) => [k.startsWith('serviceLines') ? 'lines' : k, m])) });
    } finally {
      setSaving(false);
    }
  }

  const providers = staff.filter((s) => s.active && (s.role === 'physician' || s.role === 'anesthesiologist' || s.role === 'crna'));
  const coverage = coverages.find((c) => c.id === v.coverageId);
  const setLine = (i: number, patch: Partial<LineValues>) => setV((p) => ({ ...p, lines: p.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) }));

  return (
    <form className="form subform request-form" noValidate onSubmit={onSubmit} aria-labelledby={`${base}-heading`}>
      <h3 id={`${base}-heading`}>{auth ? 'What the request asks for' : 'New authorization request'}</h3>
      <div id={`${base}-alert`} tabIndex={-1}>
        <FormAlert message={errors.general} />
      </div>
      <fieldset className="request-step">
        <legend>1. Payer and coverage</legend>
        <div className="field-row">
          <SelectField
            id={fid('coverageId')}
            label="Coverage"
            value={v.coverageId}
            onChange={chooseCoverage}
            options={coverages.map((c) => ({ value: c.id, label: `${c.payerName} · member ${c.memberId}${c.priority !== 'primary' ? ` (${c.priority})` : ''}` }))}
            placeholder={coverages.length ? 'None: choose the payer' : 'No coverage on file'}
            error={errors.fields.coverageId}
          />
          <SelectField
            id={fid('payerId')}
            label="Payer"
            required
            value={v.payerId}
            onChange={(id) => setV((p) => ({ ...p, payerId: id, coverageId: coverage && coverage.payerId !== id ? '' : p.coverageId }))}
            options={payers.map((p) => ({ value: p.id, label: p.name }))}
            placeholder="Choose the payer"
            error={errors.fields.payerId}
          />
          <TextField
            id={fid('memberId')}
            label="Member ID"
            value={v.memberId}
            onChange={set('memberId')}
            error={errors.fields.memberId}
            maxLength={40}
            autoComplete="off"
            hint={coverage && !v.memberId ? `From the coverage: ${coverage.memberId}` : undefined}
          />
          <TextField
            id={fid('groupNumber')}
            label="Group number"
            value={v.groupNumber}
            onChange={set('groupNumber')}
            error={errors.fields.groupNumber}
            maxLength={40}
            autoComplete="off"
            hint={coverage?.groupNumber && !v.groupNumber ? `From the coverage: ${coverage.groupNumber}` : undefined}
          />
        </div>
      </fieldset>
      <fieldset className="request-step">
        <legend>2. What for</legend>
        <div className="field-row">
          <SelectField
            id={fid('diagnosisGroup')}
            label="Diagnosis"
            value={v.diagnosisGroup}
            onChange={set('diagnosisGroup')}
            options={DIAGNOSIS_GROUPS.map((g) => ({ value: g, label: GROUP_LABELS[g] }))}
            placeholder="Choose"
            error={errors.fields.diagnosisGroup}
          />
          <SelectField
            id={fid('templateId')}
            label="Series template"
            value={v.templateId}
            onChange={chooseTemplate}
            options={templates.filter((t) => t.active || t.id === v.templateId).map((t) => ({ value: t.id, label: `${t.name} (${t.sessionCount} sessions)` }))}
            placeholder="Choose"
            error={errors.fields.templateId}
          />
          <SelectField
            id={fid('orderingProviderId')}
            label="Ordering provider"
            value={v.orderingProviderId}
            onChange={set('orderingProviderId')}
            options={providers.map((s) => ({ value: s.id, label: s.name }))}
            placeholder="Choose"
            error={errors.fields.orderingProviderId}
          />
        </div>
      </fieldset>
      <fieldset className="request-step">
        <legend>3. Dates of service</legend>
        <div className="field-row">
          <TextField
            id={fid('requestedStartDate')}
            label="First day asked for"
            value={v.requestedStartDate}
            onChange={set('requestedStartDate')}
            error={errors.fields.requestedStartDate}
            placeholder="MM/DD/YYYY"
            inputMode="numeric"
            maxLength={10}
            autoComplete="off"
            className="field-date"
          />
          <TextField
            id={fid('requestedEndDate')}
            label="Last day asked for"
            value={v.requestedEndDate}
            onChange={set('requestedEndDate')}
            error={errors.fields.requestedEndDate}
            placeholder="MM/DD/YYYY"
            inputMode="numeric"
            maxLength={10}
            autoComplete="off"
            className="field-date"
          />
          <TextField
            id={fid('requestedSessions')}
            label="Sessions asked for"
            value={v.requestedSessions}
            onChange={set('requestedSessions')}
            error={errors.fields.requestedSessions}
            inputMode="numeric"
            maxLength={4}
            autoComplete="off"
            className="field-number"
          />
          <SelectField
            id={fid('submissionRoute')}
            label="Sent by"
            value={v.submissionRoute}
            onChange={set('submissionRoute')}
            options={SUBMISSION_ROUTES.map((r) => ({ value: r, label: ROUTE_LABELS[r] }))}
            placeholder="Not decided"
            error={errors.fields.submissionRoute}
          />
        </div>
        <CheckboxField
          id={fid('expedited')}
          label="Expedited (urgent: the payer decides within 72 hours where the rule applies)"
          checked={v.expedited}
          onChange={set('expedited')}
        />
      </fieldset>
      <fieldset className="request-step" id={fid('lines')} tabIndex={-1} aria-describedby={errors.fields.lines ? `${fid('lines')}-error` : undefined}>
        <legend>4. Service lines (codes per session)</legend>
        {errors.fields.lines ? (
          <p className="field-error" id={`${fid('lines')}-error`}>
            {errors.fields.lines}
          </p>
        ) : null}
        {v.lines.length === 0 ? <p className="muted">No codes yet. Add the administration and drug codes the payer asks for.</p> : null}
        {v.lines.map((l, i) => (
          <div className="field-row service-line" key={i}>
            <TextField id={fid(`line-${i}-code`)} label={`Code ${i + 1}`} value={l.code} onChange={(x) => setLine(i, { code: x })} maxLength={10} autoComplete="off" />
            <SelectField
              id={fid(`line-${i}-system`)}
              label="Code set"
              value={l.system}
              onChange={(x) => setLine(i, { system: x as LineValues['system'] })}
              options={[
                { value: 'CPT', label: 'CPT' },
                { value: 'HCPCS', label: 'HCPCS' },
              ]}
            />
            <TextField id={fid(`line-${i}-units`)} label="Units per session" value={l.units} onChange={(x) => setLine(i, { units: x })} inputMode="numeric" maxLength={3} className="field-number" />
            <TextField id={fid(`line-${i}-description`)} label="Description" value={l.description} onChange={(x) => setLine(i, { description: x })} maxLength={120} />
            <button type="button" className="button button-quiet" onClick={() => setV((p) => ({ ...p, lines: p.lines.filter((_, j) => j !== i) }))}>
              Remove<span className="visually-hidden"> code {i + 1}</span>
            </button>
          </div>
        ))}
        <button
          type="button"
          className="button"
          onClick={() => {
            setV((p) => ({ ...p, lines: [...p.lines, { code: '', system: p.lines.length === 0 ? 'CPT' : 'HCPCS', units: '1', description: '' }] }));
            setTimeout(() => document.getElementById(fid(`line-${v.lines.length}-code`))?.focus(), 0);
          }}
        >
          Add service line
        </button>
      </fieldset>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          {auth ? 'Save request' : 'Create draft request'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
