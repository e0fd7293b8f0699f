/** A patient's insurance coverages: the list, and a form to add one. */
import { useState, type FormEvent } from 'react';
import type { Coverage, PatientDetail } from '../../../../src-shared/api/schemas/patients';
import { api } from '../../api/client';
import { paths } from '../../app/router';
import { Flash } from '../../components/Flash';
import { FormAlert, SelectField, TextField } from '../../components/Field';
import { useFlash } from '../../components/useFlash';
import { errorText, noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useClinicStore } from '../clinic/store';
import { PRIORITY_OPTIONS, RELATION_OPTIONS, optionLabel } from './labels';
import { usePatientsStore } from './store';

export function CoverageSection({ patient }: { patient: PatientDetail }) {
  const [adding, setAdding] = useState(false);
  const [flash, showFlash] = useFlash();
  const [removeError, setRemoveError] = useState<string | null>(null);
  const reload = () => usePatientsStore.getState().loadPatient(patient.id);

  return (
    <section className="panel coverage-panel" aria-labelledby="coverage-heading">
      <div className="panel-heading">
        <h2 id="coverage-heading">Insurance coverage</h2>
        <Flash message={flash} />
        {!adding ? (
          <button type="button" className="button" onClick={() => setAdding(true)}>
            Add coverage
          </button>
        ) : null}
      </div>
      {removeError ? (
        <p className="form-alert" role="alert">
          {removeError}
        </p>
      ) : null}
      {patient.coverages.length === 0 ? (
        <p className="muted">No insurance coverage recorded.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Priority</th>
              <th scope="col">Payer</th>
              <th scope="col">Plan</th>
              <th scope="col">Member ID</th>
              <th scope="col">Group</th>
              <th scope="col">Policy holder</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {patient.coverages.map((c) => (
              <CoverageRow
                key={c.id}
                coverage={c}
                onRemoved={() => {
                  setRemoveError(null);
                  showFlash('Coverage removed');
                  void reload();
                }}
                onError={setRemoveError}
              />
            ))}
          </tbody>
        </table>
      )}
      {adding ? (
        <AddCoverageForm
          patient={patient}
          onDone={(saved) => {
            setAdding(false);
            if (saved) {
              showFlash('Coverage added');
              void reload();
            }
          }}
        />
      ) : null}
    </section>
  );
}

