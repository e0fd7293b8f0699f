/**
 * One letter's template, section by section: a labelled text box per section, the placeholders
 * the letter accepts (which it needs), Save, and "Back to the built-in template" behind a
 * confirmation. The backend checks a save (unknown placeholder, a needed one dropped, a blank
 * or over-long section, a hidden character) and each refusal is shown beside the section it
 * names; nothing is saved then. Someone without the settings permission reads the wording.
 */
import { useState, type FormEvent } from 'react';
import type { LetterTemplateView } from '../../../../../src-shared/api/schemas/letter-templates';
import { ApiError } from '../../../../../src-shared/api/errors';
import { PERMISSION_WORDS } from '../../../../../src-shared/api/permissions';
import { api } from '../../../api/client';
import { FormAlert } from '../../../components/Field';
import { Flash } from '../../../components/Flash';
import { useFlash } from '../../../components/useFlash';
import { toFormErrors } from '../../../lib/errors';
import { useCan } from '../../auth/store';
import { useClinicTimeZone } from '../../clinic/store';
import { ConfirmDialog, type ConfirmRequest } from '../../sync/ConfirmDialog';
import { useLetterTemplatesStore } from './store';
import { KIND_NAMES, KIND_PURPOSE, placeholderList, refusalsBySection, requiredInSection, sectionLabel, templateStateWords } from './words';

type Kind = LetterTemplateView['kind'];
type Texts = Record<string, string>;

const textsOf = (t: LetterTemplateView): Texts => Object.fromEntries(t.sections.map((s) => [s.key, s.text]));
const sectionId = (kind: Kind, key: string) => `letter-template-${kind}-${key}`;


