/**
 * Budapest criteria for CRPS: offered only when the patient has a CRPS diagnosis. The
 * checklist comes from the reference data; the result is shown live while ticking, and each
 * saved evaluation carries the result the backend computed.
 */
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import type { BudapestEvaluation, IntakeRecord, IntakeReference } from '../../../../src-shared/api/schemas/intake';
import { isConsultingRole } from '../../../../src-shared/api/schemas/scheduling';
import { BUDAPEST_CATEGORIES, evaluateBudapest, type BudapestCategory } from '../../../../src-shared/domain/budapest';
import { formatCalendarDate, todayInZone } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { CheckboxField, FormAlert, SelectField, TextAreaField, TextField } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useClinicStore, useClinicTimeZone } from '../clinic/store';
import { Badge, DateField, RemoveAction, SectionFrame, readTypedDate, sentence, showDate, useSectionFocus } from './common';
import { reloadIntake } from './store';

type Ticks = Record<BudapestCategory, string[]>;
const noTicks = (): Ticks => ({ sensory: [], vasomotor: [], sudomotor: [], motor_trophic: [] });

const fid = (f: string) => `budapest-${f}`;
const OTHER = '__other__';
const CLINICAL_ROLES = new Set(['physician', 'anesthesiologist', 'crna', 'rn']);

export function BudapestSection({ record, reference }: { record: IntakeRecord; reference: IntakeReference }) {
  const [flash, showFlash] = useFlash();
  const hasCrps = record.diagnoses.some((d) => d.group === 'crps');
  const evaluations = record.budapestEvaluations;
  const [formOpen, setFormOpen] = useState(false);
  const showForm = hasCrps && (formOpen || evaluations.length === 0);
  const open = useCallback(() => setFormOpen(true), []);
  useSectionFocus('budapest', hasCrps ? fid('evaluatedOn') : 'intake-budapest-heading', open);
  const patientId = record.patient.id;

  return (
    <SectionFrame
      section="budapest"
      title="Budapest criteria (CRPS)"
      flash={<Flash message={flash} />}
      lead={hasCrps ? 'Tick what the patient reports (symptoms) and what is seen at this evaluation (signs).' : undefined}
    >
      {!hasCrps ? (
        <p className="muted">For CRPS diagnoses. Add a CRPS diagnosis (G90.5x, G56.4x, G57.7x) above to record a Budapest evaluation.</p>
      ) : null}
      {evaluations.length > 0 ? (
        <ul className="evaluation-list">
          {evaluations.map((e) => (
            <EvaluationCard
              key={e.id}
              evaluation={e}
              onRemoved={() => {
                showFlash('Evaluation removed');
                void reloadIntake(patientId);
              }}
            />
          ))}
        </ul>
      ) : null}
      {hasCrps && !showForm ? (
        <button type="button" className="button" onClick={() => setFormOpen(true)}>
          Record a new evaluation
        </button>
      ) : null}
      {showForm ? (
        <BudapestForm
          patientId={patientId}
          reference={reference}
          canClose={evaluations.length > 0}
          onDone={(saved) => {
            setFormOpen(false);
            if (saved) {
              showFlash('Evaluation saved');
              void reloadIntake(patientId);
            }
          }}
        />
      ) : null}
    </SectionFrame>
  );
}

