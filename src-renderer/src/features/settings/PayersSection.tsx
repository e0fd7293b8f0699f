/** Insurance payers the clinic bills; patients' coverages pick from this list. */
import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { Flash } from '../../components/Flash';
import { FormAlert, TextField } from '../../components/Field';
import { useFlash } from '../../components/useFlash';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useClinicStore } from '../clinic/store';

const FIELDS = ['name', 'payerCode', 'phone'] as const;

export function PayersSection() {
  const payers = useClinicStore((s) => s.payers);
  const upsertPayer = useClinicStore((s) => s.upsertPayer);
  const [flash, showFlash] = useFlash();
  const [v, setV] = useState({ name: '', payerCode: '', phone: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const saved = await api.call('payers.create', {
        name: v.name,
        payerCode: v.payerCode.trim() || null,
        phone: v.phone.trim() || null,
      });
      upsertPayer(saved);
      setV({ name: '', payerCode: '', phone: '' });
      setErrors(noErrors);
      showFlash(`${saved.name} added`);
    } catch (err) {
      const mapped = toFormErrors(err, { known: (f) => (FIELDS as readonly string[]).includes(f) });
      setErrors(mapped);
      const first = FIELDS.find((f) => mapped.fields[f]);
      if (first) document.getElementById(`new-payer-${first}`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel" aria-labelledby="payers-heading">
      <div className="panel-heading">
        <h2 id="payers-heading">Payers</h2>
        <Flash message={flash} />
      </div>
      <p className="field-hint">Insurance companies and plans the clinic works with. Patients’ coverage is chosen from this list.</p>
      {payers.length === 0 ? (
        <p className="muted">No payers yet. Add the first one below.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Payer ID</th>
              <th scope="col">Phone</th>
            </tr>
          </thead>
          <tbody>
            {payers.map((p) => (
              <tr key={p.id}>
                <td>{p.name}</td>
                <td className="mono">{p.payerCode ?? <span className="muted">—</span>}</td>
                <td>{p.phone ?? <span className="muted">—</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <form className="inline-form add-form" noValidate onSubmit={onSubmit}>
        <FormAlert message={errors.general} />
        <TextField id="new-payer-name" label="Payer name" value={v.name} onChange={(name) => setV({ ...v, name })} error={errors.fields.name} maxLength={120} autoComplete="off" />
        <TextField
          id="new-payer-payerCode"
          label="Payer ID"
          value={v.payerCode}
          onChange={(payerCode) => setV({ ...v, payerCode })}
          error={errors.fields.payerCode}
          maxLength={20}
          autoComplete="off"
          className="field-narrow"
        />
        <TextField
          id="new-payer-phone"
          label="Payer phone"
          type="tel"
          value={v.phone}
          onChange={(phone) => setV({ ...v, phone })}
          error={errors.fields.phone}
          maxLength={30}
          autoComplete="off"
          className="field-narrow"
        />
        <button type="submit" className="button" disabled={busy}>
          Add payer
        </button>
      </form>
    </section>
  );
}
