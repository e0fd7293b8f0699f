/**
 * Prior treatments: what was tried before ketamine (medications, blocks, therapy), with
 * dates and outcome, the way a payer letter lists them. Kinds, outcomes and name
 * suggestions come from the reference data.
 */
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import type { IntakeRecord, IntakeReference, PriorTreatment, TreatmentKind, TreatmentOutcome } from '../../../../src-shared/api/schemas/intake';
import { api } from '../../api/client';
import { FormAlert, SelectField, TextField } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { errorText, noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { Badge, DateField, RemoveAction, SectionFrame, focusFirst, labelOf, readTypedDate, showDate, useSectionFocus } from './common';
import { patientRecords, settledPatientRecords, type PatientRecordList } from '../records/store';
import { reloadIntake } from './store';

const FIELDS = ['kind', 'name', 'dose', 'sessions', 'startDate', 'endDate', 'outcome', 'response'] as const;
type Field = (typeof FIELDS)[number];
const fid = (f: string) => `treatment-${f}`;

const OUTCOME_TONE: Record<TreatmentOutcome, 'warning' | 'danger' | 'success' | 'neutral'> = {
  failed: 'warning',
  intolerant: 'danger',
  partial_relief: 'neutral',
  stopped_cost: 'neutral',
  helped: 'success',
  unknown: 'neutral',
};

export function TreatmentsSection({ record, reference }: { record: IntakeRecord; reference: IntakeReference }) {
  const [flash, showFlash] = useFlash();
  const patientId = record.patient.id;
  useSectionFocus('treatments', fid('kind'));
  const kinds = reference.treatments.kinds;
  const groups = kinds
    .map((k) => ({ kind: k, items: record.priorTreatments.filter((t) => t.kind === k.id) }))
    .filter((g) => g.items.length > 0);
  const records = usePatientRecords(patientId);

  return (
    <SectionFrame
      section="treatments"
      title="Prior treatments"
      flash={<Flash message={flash} />}
      lead="What was tried before ketamine: medications, nerve blocks, therapy. Payers ask for drug, dose, dates and outcome."
    >
      {groups.length === 0 ? <p className="muted">No prior treatments recorded yet.</p> : null}
      {groups.map((g) => (
        <div key={g.kind.id} className="treatment-group">
          <h3>{g.kind.label}</h3>
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">Treatment</th>
                <th scope="col">Dates</th>
                <th scope="col">Outcome</th>
                <th scope="col">Response</th>
                <th scope="col">Prior record</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {g.items.map((t) => (
                <TreatmentRow
                  key={t.id}
                  treatment={t}
                  records={records}
                  outcomeLabel={labelOf(reference.treatments.outcomes, t.outcome)}
                  onRemoved={() => {
                    showFlash(`${t.name} removed`);
                    void reloadIntake(patientId);
                  }}
                />
              ))}
            </tbody>
          </table>
        </div>
      ))}
      <AddTreatmentForm
        patientId={patientId}
        reference={reference}
        onAdded={(name) => {
          showFlash(`${name} added`);
          void reloadIntake(patientId);
        }}
      />
    </SectionFrame>
  );
}

function dateSpan(t: PriorTreatment): string {
  if (!t.startDate && !t.endDate) return '';
  if (t.startDate && t.endDate) return `${showDate(t.startDate)} – ${showDate(t.endDate)}`;
  if (t.startDate) return `from ${showDate(t.startDate)}`;
  return `until ${showDate(t.endDate)}`;
}

type PatientRecord = { id: string; documentId: string | null; fileName: string; typeLabel: string };

/** The patient's attached prior records, for citing one beside a prior treatment. */
function usePatientRecords(patientId: string): PatientRecord[] {
  // The chart's records panel asked for the same list as the chart opened: start from its
  // answer when it is in, so this section draws once with the picker's choices.
  const [seen, setSeen] = useState<PatientRecordList | undefined>(() => settledPatientRecords(patientId));
  useEffect(() => {
    let live = true;
    const load = (fresh: boolean) => patientRecords(patientId, { fresh }).then((r) => live && setSeen(r), () => undefined);
    void load(false);
    const off = api.subscribe('records.changed', () => void load(true));
    return () => {
      live = false;
      off();
    };
  }, [patientId]);
  return useMemo(
    () => (seen ? seen.groups.flatMap((g) => g.items.map((i) => ({ id: i.id, documentId: i.documentId, fileName: i.fileName, typeLabel: g.label }))) : []),
    [seen],
  );
}

/** Cite the prior record (a nerve block report, a therapy note) that documents this treatment. */
function RecordLink({ treatment: t, records }: { treatment: PriorTreatment; records: PatientRecord[] }) {
  const [error, setError] = useState<string | null>(null);
  const current = records.find((r) => r.documentId && r.documentId === t.documentId);
  if (records.length === 0 && !t.documentId) return <span className="muted small">No records attached</span>;
  return (
    <>
      <select
        aria-label={`Prior record for ${t.name}`}
        value={current?.id ?? ''}
        onChange={(e) => {
          setError(null);
          api
            .call('records.linkTreatment', { treatmentId: t.id, recordId: e.target.value || null, expectedVersion: t.version })
            .then(() => reloadIntake(t.patientId), (err: unknown) => setError(errorText(err)));
        }}
      >
        <option value="">None</option>
        {records.map((r) => (
          <option key={r.id} value={r.id}>
            {r.typeLabel}: {r.fileName}
          </option>
        ))}
      </select>
      {error ? <div className="field-error">{error}</div> : null}
    </>
  );
}

function TreatmentRow({
  treatment: t,
  records,
  outcomeLabel,
  onRemoved,
}: {
  treatment: PriorTreatment;
  records: PatientRecord[];
  outcomeLabel: string;
  onRemoved: () => void;
}) {
  const details = [t.dose, t.sessions ? `${t.sessions} session${t.sessions === 1 ? '' : 's'}` : null].filter(Boolean).join(' · ');
  const span = dateSpan(t);
  return (
    <tr>
      <td>
        <strong>{t.name}</strong>
        {details ? <div className="muted small">{details}</div> : null}
      </td>
      <td className="nowrap">{span || <span className="muted">Dates not known</span>}</td>
      <td>
        <Badge tone={OUTCOME_TONE[t.outcome]}>{outcomeLabel}</Badge>
      </td>
      <td>{t.response ?? <span className="muted">—</span>}</td>
      <td>
        <RecordLink treatment={t} records={records} />
      </td>
      <td className="actions-cell">
        <RemoveAction
          what={`treatment ${t.name}`}
          onRemove={async () => {
            await api.call('intake.removeTreatment', { id: t.id, expectedVersion: t.version });
            onRemoved();
          }}
        />
      </td>
    </tr>
  );
}

type Values = Record<Field, string>;
const EMPTY: Values = { kind: '', name: '', dose: '', sessions: '', startDate: '', endDate: '', outcome: '', response: '' };

function AddTreatmentForm({ patientId, reference, onAdded }: { patientId: string; reference: IntakeReference; onAdded: (name: string) => void }) {
  const [v, setV] = useState<Values>(EMPTY);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const set = (f: Field) => (value: string) => setV((p) => ({ ...p, [f]: value }));
  const suggestions = v.kind ? (reference.treatments.suggestions[v.kind as TreatmentKind] ?? []) : [];

  const show = (next: FormErrors) => {
    setErrors(next);
    focusFirst([...FIELDS], next.fields, fid);
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const fields: Record<string, string> = {};
    const start = readTypedDate(v.startDate, 'start date');
    const end = readTypedDate(v.endDate, 'end date');
    if (!start.ok) fields.startDate = start.message;
    if (!end.ok) fields.endDate = end.message;
    const sessionsText = v.sessions.trim();
    if (sessionsText && !/^\d+$/.test(sessionsText)) fields.sessions = 'Sessions is a whole number; leave it blank when unknown.';
    if (!v.kind) fields.kind = 'Choose what kind of treatment it was.';
    if (!v.outcome) fields.outcome = 'Choose the outcome.';
    if (Object.keys(fields).length || !start.ok || !end.ok) return show({ general: null, fields });
    setSaving(true);
    try {
      const saved = await api.call('intake.addTreatment', {
        patientId,
        fields: {
          kind: v.kind as TreatmentKind,
          name: v.name,
          dose: v.dose.trim() || null,
          sessions: sessionsText ? Number(sessionsText) : null,
          startDate: start.value,
          endDate: end.value,
          outcome: v.outcome as TreatmentOutcome,
          response: v.response.trim() || null,
        },
      });
      // Keep the kind: several medications are often entered one after another.
      setV({ ...EMPTY, kind: v.kind });
      setErrors(noErrors);
      onAdded(saved.name);
    } catch (err) {
      show(toFormErrors(err, { stripPrefix: 'fields.', known: (f) => (FIELDS as readonly string[]).includes(f) }));
    } finally {
      setSaving(false);
    }
  }

  const listId = 'treatment-name-suggestions';
  return (
    <form className="form subform" noValidate onSubmit={onSubmit} aria-labelledby="add-treatment-heading">
      <h3 id="add-treatment-heading">Add a prior treatment</h3>
      <FormAlert message={errors.general} />
      <div className="field-row">
        <SelectField
          id={fid('kind')}
          label="Kind"
          required
          value={v.kind}
          onChange={set('kind')}
          placeholder="Choose…"
          options={reference.treatments.kinds.map((k) => ({ value: k.id, label: k.label }))}
          error={errors.fields.kind}
          className="field-narrow"
        />
        <TextField
          id={fid('name')}
          label="Name (drug, block or therapy)"
          required
          value={v.name}
          onChange={set('name')}
          error={errors.fields.name}
          maxLength={200}
          autoComplete="off"
          list={listId}
          hint={suggestions.length ? 'Type, or pick a suggestion from the list.' : undefined}
        />
        <datalist id={listId}>
          {suggestions.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
      </div>
      <div className="field-row">
        <TextField id={fid('dose')} label="Dose" value={v.dose} onChange={set('dose')} error={errors.fields.dose} maxLength={200} placeholder="e.g. 300 mg three times a day" autoComplete="off" />
        <TextField id={fid('sessions')} label="Sessions" value={v.sessions} onChange={set('sessions')} error={errors.fields.sessions} inputMode="numeric" maxLength={4} className="field-narrow" hint="For blocks and therapy; blank if not known." />
      </div>
      <div className="field-row">
        <DateField id={fid('startDate')} label="Start date" value={v.startDate} onChange={set('startDate')} error={errors.fields.startDate} />
        <DateField id={fid('endDate')} label="End date" value={v.endDate} onChange={set('endDate')} error={errors.fields.endDate} />
        <SelectField
          id={fid('outcome')}
          label="Outcome"
          required
          value={v.outcome}
          onChange={set('outcome')}
          placeholder="Choose…"
          options={reference.treatments.outcomes.map((o) => ({ value: o.id, label: o.label }))}
          error={errors.fields.outcome}
        />
      </div>
      <TextField
        id={fid('response')}
        label="Response in words"
        value={v.response}
        onChange={set('response')}
        error={errors.fields.response}
        maxLength={2000}
        placeholder="e.g. relief for 3 days after each block"
        autoComplete="off"
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          Add treatment
        </button>
      </div>
    </form>
  );
}
