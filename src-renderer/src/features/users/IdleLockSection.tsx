/** How long a computer may be left unused before its screen locks itself (the clinic's setting). */
import { useEffect, useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { FormAlert, TextField } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useAuthStore } from '../auth/store';

export function IdleLockSection() {
  const saved = useAuthStore((s) => s.status?.idleLockMinutes ?? null);
  const refresh = useAuthStore((s) => s.refresh);
  const [value, setValue] = useState(saved === null ? '' : String(saved));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [flash, showFlash] = useFlash(6000);

  // The setting arrives (or changes on another computer) while nothing is typed here.
  const [typed, setTyped] = useState(false);
  useEffect(() => {
    if (!typed && saved !== null) setValue(String(saved));
  }, [saved, typed]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const trimmed = value.trim();
      const r = await api.call('auth.settings.update', { idleLockMinutes: trimmed === '' ? Number.NaN : Number(trimmed) });
      setErrors(noErrors);
      setTyped(false);
      setValue(String(r.idleLockMinutes));
      showFlash(`Saved: screens lock after ${r.idleLockMinutes} ${r.idleLockMinutes === 1 ? 'minute' : 'minutes'} without use`);
      await refresh();
    } catch (err) {
      setErrors(toFormErrors(err, { known: (f) => f === 'idleLockMinutes' }));
      document.getElementById('idle-lock-minutes')?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="idle-lock-heading" id="idle-lock">
      <div className="panel-heading">
        <h2 id="idle-lock-heading">Screen lock</h2>
        <Flash message={flash} />
      </div>
      <form className="form idle-lock-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="idle-lock-heading">
        <FormAlert message={errors.general} />
        <TextField
          id="idle-lock-minutes"
          label="Lock the screen after this many minutes without use"
          value={value}
          onChange={(v) => {
            setTyped(true);
            setValue(v);
          }}
          inputMode="numeric"
          autoComplete="off"
          maxLength={3}
          hint="From 1 to 240. With no keyboard, mouse or touch use for this long, a computer locks and asks the person’s password; their work stays as it was. Wall board accounts never lock."
          error={errors.fields.idleLockMinutes}
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Saving…' : 'Save screen lock'}
          </button>
        </div>
      </form>
    </section>
  );
}
