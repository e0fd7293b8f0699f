/**
 * Settings › Wall board › How the board names patients: initials (the default) or a code for
 * the day. Both keep names off the wall; codes also keep initials off it, and change every day.
 * Only people who may change settings can save; others see the choice.
 */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { Flash } from '../../components/Flash';
import { FormAlert } from '../../components/Field';
import { useFlash } from '../../components/useFlash';
import { errorText, noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useCan } from '../auth/store';
import './board.css';

type Identification = 'initials' | 'code';

const CHOICES: { value: Identification; label: string; detail: string }[] = [
  { value: 'initials', label: 'Initials', detail: 'For example “AR” for Ana Ramirez.' },
  {
    value: 'code',
    label: 'A code for the day',
    detail: 'For example “K27”: a new code for each patient every day. The Today screen shows each patient’s code so the desk can tell them.',
  },
];

export function BoardSettings() {
  const canSave = useCan('settings.write');
  const [saved, setSaved] = useState<Identification | null>(null);
  const [chosen, setChosen] = useState<Identification>('initials');
  const [loadError, setLoadError] = useState<string | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const [flash, showFlash] = useFlash();

  useEffect(() => {
    let live = true;
    api.call('board.settings.get', {}).then(
      (s) => {
        if (!live) return;
        setSaved(s.identification);
        setChosen(s.identification);
      },
      (e: unknown) => live && setLoadError(errorText(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    try {
      const s = await api.call('board.settings.update', { identification: chosen });
      setSaved(s.identification);
      setErrors(noErrors);
      showFlash(s.identification === 'code' ? 'Saved: the board shows a code for each patient' : 'Saved: the board shows initials');
    } catch (err) {
      setErrors(toFormErrors(err));
    } finally {
      setSaving(false);
    }
  }

  const error = errors.fields.identification ?? null;
  return (
    <section className="panel" aria-labelledby="board-identification-heading">
      <div className="panel-heading">
        <h2 id="board-identification-heading">How the board names patients</h2>
        <Flash message={flash} />
      </div>
      <p>Everyone in the room can read the wall board, so it never shows a patient’s name.</p>
      {loadError ? (
        <FormAlert message={`The board setting could not be loaded. ${loadError}`} />
      ) : saved === null ? (
        <p className="muted">Loading…</p>
      ) : (
        <form className="form" noValidate onSubmit={onSubmit}>
          <FormAlert message={errors.general} />
          <fieldset aria-describedby={error ? 'board-identification-error' : undefined} aria-invalid={error ? true : undefined}>
            <legend>Show each patient as</legend>
            {CHOICES.map((c) => (
              <div key={c.value} className="board-id-choice">
                <input
                  id={`board-identification-${c.value}`}
                  type="radio"
                  name="board-identification"
                  value={c.value}
                  checked={chosen === c.value}
                  disabled={!canSave}
                  onChange={() => setChosen(c.value)}
                  aria-describedby={`board-identification-${c.value}-detail`}
                />
                <label htmlFor={`board-identification-${c.value}`}>{c.label}</label>
                <p id={`board-identification-${c.value}-detail`} className="field-hint">
                  {c.detail}
                </p>
              </div>
            ))}
            {error ? (
              <p id="board-identification-error" className="field-error">
                {error}
              </p>
            ) : null}
          </fieldset>
          {canSave ? (
            <button type="submit" className="button button-primary" disabled={saving || chosen === saved}>
              Save how the board names patients
            </button>
          ) : (
            <p className="muted">Only someone who may change the clinic’s settings can change this.</p>
          )}
        </form>
      )}
    </section>
  );
}
