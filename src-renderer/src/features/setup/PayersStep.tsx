/** Setup › Payers: the insurance companies (and other payers) the clinic's patients use. */
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { FormAlert, TextField } from '../../components/Field';
import { errorText, noErrors, type FormErrors } from '../../lib/errors';
import { useClinicStore } from '../clinic/store';
import { StepButtons } from './StepNav';

export function PayersStep({ onSaved, onSkip, onBack }: { onSaved: () => void; onSkip: () => void; onBack: () => void }) {
  const payers = useClinicStore((s) => s.payers);
  const upsertPayer = useClinicStore((s) => s.upsertPayer);
  const [names, setNames] = useState<string[]>(['', '', '']);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    let at = -1;
    try {
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!.trim();
        if (!name || payers.some((p) => p.name.toLowerCase() === name.toLowerCase())) continue;
        at = i;
        upsertPayer(await api.call('payers.create', { name, payerCode: null, phone: null }));
      }
      setErrors(noErrors);
      onSaved();
    } catch (err) {
      setErrors(at >= 0 ? { general: null, fields: { [`payer-${at}`]: errorText(err) } } : { general: errorText(err), fields: {} });
      if (at >= 0) document.getElementById(`payer-${at}`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" noValidate onSubmit={(e) => void submit(e)} aria-labelledby="setup-step-heading">
      <FormAlert message={errors.general} />
      <p>A patient’s coverage names one of these. Add the ones you bill most; more can be added any time under Settings › Payers.</p>
      {payers.length > 0 ? <p className="muted">Already here: {payers.map((p) => p.name).join(', ')}.</p> : null}
      {names.map((n, i) => (
        <TextField
          key={i}
          id={`payer-${i}`}
          label={`Payer ${i + 1}`}
          value={n}
          onChange={(v) => setNames((ns) => ns.map((x, j) => (j === i ? v : x)))}
          error={errors.fields[`payer-${i}`]}
          maxLength={120}
          autoComplete="off"
          placeholder={i === 0 ? 'e.g. Blue Cross Blue Shield of Illinois' : undefined}
        />
      ))}
      <p>
        <button type="button" className="button" onClick={() => setNames((ns) => [...ns, ''])}>
          Add another payer
        </button>
      </p>
      <StepButtons busy={busy} onBack={onBack} onSkip={onSkip} />
    </form>
  );
}