function CoverageRow({ coverage: c, onRemoved, onError }: { coverage: Coverage; onRemoved: () => void; onError: (m: string) => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const remove = async () => {
    setBusy(true);
    try {
      await api.call('patients.removeCoverage', { id: c.id, expectedVersion: c.version });
      onRemoved();
    } catch (err) {
      onError(errorText(err));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  const subscriber =
    c.subscriberRelation === 'self'
      ? 'The patient'
      : `${c.subscriberName ?? 'Name not recorded'} (${optionLabel(RELATION_OPTIONS, c.subscriberRelation).replace(/^The /, '')})`;
  return (
    <tr>
      <td>{optionLabel(PRIORITY_OPTIONS, c.priority)}</td>
      <td>{c.payerName}</td>
      <td>{c.planName ?? <span className="muted">—</span>}</td>
      <td className="mono">{c.memberId}</td>
      <td className="mono">{c.groupNumber ?? <span className="muted">—</span>}</td>
      <td>{subscriber}</td>
      <td className="actions-cell">
        {confirming ? (
          <>
            <button type="button" className="button button-danger" disabled={busy} onClick={() => void remove()}>
              Yes, remove
            </button>{' '}
            <button type="button" className="button button-quiet" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </>
        ) : (
          <button type="button" className="button button-quiet" onClick={() => setConfirming(true)} aria-label={`Remove ${c.payerName} coverage`}>
            Remove
          </button>
        )}
      </td>
    </tr>
  );
}

const FIELDS = ['payerId', 'planName', 'memberId', 'groupNumber', 'priority', 'subscriberName', 'subscriberRelation'] as const;
type CoverageField = (typeof FIELDS)[number];
const KNOWN = new Set<string>(FIELDS);
const fid = (f: CoverageField) => `coverage-${f}`;

function AddCoverageForm({ patient, onDone }: { patient: PatientDetail; onDone: (saved: boolean) => void }) {
  const payers = useClinicStore((s) => s.payers);
  const taken = new Set(patient.coverages.map((c) => c.priority));
  const firstFree = PRIORITY_OPTIONS.find((o) => !taken.has(o.value as Coverage['priority']))?.value ?? 'primary';
  const [v, setV] = useState<Record<CoverageField, string>>({
    payerId: '',
    planName: '',
    memberId: '',
    groupNumber: '',
    priority: firstFree,
    subscriberName: '',
    subscriberRelation: 'self',
  });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const set = (f: CoverageField) => (value: string) => setV((prev) => ({ ...prev, [f]: value }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    if (!v.payerId) {
      setErrors({ general: null, fields: { payerId: 'Choose the payer (insurance company).' } });
      document.getElementById(fid('payerId'))?.focus();
      return;
    }
    setSaving(true);
    try {
      await api.call('patients.addCoverage', {
        patientId: patient.id,
        fields: {
          payerId: v.payerId,
          planName: v.planName.trim() || null,
          memberId: v.memberId,
          groupNumber: v.groupNumber.trim() || null,
          priority: v.priority as Coverage['priority'],
          subscriberName: v.subscriberName.trim() || null,
          subscriberRelation: v.subscriberRelation as Coverage['subscriberRelation'],
        },
      });
      onDone(true);
    } catch (err) {
      const next = toFormErrors(err, { stripPrefix: 'fields.', known: (f) => KNOWN.has(f) });
      setErrors(next);
      const first = FIELDS.find((f) => next.fields[f]);
      if (first) document.getElementById(fid(first))?.focus();
    } finally {
      setSaving(false);
    }
  }

  if (payers.length === 0) {
    return (
      <div className="subform">
        <p>
          No payers are set up yet. Add the patient’s insurance company under <a href={paths.settingsSection('payers')}>Settings › Payers</a>{' '}
          first, then come back here.
        </p>
        <button type="button" className="button button-quiet" onClick={() => onDone(false)}>
          Close
        </button>
      </div>
    );
  }

  return (
    <form className="form subform" noValidate onSubmit={onSubmit} aria-labelledby="add-coverage-heading">
      <h3 id="add-coverage-heading">Add coverage</h3>
      <FormAlert message={errors.general} />
      <div className="field-row">
        <SelectField
          id={fid('payerId')}
          label="Payer"
          required
          value={v.payerId}
          onChange={set('payerId')}
          options={payers.map((p) => ({ value: p.id, label: p.payerCode ? `${p.name} (${p.payerCode})` : p.name }))}
          placeholder="Choose…"
          error={errors.fields.payerId}
        />
        <TextField id={fid('planName')} label="Plan name" value={v.planName} onChange={set('planName')} error={errors.fields.planName} maxLength={120} />
      </div>
      <div className="field-row">
        <TextField id={fid('memberId')} label="Member ID" required value={v.memberId} onChange={set('memberId')} error={errors.fields.memberId} maxLength={40} autoComplete="off" />
        <TextField id={fid('groupNumber')} label="Group number" value={v.groupNumber} onChange={set('groupNumber')} error={errors.fields.groupNumber} maxLength={40} autoComplete="off" />
        <SelectField id={fid('priority')} label="Priority" required value={v.priority} onChange={set('priority')} options={PRIORITY_OPTIONS} error={errors.fields.priority} />
      </div>
      <div className="field-row">
        <SelectField
          id={fid('subscriberRelation')}
          label="Policy holder"
          value={v.subscriberRelation}
          onChange={set('subscriberRelation')}
          options={RELATION_OPTIONS}
          error={errors.fields.subscriberRelation}
          hint="The person the insurance is in the name of."
        />
        {v.subscriberRelation !== 'self' ? (
          <TextField id={fid('subscriberName')} label="Holder’s name" value={v.subscriberName} onChange={set('subscriberName')} error={errors.fields.subscriberName} maxLength={200} autoComplete="off" />
        ) : null}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          Save coverage
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone(false)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
