/**
 * One payer rule set, editable: the policy, the submission route, the codes and units per
 * session, the decision clocks and the evidence each diagnosis needs. Saved as the clinic's
 * copy over the template; the backend checks it with the templates' schema and each refusal
 * shows beside its field. Until it is confirmed with the payer it says so at the top.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { DIAGNOSIS_GROUPS, SCORE_INSTRUMENTS, TREATMENT_KINDS, TREATMENT_OUTCOMES, type DiagnosisGroup } from '../../../../../src-shared/api/schemas/intake';
import type { RuleSetDetail } from '../../../../../src-shared/api/schemas/payer-rules';
import type { EvidenceRequirement, PayerRuleSet } from '../../../../../src-shared/domain/authorizations/payer-rules';
import { formatCalendarDate } from '../../../../../src-shared/domain/dates';
import { localDateAt } from '../../../../../src-shared/domain/zoned-time';
import { api } from '../../../api/client';
import { FormAlert, TextField } from '../../../components/Field';
import { Flash } from '../../../components/Flash';
import { useFlash } from '../../../components/useFlash';
import { errorText, noErrors, toFormErrors, type FormErrors } from '../../../lib/errors';
import { readTypedDate } from '../../../lib/typed-date';
import { useCan } from '../../auth/store';
import { useClinicTimeZone } from '../../clinic/store';
import { fieldId, fieldName, getIn, listText, setIn, textList, tidy, typedNumber, type Path } from './draft';
import { confirmationWords } from './store';
import { EVIDENCE_KIND_WORDS, GROUP_WORDS, INSTRUMENT_WORDS, newEvidence, OUTCOME_WORDS, ROUTE_WORDS, TREATMENT_KIND_WORDS } from './words';

type Draft = PayerRuleSet;

interface Ctx {
  draft: Draft;
  set: (path: Path, value: unknown) => void;
  errors: FormErrors;
  readOnly: boolean;
}

function errorAt(c: Ctx, path: Path, nested = false): string | undefined {
  const name = fieldName(path);
  if (c.errors.fields[name]) return c.errors.fields[name];
  if (!nested) return undefined;
  const k = Object.keys(c.errors.fields).find((f) => f.startsWith(`${name}.`));
  return k ? c.errors.fields[k] : undefined;
}

function Text({ c, path, label, hint, wide, area }: { c: Ctx; path: Path; label: string; hint?: string; wide?: boolean; area?: boolean }) {
  const id = fieldId(path);
  const error = errorAt(c, path);
  const value = String(getIn(c.draft, path) ?? '');
  return (
    <div className={`field${error ? ' field-has-error' : ''}${wide ? ' rule-wide' : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
      </div>
      {area ? (
        <textarea id={id} rows={3} value={value} readOnly={c.readOnly} onChange={(e) => c.set(path, e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined} />
      ) : (
        <input id={id} type="text" value={value} readOnly={c.readOnly} onChange={(e) => c.set(path, e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined} />
      )}
      {error ? <p id={`${id}-error`} className="field-error">{error}</p> : null}
      {hint ? <p id={`${id}-hint`} className="field-hint">{hint}</p> : null}
    </div>
  );
}

function Num({ c, path, label, hint, optional }: { c: Ctx; path: Path; label: string; hint?: string; optional?: boolean }) {
  const id = fieldId(path);
  const error = errorAt(c, path);
  const v = getIn(c.draft, path);
  return (
    <div className={`field field-narrow${error ? ' field-has-error' : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
      </div>
      <input id={id} type="text" inputMode="numeric" value={v === undefined || v === null ? '' : String(v)} readOnly={c.readOnly} onChange={(e) => c.set(path, optional && e.target.value.trim() === '' ? undefined : typedNumber(e.target.value))} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : hint ? `${id}-hint` : undefined} />
      {error ? <p id={`${id}-error`} className="field-error">{error}</p> : null}
      {hint ? <p id={`${id}-hint`} className="field-hint">{hint}</p> : null}
    </div>
  );
}

function List({ c, path, label, hint }: { c: Ctx; path: Path; label: string; hint: string }) {
  const id = fieldId(path);
  const error = errorAt(c, path, true);
  return (
    <div className={`field${error ? ' field-has-error' : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
      </div>
      <input id={id} type="text" value={listText(getIn(c.draft, path))} readOnly={c.readOnly} onChange={(e) => c.set(path, textList(e.target.value))} aria-invalid={error ? true : undefined} aria-describedby={`${error ? `${id}-error ` : ''}${id}-hint`} />
      {error ? <p id={`${id}-error`} className="field-error">{error}</p> : null}
      <p id={`${id}-hint`} className="field-hint">{hint}</p>
    </div>
  );
}

function Checks<K extends string>({ c, path, legend, options }: { c: Ctx; path: Path; legend: string; options: Record<K, string> }) {
  const id = fieldId(path);
  const error = errorAt(c, path, true);
  const chosen = (getIn(c.draft, path) as string[] | undefined) ?? [];
  return (
    <fieldset className={`rule-checks${error ? ' field-has-error' : ''}`} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {(Object.entries(options) as [K, string][]).map(([value, words]) => (
        <label key={value} className="rule-check">
          <input
            type="checkbox"
            checked={chosen.includes(value)}
            disabled={c.readOnly}
            onChange={(e) => c.set(path, e.target.checked ? [...chosen, value] : chosen.filter((x) => x !== value))}
          />{' '}
          {words}
        </label>
      ))}
      {error ? <p id={`${id}-error`} className="field-error">{error}</p> : null}
    </fieldset>
  );
}

function Choose({ c, path, label, options }: { c: Ctx; path: Path; label: string; options: Record<string, string> }) {
  const id = fieldId(path);
  const error = errorAt(c, path);
  return (
    <div className={`field${error ? ' field-has-error' : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
      </div>
      <select id={id} value={String(getIn(c.draft, path) ?? '')} disabled={c.readOnly} onChange={(e) => c.set(path, e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {Object.entries(options).map(([v, w]) => (
          <option key={v} value={v}>
            {w}
          </option>
        ))}
      </select>
      {error ? <p id={`${id}-error`} className="field-error">{error}</p> : null}
    </div>
  );
}

function Group({ title, children }: { title: string; children: ReactNode }) {
  return (
    <fieldset className="rule-group">
      <legend>{title}</legend>
      <div className="rule-fields">{children}</div>
    </fieldset>
  );
}

function CodeLines({ c, which, title }: { c: Ctx; which: 'administration' | 'drug'; title: string }) {
  const lines = c.draft.codes[which];
  const base: Path = ['codes', which];
  const error = errorAt(c, base);
  return (
    <fieldset className="rule-group">
      <legend>{title}</legend>
      {error ? <p className="field-error">{error}</p> : null}
      {lines.length === 0 ? <p className="muted">None.</p> : null}
      {lines.map((_, i) => (
        <div className="rule-fields rule-line" key={i}>
          <Text c={c} path={[...base, i, 'code']} label={`${which === 'drug' ? 'Drug' : 'Administration'} code ${i + 1}`} />
          <Choose c={c} path={[...base, i, 'system']} label="Code system" options={{ CPT: 'CPT', HCPCS: 'HCPCS' }} />
          <Num c={c} path={[...base, i, 'unitsPerSession']} label="Units per session" />
          <Text c={c} path={[...base, i, 'description']} label="Description" wide />
          {!c.readOnly ? (
            <button type="button" className="button button-quiet" onClick={() => c.set(base, lines.filter((_x, j) => j !== i))}>
              Remove code {i + 1}
            </button>
          ) : null}
        </div>
      ))}
      {!c.readOnly ? (
        <button type="button" className="button button-quiet" onClick={() => c.set(base, [...lines, { code: '', system: which === 'drug' ? 'HCPCS' : 'CPT', unitsPerSession: 1 }])}>
          Add {which === 'drug' ? 'a drug' : 'an administration'} code
        </button>
      ) : null}
    </fieldset>
  );
}

function EvidenceItem({ c, group, i, item }: { c: Ctx; group: DiagnosisGroup; i: number; item: EvidenceRequirement }) {
  const p: Path = ['evidence', group, i];
  return (
    <li className="rule-evidence">
      <p className="rule-evidence-kind">
        {i + 1}. {EVIDENCE_KIND_WORDS[item.kind]}
      </p>
      <div className="rule-fields">
        <Text c={c} path={[...p, 'label']} label="What the desk reads" wide />
        {item.kind === 'diagnosis' ? <List c={c} path={[...p, 'codePrefixes']} label="ICD-10-CM codes starting with" hint="Separate with commas, e.g. G90.5, G56.4" /> : null}
        {item.kind === 'budapest' ? <Choose c={c} path={[...p, 'criteria']} label="Criteria" options={{ clinical: 'Clinical', research: 'Research' }} /> : null}
        {item.kind === 'failed_treatment' ? (
          <>
            <Num c={c} path={[...p, 'min']} label="At least how many" />
            <Num c={c} path={[...p, 'minMonths']} label="Months covered (blank: any)" optional />
            <List c={c} path={[...p, 'nameMatches']} label="Name contains one of" hint="Optional, separate with commas, e.g. sympathetic, stellate" />
            <Checks c={c} path={[...p, 'treatmentKinds']} legend="Treatment kinds" options={pick(TREATMENT_KIND_WORDS, TREATMENT_KINDS)} />
            <Checks c={c} path={[...p, 'outcomes']} legend="Counts when the outcome was" options={pick(OUTCOME_WORDS, TREATMENT_OUTCOMES)} />
          </>
        ) : null}
        {item.kind === 'baseline_score' ? <Checks c={c} path={[...p, 'instruments']} legend="Instruments" options={pick(INSTRUMENT_WORDS, SCORE_INSTRUMENTS)} /> : null}
        {item.kind === 'prior_response' ? <Num c={c} path={[...p, 'minPercent']} label="Pain reduction at least (%)" /> : null}
      </div>
      {!c.readOnly ? (
        <button
          type="button"
          className="button button-quiet"
          onClick={() => c.set(['evidence', group], (c.draft.evidence[group] ?? []).filter((_x, j) => j !== i))}
        >
          Remove “{item.label || EVIDENCE_KIND_WORDS[item.kind]}”
        </button>
      ) : null}
    </li>
  );
}

const pick = <K extends string>(words: Record<K, string>, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, words[k]])) as Record<K, string>;

function EvidenceGroup({ c, group }: { c: Ctx; group: DiagnosisGroup }) {
  const items = c.draft.evidence[group] ?? [];
  const [kind, setKind] = useState<EvidenceRequirement['kind']>('failed_treatment');
  const addId = `rule-add-${group}`;
  return (
    <fieldset className="rule-group">
      <legend>Evidence for {GROUP_WORDS[group]}</legend>
      {items.length === 0 ? <p className="muted">Nothing asked for {GROUP_WORDS[group]}.</p> : null}
      <ol className="rule-evidence-list">
        {items.map((item, i) => (
          <EvidenceItem key={i} c={c} group={group} i={i} item={item} />
        ))}
      </ol>
      {!c.readOnly ? (
        <div className="inline-form">
          <div className="field">
            <div className="field-label">
              <label htmlFor={addId}>New evidence for {GROUP_WORDS[group]}</label>
            </div>
            <select id={addId} value={kind} onChange={(e) => setKind(e.target.value as EvidenceRequirement['kind'])}>
              {Object.entries(EVIDENCE_KIND_WORDS).map(([k, w]) => (
                <option key={k} value={k}>
                  {w}
                </option>
              ))}
            </select>
          </div>
          <button type="button" className="button button-quiet" onClick={() => c.set(['evidence', group], [...items, newEvidence(kind)])}>
            Add evidence
          </button>
        </div>
      ) : null}
    </fieldset>
  );
}

export function RuleSetEditor({ ruleSetKey, onClose }: { ruleSetKey: string; onClose: () => void }) {
  const canEdit = useCan('settings.write');
  const zone = useClinicTimeZone();
  const [detail, setDetail] = useState<RuleSetDetail | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [dirty, setDirty] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [issueList, setIssueList] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [flash, showFlash] = useFlash(6000);
  const [confirmOn, setConfirmOn] = useState(() => formatCalendarDate(localDateAt(zone, Date.now())));
  const [confirmBy, setConfirmBy] = useState('');
  const [confirmErrors, setConfirmErrors] = useState<FormErrors>(noErrors);

  const take = (d: RuleSetDetail) => {
    setDetail(d);
    setDraft(d.rules);
    setDirty(false);
  };

  useEffect(() => {
    let live = true;
    api.call('payerRules.get', { key: ruleSetKey }).then(
      (d) => live && take(d),
      (err: unknown) => live && setLoadError(errorText(err)),
    );
    return () => {
      live = false;
    };
  }, [ruleSetKey]);

  if (loadError) return <FormAlert message={`The rule set could not be loaded. ${loadError}`} />;
  if (!detail || !draft) return <p className="muted">Loading the rule set…</p>;

  const c: Ctx = {
    draft,
    errors,
    readOnly: !canEdit,
    set: (path, value) => {
      setDraft((d) => setIn(d!, path, value));
      setDirty(true);
    },
  };

  const onSave = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const saved = await api.call('payerRules.save', { key: ruleSetKey, rules: tidy(draft), expectedVersion: detail.version });
      take(saved);
      setErrors(noErrors);
      setIssueList([]);
      showFlash(detail.confirmed && !saved.confirmed ? 'Saved. The change needs confirming with the payer again.' : 'Saved.');
    } catch (err) {
      const mapped = toFormErrors(err, { known: (f) => f.startsWith('rules.') });
      setErrors(mapped);
      const issues = (err as { issues?: { message: string }[] }).issues;
      setIssueList(issues && issues.length > 1 ? issues.map((i) => i.message) : []);
      const first = Object.keys(mapped.fields)[0];
      const el = (first ? document.getElementById(fieldId(first.split('.').slice(1))) : null) ?? document.getElementById('rule-save-alert');
      // Centred, so the sticky Save bar at the bottom does not cover the field in question.
      el?.scrollIntoView({ block: 'center' });
      el?.focus({ preventScroll: true });
    } finally {
      setBusy(false);
    }
  };

  const onConfirm = async (e: FormEvent) => {
    e.preventDefault();
    const on = readTypedDate(confirmOn, 'date it was confirmed with the payer', true);
    if (!on.ok) {
      setConfirmErrors({ general: null, fields: { confirmedOn: on.message } });
      document.getElementById('rule-confirm-on')?.focus();
      return;
    }
    setBusy(true);
    try {
      const saved = await api.call('payerRules.confirm', { key: ruleSetKey, confirmedOn: on.value!, confirmedBy: confirmBy.trim() || null, expectedVersion: detail.version });
      take(saved);
      setConfirmErrors(noErrors);
      showFlash('Confirmation recorded');
    } catch (err) {
      setConfirmErrors(toFormErrors(err, { known: (f) => f === 'confirmedOn' || f === 'confirmedBy' }));
    } finally {
      setBusy(false);
    }
  };

  const status = confirmationWords(detail, formatCalendarDate);
  return (
    <section className="panel rule-editor" aria-labelledby="rule-editor-heading">
      <div className="panel-heading">
        <h2 id="rule-editor-heading">{detail.name}: payer rule set</h2>
        <Flash message={flash} />
      </div>
      <p className={`rule-status ${detail.confirmed ? 'rule-status-confirmed' : 'rule-status-template'}`}>
        {status}
      </p>
      <p className="field-hint">
        {detail.source === 'clinic' ? 'The clinic’s own copy' : 'The shipped template, not yet edited'}
        {detail.payers.length ? `. Used by ${detail.payers.map((p) => p.payerName).join(', ')}.` : '. No payer uses it yet.'}
        {detail.unreadable ? ' The clinic’s saved copy no longer reads (saved by an older version); the template stands in until it is saved again.' : ''}
      </p>
      {canEdit ? (
        <form className="inline-form rule-confirm" noValidate onSubmit={onConfirm} aria-label="Confirmation with the payer">
          <FormAlert message={confirmErrors.general} />
          <TextField id="rule-confirm-on" label="Confirmed with the payer on" value={confirmOn} onChange={setConfirmOn} error={confirmErrors.fields.confirmedOn} hint="MM/DD/YYYY" className="field-narrow" />
          <TextField id="rule-confirm-by" label="Confirmed by" value={confirmBy} onChange={setConfirmBy} error={confirmErrors.fields.confirmedBy} hint="Leave blank for yourself" maxLength={120} />
          <button type="submit" className="button button-primary" disabled={busy || dirty} aria-describedby={dirty ? 'rule-confirm-dirty' : undefined}>
            Record the confirmation
          </button>
          {dirty ? (
            <p id="rule-confirm-dirty" className="field-hint">
              Save your changes first: what is confirmed is what is saved.
            </p>
          ) : null}
        </form>
      ) : null}

      <form noValidate onSubmit={onSave} className="rule-form">
        <div id="rule-save-alert" tabIndex={-1}>
          <FormAlert message={errors.general ?? (Object.keys(errors.fields).length ? 'The rule set was not saved. Correct the fields marked below.' : null)}>
            {issueList.length ? (
              <ul>
                {issueList.map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            ) : null}
          </FormAlert>
        </div>
        <Group title="Policy">
          <Text c={c} path={['name']} label="Payer rule set name" />
          <Text c={c} path={['policy', 'reference']} label="Policy reference" />
          <Text c={c} path={['policy', 'title']} label="Policy title" wide />
          <Text c={c} path={['policy', 'stance']} label="The payer’s stance" wide area />
          <Text c={c} path={['policy', 'source']} label="Where the policy is published" wide />
        </Group>
        <Group title="Submission">
          <Choose c={c} path={['submission', 'route']} label="Submission route" options={ROUTE_WORDS} />
          <Text c={c} path={['submission', 'where']} label="Where (portal, fax number, address)" wide />
        </Group>
        <CodeLines c={c} which="administration" title="Codes to request: administration" />
        <CodeLines c={c} which="drug" title="Codes to request: the drug" />
        <Group title="Decision clocks">
          <div className="field field-checkbox rule-wide">
            <input id={fieldId(['clocks', 'cms0057f'])} type="checkbox" checked={draft.clocks.cms0057f} disabled={!canEdit} onChange={(e) => c.set(['clocks', 'cms0057f'], e.target.checked)} />
            <label htmlFor={fieldId(['clocks', 'cms0057f'])}>Under CMS-0057-F (Medicare Advantage, Medicaid/CHIP, federal-exchange plans)</label>
          </div>
          <Num c={c} path={['clocks', 'decisionStandardDays']} label="Standard decision (days)" />
          <Num c={c} path={['clocks', 'decisionExpeditedHours']} label="Expedited decision (hours)" />
          <Num c={c} path={['clocks', 'appealDays']} label="Appeal (days from the denial)" />
          <Num c={c} path={['clocks', 'externalReviewMonths']} label="External review (months)" />
          <Num c={c} path={['clocks', 'p2pBusinessDays']} label="Peer-to-peer window (business days)" />
          <List c={c} path={['clocks', 'expiryWarningDays']} label="Warn before an approval ends (days)" hint="Separate with commas, e.g. 14, 7" />
        </Group>
        {DIAGNOSIS_GROUPS.map((g) => (
          <EvidenceGroup key={g} c={c} group={g} />
        ))}
        <div className="form-actions rule-actions">
          {canEdit ? (
            <button type="submit" className="button button-primary" disabled={busy}>
              Save rule set
            </button>
          ) : null}
          {canEdit && detail.template && detail.source === 'clinic' ? (
            <button type="button" className="button button-quiet" onClick={() => c.set([], detail.template)}>
              Start again from the template
            </button>
          ) : null}
          <button type="button" className="button button-quiet" onClick={onClose}>
            {dirty ? 'Close without saving' : 'Back to the rule sets'}
          </button>
        </div>
      </form>
    </section>
  );
}
