/**
 * Readiness on the request page: what the payer's rule set asks for against what the chart and
 * the request hold (authorizations.readiness), each item met or missing with a link to where it
 * is fixed; the rule set used, labelled "Template — confirm with the payer" until the clinic has
 * confirmed it. While a draft is not ready, "Mark ready anyway…" asks for the reason the backend
 * keeps in the history (the plain "Mark ready to send" step is refused naming what is missing).
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { AuthorizationDetail } from '../../../../src-shared/api/schemas/authorization-request';
import type { ReadinessOut } from '../../../../src-shared/api/schemas/authorization-readiness';
import { formatCalendarDate } from '../../../../src-shared/domain/dates';
import { localDateAt } from '../../../../src-shared/domain/zoned-time';
import { api } from '../../api/client';
import { FormAlert, TextAreaField } from '../../components/Field';
import { errorText } from '../../lib/errors';
import { INTAKE_SECTIONS, type IntakeSection } from '../../../../src-shared/api/schemas/intake';
import { navigate } from '../../app/router';
import { useClinicTimeZone } from '../clinic/store';
import { useIntakeStore } from '../intake/store';
import './readiness.css';

const isIntakeSection = (s: string): s is IntakeSection => (INTAKE_SECTIONS as readonly string[]).includes(s);

/**
 * Open the chart at the intake section that fixes an item: the section asks for focus once it is
 * on screen (a request made before it mounts is not for it), then opens its form with the cursor in it.
 */
function openChartSection(route: string, section: IntakeSection): void {
  navigate(route);
  const started = Date.now();
  const wait = () => {
    if (document.getElementById(`intake-${section}`)) useIntakeStore.getState().requestFocus(section);
    else if (Date.now() - started < 5000) window.setTimeout(wait, 100);
  };
  window.setTimeout(wait, 100);
}

export function ReadinessSection({ auth, onChanged }: { auth: AuthorizationDetail; onChanged: () => void }) {
  const zone = useClinicTimeZone();
  const [r, setR] = useState<ReadinessOut | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [overriding, setOverriding] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const load = useCallback(async () => {
    try {
      setR(await api.call('authorizations.readiness', { id: auth.id }));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [auth.id]);

  // Checked again whenever the request changes (its version) or the chart does.
  useEffect(() => {
    void load();
    const offs = (['patients.changed', 'intake.changed', 'clinic.changed'] as const).map((t) => api.subscribe(t, () => void load()));
    return () => offs.forEach((off) => off());
  }, [load, auth.version]);

  async function markReadyAnyway(e: FormEvent) {
    e.preventDefault();
    if (!reason.trim()) {
      setReasonError('Enter why the request can go without the missing items.');
      document.getElementById(`readiness-reason-${auth.id}`)?.focus();
      return;
    }
    setSaving(true);
    try {
      await api.call('authorizations.changeStatus', { id: auth.id, to: 'ready', expectedVersion: auth.version, overrideReason: reason.trim() });
      setOverriding(false);
      setReason('');
      setReasonError(null);
      onChanged();
    } catch (err) {
      setReasonError(errorText(err));
    } finally {
      setSaving(false);
    }
  }

  const heading = `readiness-heading-${auth.id}`;
  return (
    <section className="panel readiness" aria-labelledby={heading} data-testid="readiness">
      <div className="panel-heading">
        <h2 id={heading}>Readiness</h2>
        <button type="button" className="button button-quiet" onClick={() => void load()}>
          Check again
        </button>
      </div>
      {error && !r ? <FormAlert message={`Readiness could not be checked. ${error}`} /> : null}
      {!r ? (
        error ? null : <p className="muted">Checking what the payer asks for…</p>
      ) : (
        <>
          <p className={`readiness-verdict ${r.ready ? 'is-ready' : 'is-not-ready'}`} data-testid="readiness-verdict">
            <strong>{r.ready ? 'Ready to send' : `Not ready: ${r.total - r.met} of ${r.total} missing`}</strong>
            <span className="readiness-count"> · {r.met} of {r.total} items met</span>
          </p>
          <p className="readiness-rules">
            Checked against <strong>{r.ruleSet.name}</strong> · {r.ruleSet.policyReference} ({r.ruleSet.policyTitle}){' '}
            {r.ruleSet.needsConfirmation ? (
              <span className="badge badge-warning">Template — confirm with the payer</span>
            ) : (
              <span className="badge badge-success">
                Confirmed with the payer
                {r.ruleSet.confirmedAt ? ` on ${formatCalendarDate(localDateAt(zone, r.ruleSet.confirmedAt))}` : ''}
                {r.ruleSet.confirmedBy ? ` by ${r.ruleSet.confirmedBy}` : ''}
              </span>
            )}{' '}
            <a href="#/settings/payers">Payer rules</a>
          </p>
          <ul className="readiness-items" aria-label="What the payer asks for">
            {[...r.items.filter((i) => !i.met), ...r.items.filter((i) => i.met)].map((i) => (
              <li key={i.key} className={i.met ? 'is-met' : 'is-missing'}>
                <span className="readiness-mark" aria-hidden="true">
                  {i.met ? '✓' : '✗'}
                </span>
                <div>
                  <div>
                    <span className="visually-hidden">{i.met ? 'Met: ' : 'Missing: '}</span>
                    <strong>{i.label}</strong>
                  </div>
                  <div className="small">{i.detail}</div>
                  {!i.met ? (
                    <a
                      className="readiness-fix"
                      href={i.fixAt.route}
                      onClick={(e) => {
                        const section = i.fixAt.section;
                        if (!isIntakeSection(section) || e.ctrlKey || e.metaKey || e.shiftKey) return;
                        e.preventDefault();
                        openChartSection(i.fixAt.route, section);
                      }}
                    >
                      Fix in {i.fixAt.place}
                    </a>
                  ) : null}
                </div>
              </li>
            ))}
          </ul>
          {auth.status === 'draft' && !r.ready ? (
            overriding ? (
              <form className="form subform" noValidate onSubmit={markReadyAnyway} aria-label="Mark ready anyway">
                <p className="field-hint">The history keeps what was missing and your reason.</p>
                <TextAreaField
                  id={`readiness-reason-${auth.id}`}
                  label="Why it can go without the missing items"
                  value={reason}
                  onChange={setReason}
                  error={reasonError ?? undefined}
                  required
                  maxLength={500}
                  rows={2}
                />
                <div className="form-actions">
                  <button type="submit" className="button button-primary" disabled={saving}>
                    Mark ready with this reason
                  </button>
                  <button type="button" className="button button-quiet" onClick={() => setOverriding(false)}>
                    Cancel
                  </button>
                </div>
              </form>
            ) : (
              <button type="button" className="button" onClick={() => setOverriding(true)}>
                Mark ready anyway…
              </button>
            )
          ) : null}
        </>
      )}
    </section>
  );
}
