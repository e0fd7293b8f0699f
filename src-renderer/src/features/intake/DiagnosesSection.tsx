/** Diagnoses: the ICD-10 codes the infusion is for, one of them primary. */
import { useState, type FormEvent } from 'react';
import type { Diagnosis, Icd10Entry, IntakeRecord, IntakeReference } from '../../../../src-shared/api/schemas/intake';
import { api } from '../../api/client';
import { CheckboxField, FormAlert } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { errorText, noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { Badge, DateField, RemoveAction, SectionFrame, focusFirst, labelOf, readTypedDate, showDate, useSectionFocus } from './common';
import { Icd10Picker, entryText } from './Icd10Picker';
import { reloadIntake } from './store';

const FIELDS = ['code', 'onsetDate', 'isPrimary'] as const;
const fid = (f: string) => `diagnosis-${f}`;

export function DiagnosesSection({ record, reference }: { record: IntakeRecord; reference: IntakeReference }) {
  const [flash, showFlash] = useFlash();
  const patientId = record.patient.id;
  useSectionFocus('diagnoses', fid('code'));

  return (
    <SectionFrame section="diagnoses" title="Diagnoses" flash={<Flash message={flash} />}>
      {record.diagnoses.length === 0 ? (
        <p className="muted">No diagnosis recorded yet.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Diagnosis</th>
              <th scope="col">Onset</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {record.diagnoses.map((d) => (
              <DiagnosisRow
                key={d.id}
                diagnosis={d}
                groupLabel={d.group ? labelOf(reference.icd10.groups, d.group) : null}
                onChanged={(m) => {
                  showFlash(m);
                  void reloadIntake(patientId);
                }}
              />
            ))}
          </tbody>
        </table>
      )}
      <AddDiagnosisForm
        patientId={patientId}
        hasDiagnoses={record.diagnoses.length > 0}
        reference={reference}
        onAdded={(code) => {
          showFlash(`${code} added`);
          void reloadIntake(patientId);
        }}
      />
    </SectionFrame>
  );
}

function DiagnosisRow({ diagnosis: d, groupLabel, onChanged }: { diagnosis: Diagnosis; groupLabel: string | null; onChanged: (m: string) => void }) {
  const [error, setError] = useState<string | null>(null);
  const makePrimary = async () => {
    try {
      await api.call('intake.updateDiagnosis', {
        id: d.id,
        expectedVersion: d.version,
        fields: { code: d.code, onsetDate: d.onsetDate, note: d.note, isPrimary: true },
      });
      setError(null);
      onChanged(`${d.code} is now the primary diagnosis`);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <tr>
      <td className="mono nowrap">{d.code}</td>
      <td>
        {d.title} {d.isPrimary ? <Badge tone="info">Primary</Badge> : null}
        {groupLabel ? <div className="muted small">{groupLabel}</div> : null}
        {error ? (
          <p className="error-text" role="alert">
            {error}
          </p>
        ) : null}
      </td>
      <td className="nowrap">{d.onsetDate ? showDate(d.onsetDate) : <span className="muted">Not known</span>}</td>
      <td className="actions-cell">
        {!d.isPrimary ? (
          <button type="button" className="button button-quiet button-small" onClick={() => void makePrimary()}>
            Make primary<span className="visually-hidden"> ({d.code})</span>
          </button>
        ) : null}
        <RemoveAction
          what={`diagnosis ${d.code}`}
          onRemove={async () => {
            await api.call('intake.removeDiagnosis', { id: d.id, expectedVersion: d.version });
            onChanged(`${d.code} removed`);
          }}
        />
      </td>
    </tr>
  );
}

function AddDiagnosisForm({
  patientId,
  hasDiagnoses,
  reference,
  onAdded,
}: {
  patientId: string;
  hasDiagnoses: boolean;
  reference: IntakeReference;
  onAdded: (code: string) => void;
}) {
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<Icd10Entry | null>(null);
  const [onset, setOnset] = useState('');
  const [primary, setPrimary] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);

  const show = (next: FormErrors) => {
    setErrors(next);
    focusFirst([...FIELDS], next.fields, fid);
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const code = picked && text === entryText(picked) ? picked.code : text.trim();
    const fields: Record<string, string> = {};
    if (!code) fields.code = 'Type a code or words, then choose the diagnosis from the list.';
    const onsetRead = readTypedDate(onset, 'onset date');
    if (!onsetRead.ok) fields.onsetDate = onsetRead.message;
    if (Object.keys(fields).length || !onsetRead.ok) return show({ general: null, fields });
    setSaving(true);
    try {
      const saved = await api.call('intake.addDiagnosis', {
        patientId,
        fields: { code, onsetDate: onsetRead.value, isPrimary: primary },
      });
      setText('');
      setPicked(null);
      setOnset('');
      setPrimary(false);
      setErrors(noErrors);
      onAdded(saved.code);
    } catch (err) {
      show(toFormErrors(err, { stripPrefix: 'fields.', known: (f) => (FIELDS as readonly string[]).includes(f) }));
    } finally {
      setSaving(false);
    }
  }

  const groupLabel = picked ? labelOf(reference.icd10.groups, picked.group) : null;

  return (
    <form className="form subform" noValidate onSubmit={onSubmit} aria-labelledby="add-diagnosis-heading">
      <h3 id="add-diagnosis-heading">Add a diagnosis</h3>
      <FormAlert message={errors.general} />
      <div className="field-row">
        <Icd10Picker
          id={fid('code')}
          label="ICD-10 code or words"
          text={text}
          onText={(t) => {
            setText(t);
            if (picked && t !== entryText(picked)) setPicked(null);
          }}
          picked={picked}
          onPick={(entry) => {
            setPicked(entry);
            setText(entryText(entry));
          }}
          error={errors.fields.code}
          hint={picked ? `Chosen: ${picked.code}, ${groupLabel}.` : 'Type a code or words, then choose from the list.'}
        />
        <DateField id={fid('onsetDate')} label="Onset date" value={onset} onChange={setOnset} error={errors.fields.onsetDate} hint="MM/DD/YYYY; leave blank if not known." />
      </div>
      <CheckboxField
        id={fid('isPrimary')}
        label="Primary diagnosis (the one the infusion is for)"
        checked={primary || !hasDiagnoses}
        onChange={setPrimary}
        error={errors.fields.isPrimary}
        hint={hasDiagnoses ? undefined : 'The first diagnosis is the primary one until another is chosen.'}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          Add diagnosis
        </button>
      </div>
    </form>
  );
}