function EvaluationCard({ evaluation: e, onRemoved }: { evaluation: BudapestEvaluation; onRemoved: () => void }) {
  const r = e.result;
  return (
    <li className={`evaluation${e.isCurrent ? ' is-current' : ''}`}>
      <div className="evaluation-head">
        <strong>
          {showDate(e.evaluatedOn)} · {e.evaluatorName}
        </strong>
        {e.isCurrent ? <Badge tone="info">Current</Badge> : <Badge tone="neutral">Earlier</Badge>}
        <RemoveAction
          what={`Budapest evaluation of ${showDate(e.evaluatedOn)}`}
          onRemove={async () => {
            await api.call('intake.removeBudapest', { id: e.id, expectedVersion: e.version });
            onRemoved();
          }}
        />
      </div>
      <p className="criteria-line">
        <Badge tone={r.clinicalMet ? 'success' : 'warning'}>{r.clinicalMet ? 'Met' : 'Not met'}</Badge>{' '}
        {sentence(r.clinicalExplanation)}
      </p>
      <p className="criteria-line">
        <Badge tone={r.researchMet ? 'success' : 'neutral'}>{r.researchMet ? 'Met' : 'Not met'}</Badge>{' '}
        {sentence(r.researchExplanation)}
      </p>
      {!r.clinicalMet && r.clinicalMissing.length ? (
        <ul className="missing-list">
          {r.clinicalMissing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      {e.note ? <p className="muted">Note: {e.note}</p> : null}
    </li>
  );
}

function BudapestForm({
  patientId,
  reference,
  canClose,
  onDone,
}: {
  patientId: string;
  reference: IntakeReference;
  canClose: boolean;
  onDone: (saved: boolean) => void;
}) {
  const timeZone = useClinicTimeZone();
  const staff = useClinicStore((s) => s.staff);
  const evaluators = useMemo(
    () =>
      staff
        .filter((s) => s.active && CLINICAL_ROLES.has(s.role))
        .sort((a, b) => Number(isConsultingRole(b.role)) - Number(isConsultingRole(a.role))),
    [staff],
  );
  const [evaluatedOn, setEvaluatedOn] = useState(() => formatCalendarDate(todayInZone(timeZone)));
  const [evaluator, setEvaluator] = useState('');
  const [evaluatorName, setEvaluatorName] = useState('');
  const [a, setA] = useState(false);
  const [d, setD] = useState(false);
  const [symptoms, setSymptoms] = useState<Ticks>(noTicks);
  const [signs, setSigns] = useState<Ticks>(noTicks);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);

  const live = evaluateBudapest({ disproportionatePain: a, noBetterDiagnosis: d, symptoms, signs });
  const categories = BUDAPEST_CATEGORIES.map((c) => reference.budapest.categories.find((x) => x.id === c)!).filter(Boolean);

  const toggle = (set: typeof setSymptoms, cat: BudapestCategory, id: string, on: boolean) =>
    set((t) => ({ ...t, [cat]: on ? [...t[cat], id] : t[cat].filter((x) => x !== id) }));

  const show = (next: FormErrors) => {
    setErrors(next);
    const order = ['evaluatedOn', 'evaluatorName', 'disproportionatePain', 'noBetterDiagnosis'];
    const first = order.find((f) => next.fields[f]) ?? Object.keys(next.fields)[0];
    if (first) document.getElementById(first === 'evaluatorName' && evaluator !== OTHER ? fid('evaluator') : fid(first))?.focus();
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const date = readTypedDate(evaluatedOn, 'evaluation date', true);
    const fields: Record<string, string> = {};
    if (!date.ok) fields.evaluatedOn = date.message;
    if (!evaluator) fields.evaluatorName = 'Choose who did the evaluation.';
    if (Object.keys(fields).length || !date.ok) return show({ general: null, fields });
    const member = evaluators.find((s) => s.id === evaluator);
    setSaving(true);
    try {
      await api.call('intake.recordBudapest', {
        patientId,
        fields: {
          evaluatedOn: date.value!,
          evaluatorName: member ? member.name : evaluatorName,
          evaluatorStaffId: member ? member.id : null,
          disproportionatePain: a,
          noBetterDiagnosis: d,
          symptoms,
          signs,
          note: note.trim() || null,
        },
      });
      setErrors(noErrors);
      onDone(true);
    } catch (err) {
      const mapped = toFormErrors(err, { stripPrefix: 'fields.' });
      // Checklist problems ("symptoms.sensory") are shown at the top of the form.
      const fields: Record<string, string> = {};
      const stray: string[] = [];
      for (const [f, m] of Object.entries(mapped.fields)) {
        if (['evaluatedOn', 'evaluatorName', 'evaluatorStaffId', 'disproportionatePain', 'noBetterDiagnosis', 'note'].includes(f)) {
          fields[f === 'evaluatorStaffId' ? 'evaluatorName' : f] = m;
        } else stray.push(m);
      }
      show({ general: [mapped.general, ...stray].filter(Boolean).join(' ') || null, fields });
    } finally {
      setSaving(false);
    }
  }

  const evaluatorError = errors.fields.evaluatorName;

  return (
    <form className="form subform budapest-form" noValidate onSubmit={onSubmit} aria-labelledby="budapest-form-heading">
      <h3 id="budapest-form-heading">New Budapest evaluation</h3>
      <FormAlert message={errors.general} />
      <div className="field-row">
        <DateField id={fid('evaluatedOn')} label="Evaluation date" required value={evaluatedOn} onChange={setEvaluatedOn} error={errors.fields.evaluatedOn} />
        <SelectField
          id={fid('evaluator')}
          label="Evaluator"
          required
          value={evaluator}
          onChange={setEvaluator}
          placeholder="Choose…"
          options={[...evaluators.map((s) => ({ value: s.id, label: s.name })), { value: OTHER, label: 'Someone not on the staff list…' }]}
          error={evaluator === OTHER ? undefined : evaluatorError}
          hint="Signs count only when seen at this evaluation, so the record names who examined the patient."
        />
        {evaluator === OTHER ? (
          <TextField id={fid('evaluatorName')} label="Evaluator's name" required value={evaluatorName} onChange={setEvaluatorName} error={evaluatorError} maxLength={120} autoComplete="off" />
        ) : null}
      </div>

      <CheckboxField
        id={fid('disproportionatePain')}
        label="A. Continuing pain that is disproportionate to any inciting event"
        checked={a}
        onChange={setA}
        error={errors.fields.disproportionatePain}
      />

      <div className="budapest-grid">
        {categories.map((cat) => (
          <fieldset key={cat.id} className="budapest-category">
            <legend>{cat.label}</legend>
            <fieldset className="check-group">
              <legend>
                <span className="visually-hidden">{cat.label} </span>Symptoms the patient reports
              </legend>
              {cat.symptoms.map((item) => (
                <Tick
                  key={item.id}
                  id={fid(`symptoms-${cat.id}-${item.id}`)}
                  label={item.label}
                  checked={symptoms[cat.id].includes(item.id)}
                  onChange={(on) => toggle(setSymptoms, cat.id, item.id, on)}
                />
              ))}
            </fieldset>
            <fieldset className="check-group">
              <legend>
                <span className="visually-hidden">{cat.label} </span>Signs seen at this evaluation
              </legend>
              {cat.signs.map((item) => (
                <Tick
                  key={item.id}
                  id={fid(`signs-${cat.id}-${item.id}`)}
                  label={item.label}
                  checked={signs[cat.id].includes(item.id)}
                  onChange={(on) => toggle(setSigns, cat.id, item.id, on)}
                />
              ))}
            </fieldset>
          </fieldset>
        ))}
      </div>

      <CheckboxField
        id={fid('noBetterDiagnosis')}
        label="D. No other diagnosis better explains the signs and symptoms"
        checked={d}
        onChange={setD}
        error={errors.fields.noBetterDiagnosis}
      />

      <div className="criteria-preview" role="status" aria-live="polite" data-testid="budapest-preview">
        <p className="preview-title">Result with what is ticked now</p>
        <p className="criteria-line">
          <Badge tone={live.clinicalMet ? 'success' : 'warning'}>{live.clinicalMet ? 'Met' : 'Not met'}</Badge>{' '}
          {sentence(live.clinicalExplanation)}
        </p>
        <p className="criteria-line">
          <Badge tone={live.researchMet ? 'success' : 'neutral'}>{live.researchMet ? 'Met' : 'Not met'}</Badge>{' '}
          {sentence(live.researchExplanation)}
        </p>
        {!live.clinicalMet ? (
          <ul className="missing-list">
            {live.clinicalMissing.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
      </div>

      <TextAreaField id={fid('note')} label="Note" value={note} onChange={setNote} error={errors.fields.note} maxLength={2000} />

      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          Save evaluation
        </button>
        {canClose ? (
          <button type="button" className="button button-quiet" onClick={() => onDone(false)}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}

function Tick({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange: (on: boolean) => void }) {
  return (
    <div className="tick">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}