export function TemplateEditor({ kind, onClose }: { kind: Kind; onClose: () => void }) {
  const listed = useLetterTemplatesStore((s) => s.list?.find((t) => t.kind === kind) ?? null);
  const reload = useLetterTemplatesStore((s) => s.reload);
  const put = useLetterTemplatesStore((s) => s.put);
  const canEdit = useCan('settings.write');
  const zone = useClinicTimeZone();
  // What this editor read: kept while someone types, even if the list reloads under it.
  const [base, setBase] = useState<LetterTemplateView | null>(listed);
  const [texts, setTexts] = useState<Texts>(() => (listed ? textsOf(listed) : {}));
  const [refused, setRefused] = useState<Record<string, string[]>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [busy, setBusy] = useState(false);
  const [flash, showFlash, clearFlash] = useFlash(8000);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);

  if (!base) {
    if (listed) {
      setBase(listed);
      setTexts(textsOf(listed));
    }
    return <p className="muted">Loading the letter template…</p>;
  }

  const dirty = base.sections.some((s) => (texts[s.key] ?? '') !== s.text);
  const name = KIND_NAMES[kind];

  const take = (t: LetterTemplateView) => {
    setBase(t);
    setTexts(textsOf(t));
    setRefused({});
    setGeneral(null);
    setStale(false);
    put(t);
  };

  const refuse = (err: unknown, what: string) => {
    clearFlash();
    if (err instanceof ApiError && err.issues?.length) {
      const { sections, other } = refusalsBySection(err.issues);
      setRefused(sections);
      const count = Object.values(sections).reduce((n, m) => n + m.length, 0);
      setGeneral(
        other.length
          ? `${what} ${other.join(' ')}`
          : `${what} ${count === 1 ? 'One problem, shown beside its section below.' : `${count} problems, each shown beside its section below.`}`,
      );
      const first = base.sections.find((s) => sections[s.key]);
      const el = first ? document.getElementById(sectionId(kind, first.key)) : document.getElementById('letter-template-alert');
      // Centred, so the sticky Save bar at the bottom does not cover the section in question.
      el?.scrollIntoView({ block: 'center' });
      el?.focus({ preventScroll: true });
      return;
    }
    setRefused({});
    setStale(err instanceof ApiError && err.code === 'CONFLICT');
    setGeneral(`${what} ${toFormErrors(err).general ?? ''}`.trim());
    document.getElementById('letter-template-alert')?.focus();
  };

  const onSave = async (e: FormEvent) => {
    e.preventDefault();
    if (!dirty) {
      showFlash('Nothing to save: the wording is as it was.');
      return;
    }
    setBusy(true);
    try {
      const saved = await api.call('letterTemplates.save', {
        kind,
        sections: base.sections.map((s) => ({ key: s.key, text: texts[s.key] ?? '' })),
        expectedVersion: base.version,
      });
      take(saved);
      showFlash('Saved. New letters use this wording; letters already drafted keep theirs.');
    } catch (err) {
      refuse(err, 'The template was not saved.');
    } finally {
      setBusy(false);
    }
  };

  const resetToBuiltIn = async () => {
    setBusy(true);
    try {
      take(await api.call('letterTemplates.reset', { kind, expectedVersion: base.version }));
      showFlash('Back to the built-in template. New letters use its wording; letters already drafted keep theirs.');
    } catch (err) {
      refuse(err, 'The template was not put back.');
    } finally {
      setBusy(false);
    }
  };

  const loadLatest = async () => {
    await reload();
    const latest = useLetterTemplatesStore.getState().list?.find((t) => t.kind === kind);
    if (latest) take(latest);
  };

  const state = templateStateWords(base, zone);
  return (
    <section className="panel letter-template-editor" aria-labelledby="letter-template-editor-heading">
      <div className="panel-heading">
        <h2 id="letter-template-editor-heading">{name}: template</h2>
        <Flash message={flash} />
      </div>
      <div className="letter-template-state-row">
        <p className={`letter-template-status ${base.source === 'clinic' ? 'letter-template-status-clinic' : ''}`} data-testid="letter-template-state">
          {state}
        </p>
        {canEdit && base.source === 'clinic' ? (
          <button
            type="button"
            className="button"
            disabled={busy}
            onClick={() =>
              setConfirm({
                title: `Back to the built-in ${name.toLowerCase()}?`,
                lead: `The clinic’s own wording of this letter is replaced by the built-in template for new letters${dirty ? ', and the changes you have not saved are dropped' : ''}. Letters already drafted keep their text.`,
                confirm: 'Use the built-in template',
                onConfirm: () => void resetToBuiltIn(),
              })
            }
          >
            Back to the built-in template
          </button>
        ) : null}
      </div>
      <p className="field-hint">
        {KIND_PURPOSE[kind]} Placeholders in double braces, like {'{{patient.name}}'}, are filled in from the request when a letter is drafted.
      </p>
      {base.unreadable ? (
        <p className="letter-template-warning" role="note">
          The clinic’s saved wording no longer reads (it was saved by an older version of the app), so new letters use the built-in wording shown here until it
          is saved again.
        </p>
      ) : null}
      {!canEdit ? (
        <p className="letter-template-readonly" role="note">
          You can read this wording here. Changing it needs the permission “{PERMISSION_WORDS['settings.write']}”: ask the clinic’s administrator.
        </p>
      ) : null}

      <div className="letter-template-layout">
        <aside className="letter-template-placeholders" aria-labelledby="letter-template-placeholders-heading">
          <h3 id="letter-template-placeholders-heading">Placeholders</h3>
          <p className="field-hint">
            {canEdit ? 'Type one with its double braces. Those marked “needed” must stay in this letter.' : 'What each is filled in with when a letter is drafted.'}
          </p>
          {/* Its own scroll box (reachable by keyboard), so the sections stay near on a narrow page. */}
          <dl tabIndex={0} aria-labelledby="letter-template-placeholders-heading">
            {base.placeholders.map((p) => (
              <div key={p.name} className={p.required ? 'letter-template-needed' : undefined}>
                <dt>
                  <code>{`{{${p.name}}}`}</code>
                  {p.required ? <span className="badge badge-warning letter-template-needed-badge">needed</span> : null}
                </dt>
                <dd>{p.meaning}</dd>
              </div>
            ))}
          </dl>
        </aside>
        <form noValidate onSubmit={onSave} className="letter-template-form" aria-label={`${name} wording`}>
          <div id="letter-template-alert" tabIndex={-1}>
            <FormAlert message={general}>
              {stale ? (
                <button type="button" className="button" onClick={() => void loadLatest()}>
                  Load the latest wording
                </button>
              ) : null}
            </FormAlert>
          </div>
          <p className="letter-template-title">
            Letter title: <strong>{base.title}</strong>
          </p>
          {base.sections.map((s) => {
            const id = sectionId(kind, s.key);
            const problems = refused[s.key] ?? [];
            const value = texts[s.key] ?? '';
            const needs = requiredInSection(s.builtIn, base.placeholders);
            const changed = value !== s.builtIn;
            const hint = canEdit && needs.length ? `Keep ${placeholderList(needs)}: the letter needs ${needs.length === 1 ? 'it' : 'them'}.` : null;
            const described = [problems.length ? `${id}-error` : null, hint ? `${id}-hint` : null].filter(Boolean).join(' ') || undefined;
            return (
              <div key={s.key} className={`field letter-template-section${problems.length ? ' field-has-error' : ''}`}>
                <div className="field-label">
                  <label htmlFor={id}>{sectionLabel(s)}</label>
                  {changed ? <span className="letter-template-changed"> · not the built-in wording</span> : null}
                </div>
                <textarea
                  id={id}
                  name={id}
                  rows={3}
                  value={value}
                  readOnly={!canEdit}
                  spellCheck
                  onChange={(e) => setTexts((t) => ({ ...t, [s.key]: e.target.value }))}
                  aria-invalid={problems.length ? true : undefined}
                  aria-describedby={described}
                />
                {problems.length ? (
                  <div id={`${id}-error`} className="field-error">
                    {problems.length === 1 ? (
                      problems[0]
                    ) : (
                      <ul>
                        {problems.map((m) => (
                          <li key={m}>{m}</li>
                        ))}
                      </ul>
                    )}
                  </div>
                ) : null}
                {hint ? (
                  <p id={`${id}-hint`} className="field-hint">
                    {hint}
                  </p>
                ) : null}
                {canEdit && value !== s.builtIn ? (
                  <button type="button" className="button button-quiet button-small" onClick={() => setTexts((t) => ({ ...t, [s.key]: s.builtIn }))}>
                    Use the built-in wording of “{sectionLabel(s)}”
                  </button>
                ) : null}
              </div>
            );
          })}
          <div className="form-actions letter-template-actions">
            {canEdit ? (
              <button type="submit" className="button button-primary" disabled={busy}>
                Save template
              </button>
            ) : null}
            <button type="button" className="button button-quiet" onClick={onClose}>
              {canEdit && dirty ? 'Close without saving' : 'Back to the list'}
            </button>
          </div>
        </form>

      </div>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </section>
  );
}
