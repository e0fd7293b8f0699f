/** Insurance payers the clinic bills; patients' coverages pick from this list. */
import { useState, type FormEvent } from 'react';
import type { Payer } from '../../../../src-shared/api/schemas/clinic';
import { guessRuleSetKey } from '../../../../src-shared/domain/authorizations/rule-set-key';
import { api } from '../../api/client';
import { Flash } from '../../components/Flash';
import { FormAlert, TextField } from '../../components/Field';
import { useFlash } from '../../components/useFlash';
import { errorText, noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useCan } from '../auth/store';
import { useClinicStore } from '../clinic/store';
import { useRuleSetsStore } from './payer-rules/store';

const FIELDS = ['name', 'payerCode', 'phone'] as const;

export function PayersSection() {
  const payers = useClinicStore((s) => s.payers);
  const upsertPayer = useClinicStore((s) => s.upsertPayer);
  const [flash, showFlash] = useFlash();
  const [v, setV] = useState({ name: '', payerCode: '', phone: '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const [rowError, setRowError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const canEdit = useCan('settings.write');

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
      <p className="field-hint">
        Insurance companies and plans the clinic works with. Patients’ coverage is chosen from this list; each payer’s authorization requests are checked
        against its rule set.
      </p>
      {rowError ? (
        <p className="form-alert" role="alert">
          {rowError}
        </p>
      ) : null}
      {payers.length === 0 ? (
        <p className="muted">No payers yet. Add the first one below.</p>
      ) : (
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Payer ID</th>
              <th scope="col">Phone</th>
              <th scope="col">Rule set</th>
              {canEdit ? (
                <th scope="col">
                  <span className="visually-hidden">Change</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {payers.map((p) =>
              editing === p.id ? (
                <PayerEditRow key={p.id} payer={p} onDone={(words) => {
                    setEditing(null);
                    if (words) showFlash(words);
                  }} />
              ) : (
                <tr key={p.id}>
                  <td>{p.name}</td>
                  <td className="mono">{p.payerCode ?? <span className="muted">—</span>}</td>
                  <td>{p.phone ?? <span className="muted">—</span>}</td>
                  <td>
                    <RuleSetChoice payer={p} onSaved={(words) => showFlash(words)} onError={setRowError} />
                  </td>
                  {canEdit ? (
                    <td>
                      <button type="button" className="button button-small button-quiet" onClick={() => setEditing(p.id)}>
                        Edit<span className="visually-hidden"> {p.name}</span>
                      </button>
                    </td>
                  ) : null}
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      <form className="inline-form add-form" noValidate onSubmit={onSubmit}>
        <FormAlert message={errors.general} />
        <PayerInputs idOf={(f) => `new-payer-${f}`} v={v} onChange={setV} errors={errors} />
        <button type="submit" className="button" disabled={busy}>
          Add payer
        </button>
      </form>
    </section>
  );
}

/** The rule set a payer's requests use: chosen here, or guessed from its name until someone chooses. */
function RuleSetChoice({ payer, onSaved, onError }: { payer: Payer; onSaved: (words: string) => void; onError: (m: string | null) => void }) {
  const ruleSets = useRuleSetsStore((s) => s.list);
  const upsertPayer = useClinicStore((s) => s.upsertPayer);
  const canEdit = useCan('settings.write');
  const [busy, setBusy] = useState(false);
  const id = `payer-${payer.id}-rule-set`;
  const nameOf = (key: string) => ruleSets?.find((r) => r.key === key)?.name ?? key;
  const guessed = guessRuleSetKey(payer.name) ?? 'other';
  const change = async (value: string) => {
    setBusy(true);
    try {
      const saved = await api.call('payerRules.assign', { payerId: payer.id, key: value || null, expectedVersion: payer.version });
      upsertPayer(saved);
      onError(null);
      onSaved(`${payer.name} uses the ${nameOf(saved.ruleSetKey ?? guessed)} rule set`);
    } catch (err) {
      onError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <label htmlFor={id} className="visually-hidden">
        Rule set for {payer.name}
      </label>
      <select id={id} value={payer.ruleSetKey ?? ''} disabled={!canEdit || busy || !ruleSets} onChange={(e) => void change(e.target.value)}>
        <option value="">{nameOf(guessed)} (from the name)</option>
        {(ruleSets ?? []).map((r) => (
          <option key={r.key} value={r.key}>
            {r.name}
          </option>
        ))}
      </select>
    </>
  );
}

/**
 * One payer's name, payer ID and phone corrected in place (a misspelt name on every claim and
 * letter is worth fixing). Refusals show beside the field; Escape or Cancel leaves it as it was.
 */
function PayerEditRow({ payer, onDone }: { payer: Payer; onDone: (words: string | null) => void }) {
  const upsertPayer = useClinicStore((s) => s.upsertPayer);
  const ruleSets = useRuleSetsStore((s) => s.list);
  const [v, setV] = useState({ name: payer.name, payerCode: payer.payerCode ?? '', phone: payer.phone ?? '' });
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const idOf = (f: string) => `edit-payer-${payer.id}-${f}`;
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const saved = await api.call('payers.update', {
        id: payer.id,
        expectedVersion: payer.version,
        name: v.name,
        payerCode: v.payerCode.trim() || null,
        phone: v.phone.trim() || null,
      });
      upsertPayer(saved);
      // A payer without a chosen rule set takes it from its name: say so when the new name changes it.
      const before = guessRuleSetKey(payer.name) ?? 'other';
      const after = guessRuleSetKey(saved.name) ?? 'other';
      const ruleWords = !saved.ruleSetKey && before !== after ? ` Its requests are now checked against the ${ruleSets?.find((r) => r.key === after)?.name ?? after} rule set (from the name).` : '';
      onDone(`${saved.name} saved.${ruleWords}`);
    } catch (err) {
      const mapped = toFormErrors(err, { known: (f) => (FIELDS as readonly string[]).includes(f) });
      setErrors(mapped);
      const first = FIELDS.find((f) => mapped.fields[f]);
      if (first) document.getElementById(idOf(first))?.focus();
    } finally {
      setBusy(false);
    }
  };
  return (
    <tr>
      <td colSpan={5}>
        <form
          className="inline-form"
          noValidate
          aria-label={`Edit ${payer.name}`}
          onSubmit={onSubmit}
          onKeyDown={(e) => {
            if (e.key === 'Escape') onDone(null);
          }}
        >
          <FormAlert message={errors.general} />
          <PayerInputs idOf={idOf} v={v} onChange={setV} errors={errors} autoFocus />
          <button type="submit" className="button button-primary" disabled={busy}>
            Save changes
          </button>
          <button type="button" className="button" onClick={() => onDone(null)}>
            Cancel
          </button>
        </form>
      </td>
    </tr>
  );
}

type PayerDraft = { name: string; payerCode: string; phone: string };

/** A payer's three fields, as adding and correcting one both show them (limits as payerFields). */
function PayerInputs({ idOf, v, onChange, errors, autoFocus }: { idOf: (field: string) => string; v: PayerDraft; onChange: (v: PayerDraft) => void; errors: FormErrors; autoFocus?: boolean }) {
  return (
    <>
      <TextField id={idOf('name')} label="Payer name" value={v.name} onChange={(name) => onChange({ ...v, name })} error={errors.fields.name} maxLength={120} autoComplete="off" autoFocus={autoFocus} />
      <TextField id={idOf('payerCode')} label="Payer ID" value={v.payerCode} onChange={(payerCode) => onChange({ ...v, payerCode })} error={errors.fields.payerCode} maxLength={20} autoComplete="off" className="field-narrow" />
      <TextField id={idOf('phone')} label="Payer phone" type="tel" value={v.phone} onChange={(phone) => onChange({ ...v, phone })} error={errors.fields.phone} maxLength={30} autoComplete="off" className="field-narrow" />
    </>
  );
}
