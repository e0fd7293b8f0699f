/**
 * Current medications, each checked against the clinic's ketamine interaction list. A flag
 * shows as a badge with its reason in words, both for saved medications and while a drug
 * name is being typed.
 */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { InteractionFlag, IntakeRecord, IntakeReference, Medication } from '../../../../src-shared/api/schemas/intake';
import { api } from '../../api/client';
import { FormAlert, TextField } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { RemoveAction, SectionFrame, focusFirst, useSectionFocus } from './common';
import { reloadIntake } from './store';

const FIELDS = ['drug', 'dose', 'frequency'] as const;
type Field = (typeof FIELDS)[number];
const fid = (f: string) => `medication-${f}`;

export function MedicationsSection({ record, reference }: { record: IntakeRecord; reference: IntakeReference }) {
  const [flash, showFlash] = useFlash();
  const patientId = record.patient.id;
  useSectionFocus('medications', fid('drug'));
  // Only flags that ask for a review make the notice; cautions show as badges.
  const flagged = record.medications.filter((m) => m.flags.some((f) => f.severity === 'review')).length;

  return (
    <SectionFrame
      section="medications"
      title="Current medications"
      flash={<Flash message={flash} />}
      lead="Every medication the patient takes now. Medications that interact with ketamine are flagged for the physician."
    >
      {record.medications.length === 0 ? (
        <p className="muted">No current medications recorded.</p>
      ) : (
        <>
          {flagged > 0 ? (
            <p className="notice notice-warning" role="note">
              {flagged === 1 ? '1 medication needs' : `${flagged} medications need`} the physician’s review before the first infusion.
            </p>
          ) : null}
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Medication</th>
                <th scope="col">Dose</th>
                <th scope="col">Frequency</th>
                <th scope="col">Interaction with ketamine</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {record.medications.map((m) => (
                <MedicationRow
                  key={m.id}
                  medication={m}
                  reference={reference}
                  onRemoved={() => {
                    showFlash(`${m.drug} removed`);
                    void reloadIntake(patientId);
                  }}
                />
              ))}
            </tbody>
          </table>
        </>
      )}
      <AddMedicationForm
        patientId={patientId}
        reference={reference}
        onAdded={(drug) => {
          showFlash(`${drug} added`);
          void reloadIntake(patientId);
        }}
      />
    </SectionFrame>
  );
}

export function FlagList({ flags, reference }: { flags: InteractionFlag[]; reference: IntakeReference }) {
  return (
    <ul className="flag-list">
      {flags.map((f) => (
        <li key={f.ruleId} className={`flag flag-${f.severity}`}>
          <span className={`badge badge-${f.severity === 'review' ? 'danger' : 'warning'}`}>
            <span aria-hidden="true">⚠ </span>
            {f.name}
          </span>{' '}
          <span className="flag-why">{f.why}</span> <span className="muted">{reference.interactions.severities[f.severity]}</span>
        </li>
      ))}
    </ul>
  );
}

function MedicationRow({ medication: m, reference, onRemoved }: { medication: Medication; reference: IntakeReference; onRemoved: () => void }) {
  return (
    <tr className={m.flags.length ? 'flagged-row' : undefined}>
      <td>
        <strong>{m.drug}</strong>
      </td>
      <td>{m.dose ?? <span className="muted">—</span>}</td>
      <td>{m.frequency ?? <span className="muted">—</span>}</td>
      <td>{m.flags.length ? <FlagList flags={m.flags} reference={reference} /> : <span className="muted">None on the clinic’s list</span>}</td>
      <td className="actions-cell">
        <RemoveAction
          what={`medication ${m.drug}`}
          onRemove={async () => {
            await api.call('intake.removeMedication', { id: m.id, expectedVersion: m.version });
            onRemoved();
          }}
        />
      </td>
    </tr>
  );
}

/** Flags for the drug name as typed, asked of the backend a moment after typing stops. */
function useLiveFlags(drug: string): InteractionFlag[] {
  const [flags, setFlags] = useState<InteractionFlag[]>([]);
  const seq = useRef(0);
  useEffect(() => {
    const q = drug.trim();
    const mine = ++seq.current;
    if (q.length < 3) {
      setFlags([]);
      return;
    }
    const timer = setTimeout(() => {
      api
        .call('intake.checkInteractions', { drug: q })
        .then((out) => {
          if (mine === seq.current) setFlags(out.flags);
        })
        .catch(() => {
          if (mine === seq.current) setFlags([]);
        });
    }, 250);
    return () => clearTimeout(timer);
  }, [drug]);
  return flags;
}

type Values = Record<Field, string>;
const EMPTY: Values = { drug: '', dose: '', frequency: '' };

function AddMedicationForm({ patientId, reference, onAdded }: { patientId: string; reference: IntakeReference; onAdded: (drug: string) => void }) {
  const [v, setV] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const set = (f: Field) => (value: string) => setV((p) => ({ ...p, [f]: value }));
  const liveFlags = useLiveFlags(v.drug);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    try {
      const saved = await api.call('intake.addMedication', {
        patientId,
        fields: { drug: v.drug, dose: v.dose.trim() || null, frequency: v.frequency.trim() || null },
      });
      setV(EMPTY);
      setErrors(noErrors);
      onAdded(saved.drug);
    } catch (err) {
      const next = toFormErrors(err, { stripPrefix: 'fields.', known: (f) => (FIELDS as readonly string[]).includes(f) });
      setErrors(next);
      focusFirst([...FIELDS], next.fields, fid);
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form subform" noValidate onSubmit={onSubmit} aria-labelledby="add-medication-heading">
      <h3 id="add-medication-heading">Add a current medication</h3>
      <FormAlert message={errors.general} />
      <div className="field-row">
        <TextField id={fid('drug')} label="Drug" required value={v.drug} onChange={set('drug')} error={errors.fields.drug} maxLength={200} autoComplete="off" placeholder="e.g. lorazepam" />
        <TextField id={fid('dose')} label="Dose" value={v.dose} onChange={set('dose')} error={errors.fields.dose} maxLength={200} autoComplete="off" placeholder="e.g. 1 mg" className="field-narrow" />
        <TextField
          id={fid('frequency')}
          label="Frequency"
          value={v.frequency}
          onChange={set('frequency')}
          error={errors.fields.frequency}
          maxLength={200}
          autoComplete="off"
          placeholder="e.g. twice a day"
          className="field-narrow"
        />
      </div>
      {liveFlags.length ? (
        <div className="live-flags" role="status">
          <p>This drug will be flagged:</p>
          <FlagList flags={liveFlags} reference={reference} />
        </div>
      ) : null}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          Add medication
        </button>
      </div>
    </form>
  );
}
