/**
 * Settings › Payers: the payer rule sets a request is checked against, each with its policy,
 * the payers that use it and whether the clinic confirmed it with the payer. "Template —
 * confirm with the payer" stays on each one until someone records the confirmation.
 */
import { formatCalendarDate } from '../../../../../src-shared/domain/dates';
import { FormAlert } from '../../../components/Field';
import { useCan } from '../../auth/store';
import { confirmationWords, useRuleSetsStore } from './store';

export function RuleSetsSection({ onOpen }: { onOpen: (key: string) => void }) {
  const list = useRuleSetsStore((s) => s.list);
  const status = useRuleSetsStore((s) => s.status);
  const error = useRuleSetsStore((s) => s.error);
  const canEdit = useCan('settings.write');

  return (
    <section className="panel" aria-labelledby="rule-sets-heading">
      <div className="panel-heading">
        <h2 id="rule-sets-heading">Payer rule sets</h2>
      </div>
      <p className="field-hint">
        What each payer asks for before it authorizes infusions: its policy, the evidence per diagnosis, the codes and units, how to submit and how long it
        takes. They start as templates from public sources, not statements of any payer’s current policy: check each with the payer and record it here.
      </p>
      {status === 'error' ? <FormAlert message={`The rule sets could not be loaded. ${error ?? ''}`} /> : null}
      {!list ? (
        <p className="muted">Loading the rule sets…</p>
      ) : (
        <table className="data-table rule-sets-table">
          <thead>
            <tr>
              <th scope="col">Rule set</th>
              <th scope="col">Policy</th>
              <th scope="col">Confirmed with the payer</th>
              <th scope="col">
                <span className="visually-hidden">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {list.map((r) => (
              <tr key={r.key}>
                <th scope="row">
                  {r.name}
                  <span className="rule-used-by">{r.payers.length ? `Used by ${r.payers.map((p) => p.payerName).join(', ')}` : 'No payer uses it'}</span>
                </th>
                <td>{r.policyReference}</td>
                <td>
                  <span className={`badge ${r.confirmed ? 'badge-success' : 'badge-warning'} rule-badge`}>{confirmationWords(r, formatCalendarDate)}</span>
                  {r.source === 'clinic' && !r.confirmed ? <span className="field-hint"> Edited by the clinic</span> : null}
                </td>
                <td>
                  <button type="button" className="button button-small" onClick={() => onOpen(r.key)}>
                    {canEdit ? 'Edit' : 'Open'}
                    <span className="visually-hidden"> {r.name}</span>
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
