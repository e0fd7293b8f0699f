/**
 * Contraindication screening: every question from the clinic's checklist answered yes, no
 * or unsure, with a note. The latest screening counts; its result is "Clear" or "Needs
 * physician review" with the reasons.
 */
import { useCallback, useState, type FormEvent } from 'react';
import type { IntakeRecord, IntakeReference, ScreeningAnswer } from '../../../../src-shared/api/schemas/intake';
import { SCREENING_ANSWERS } from '../../../../src-shared/api/schemas/intake';
import { formatCalendarDate, todayInZone } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { FieldMessages, FormAlert, TextField } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useClinicTimeZone } from '../clinic/store';
import { Badge, DateField, SectionFrame, readTypedDate, sentence, showDate, useSectionFocus } from './common';
import { reloadIntake } from './store';

const ANSWER_WORDS: Record<ScreeningAnswer, string> = { yes: 'Yes', no: 'No', unsure: 'Unsure' };
const fid = (f: string) => `screening-${f}`;

export function ScreeningSection({ record, reference }: { record: IntakeRecord; reference: IntakeReference }) {
  const [flash, showFlash] = useFlash();
  const [formOpen, setFormOpen] = useState(false);
  const latest = record.screening;
  const showForm = formOpen || !latest;
  const firstItem = reference.screening.items[0]?.id ?? '';
  const open = useCallback(() => setFormOpen(true), []);
  useSectionFocus('screening', fid(`${firstItem}-yes`), open);
  const patientId = record.patient.id;

  return (
    <SectionFrame
      section="screening"
      title="Contraindication screening"
      flash={<Flash message={flash} />}
      lead="Ask every question. A yes or unsure answer asks for a physician’s review; it does not by itself rule the infusion out."
    >
      {latest ? (
        <div className={`screening-result screening-${latest.result.status}`} data-testid="screening-result">
          <p className="screening-status">
            <Badge tone={latest.result.status === 'clear' ? 'success' : 'warning'}>{sentence(latest.result.label)}</Badge>{' '}
            <span className="muted">
              Screened {showDate(latest.screenedOn)} by {latest.screenedBy}
            </span>
          </p>
          {latest.result.reasons.length ? (
            <ul className="missing-list">
              {latest.result.reasons.map((r) => (
                <li key={r.itemId}>
                  {r.reason}{' '}
                  <span className="muted">
                    (answered {r.answer ? ANSWER_WORDS[r.answer].toLowerCase() : 'nothing'}
                    {r.note ? `: ${r.note}` : ''})
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : (
        <p className="muted">Not screened yet.</p>
      )}
      {latest && !showForm ? (
        <button type="button" className="button" onClick={() => setFormOpen(true)}>
          Screen again
        </button>
      ) : null}
      {showForm ? (
        <ScreeningForm
          patientId={patientId}
          reference={reference}
          canClose={!!latest}
          onDone={(saved) => {
            setFormOpen(false);
            if (saved) {
              showFlash('Screening saved');
              void reloadIntake(patientId);
            }
          }}
        />
      ) : null}
    </SectionFrame>
  );
}

interface Answer {
  answer: ScreeningAnswer | '';
  note: string;
}

function ScreeningForm({
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
  const items = reference.screening.items;
  const [screenedOn, setScreenedOn] = useState(() => formatCalendarDate(todayInZone(timeZone)));
  const [screenedBy, setScreenedBy] = useState('');
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const answerOf = (id: string): Answer => answers[id] ?? { answer: '', note: '' };
  const setAnswer = (id: string, patch: Partial<Answer>) => setAnswers((a) => ({ ...a, [id]: { ...answerOf(id), ...patch } }));

  const show = (next: FormErrors) => {
    setErrors(next);
    if (next.fields.screenedOn) return document.getElementById(fid('screenedOn'))?.focus();
    const first = items.find((i) => next.fields[`answers.${i.id}`]);
    if (first) document.getElementById(fid(`${first.id}-yes`))?.focus();
  };

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const fields: Record<string, string> = {};
    const date = readTypedDate(screenedOn, 'screening date', true);
    if (!date.ok) fields.screenedOn = date.message;
    for (const i of items) if (!answerOf(i.id).answer) fields[`answers.${i.id}`] = 'Answer this question: yes, no or unsure.';
    if (Object.keys(fields).length || !date.ok) return show({ general: Object.keys(fields).length > 1 ? 'Answer every question before saving.' : null, fields });
    setSaving(true);
    try {
      await api.call('intake.recordScreening', {
        patientId,
        screenedOn: date.value!,
        screenedBy: screenedBy.trim() || null,
        answers: Object.fromEntries(
          items.map((i) => [i.id, { answer: answerOf(i.id).answer as ScreeningAnswer, note: answerOf(i.id).note.trim() || null }]),
        ),
      });
      setErrors(noErrors);
      onDone(true);
    } catch (err) {
      show(toFormErrors(err, { known: (f) => f === 'screenedOn' || f === 'screenedBy' || /^answers\.[^.]+$/.test(f) }));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form subform screening-form" noValidate onSubmit={onSubmit} aria-labelledby="screening-form-heading">
      <h3 id="screening-form-heading">{canClose ? 'New screening' : 'Screening questions'}</h3>
      <FormAlert message={errors.general} />
      <div className="field-row">
        <DateField id={fid('screenedOn')} label="Screening date" required value={screenedOn} onChange={setScreenedOn} error={errors.fields.screenedOn} />
        <TextField
          id={fid('screenedBy')}
          label="Screened by"
          value={screenedBy}
          onChange={setScreenedBy}
          error={errors.fields.screenedBy}
          maxLength={120}
          autoComplete="off"
          hint="Who asked the questions. Leave blank for yourself."
        />
      </div>
      <ol className="question-list">
        {items.map((item) => {
          const a = answerOf(item.id);
          const key = `answers.${item.id}`;
          const error = errors.fields[key];
          const errId = fid(`${item.id}`);
          return (
            <li key={item.id} className={`question${error ? ' field-has-error' : ''}`}>
              <fieldset className="question-fieldset" aria-describedby={error ? `${errId}-error` : undefined}>
                <legend>{item.question}</legend>
                <div className="answer-row">
                  {SCREENING_ANSWERS.map((ans) => {
                    const id = fid(`${item.id}-${ans}`);
                    return (
                      <span key={ans} className="answer">
                        <input
                          id={id}
                          type="radio"
                          name={fid(item.id)}
                          value={ans}
                          checked={a.answer === ans}
                          onChange={() => setAnswer(item.id, { answer: ans })}
                          aria-invalid={error ? true : undefined}
                          aria-describedby={error ? `${errId}-error` : undefined}
                        />
                        <label htmlFor={id}>{ANSWER_WORDS[ans]}</label>
                      </span>
                    );
                  })}
                  <span className="answer-note">
                    <label htmlFor={fid(`${item.id}-note`)} className="visually-hidden">
                      Note on: {item.question}
                    </label>
                    <input
                      id={fid(`${item.id}-note`)}
                      type="text"
                      value={a.note}
                      placeholder="Note (optional)"
                      maxLength={1000}
                      autoComplete="off"
                      onChange={(e) => setAnswer(item.id, { note: e.target.value })}
                    />
                  </span>
                </div>
                <FieldMessages id={errId} error={error} />
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={saving}>
          Save screening
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
