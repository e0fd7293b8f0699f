/**
 * The request package on the request page: build it from the chart (cover sheet, letter of
 * medical necessity citing the records, the cited records enclosed), edit the letter's
 * paragraphs and which records go, download the PDF to check it, and file it (final: a document
 * on the chart that never changes). Unsaved paragraph edits are saved before a preview or filing,
 * so what the desk sees is what goes. Refusals show beside the part they name.
 */
import { useCallback, useEffect, useState } from 'react';
import type { AuthorizationPackage, PackageList } from '../../../../src-shared/api/schemas/authorization-package';
import type { AuthorizationDetail } from '../../../../src-shared/api/schemas/authorization-request';
import { formatCalendarDate } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { paths } from '../../app/router';
import { FormAlert } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { downloadBase64 } from '../documents/download';
import './package-section.css';

type Busy = 'build' | 'save' | 'enclosures' | 'preview' | 'finalize' | null;

/** Closed requests get no new package (the backend says so too). */
const CLOSED = new Set(['closed', 'expired', 'cancelled']);

function filedWhen(ms: number | null): string {
  return ms ? formatCalendarDate(new Date(ms).toISOString().slice(0, 10)) : '';
}

const pagesWords = (n: number) => `${n} page${n === 1 ? '' : 's'}`;
const recordsWords = (n: number) => `${n} record${n === 1 ? '' : 's'}`;

export function PackageSection({ auth, onChanged }: { auth: AuthorizationDetail; onChanged: () => void }) {
  const [list, setList] = useState<PackageList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  /** Paragraph texts typed and not saved yet, by key. */
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<Busy>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [confirm, setConfirm] = useState<'finalize' | 'rebuild' | null>(null);
  const [flash, showFlash] = useFlash();

  const load = useCallback(async () => {
    try {
      setList(await api.call('authorizations.package.get', { authorizationId: auth.id }));
      setLoadError(null);
    } catch (err) {
      setLoadError(toFormErrors(err).general);
    }
  }, [auth.id]);

  useEffect(() => {
    void load();
    const offs = (['schedule.changed', 'patients.changed'] as const).map((t) => api.subscribe(t, () => void load()));
    return () => offs.forEach((off) => off());
  }, [load]);

  const draft = list?.draft ?? null;
  const dirty = draft ? draft.sections.filter((s) => typed[s.key] !== undefined && typed[s.key] !== s.text) : [];

  /** Runs one action; refusals land beside the part they name, or at the top. */
  const run = async <T,>(what: Busy, fn: () => Promise<T>): Promise<T | null> => {
    setBusy(what);
    setErrors(noErrors);
    try {
      return await fn();
    } catch (err) {
      setErrors(toFormErrors(err, { known: (f) => f === 'sections' || f === 'enclosures' }));
      return null;
    } finally {
      setBusy(null);
    }
  };

  /** Saves typed paragraphs (and an enclosure choice); returns the saved draft. */
  const save = async (d: AuthorizationPackage, enclosures?: { documentId: string; include: boolean }[]) => {
    const saved = await api.call('authorizations.package.update', {
      id: d.id,
      expectedVersion: d.version,
      sections: dirty.map((s) => ({ key: s.key, text: typed[s.key]! })),
      ...(enclosures ? { enclosures } : {}),
    });
    setTyped({});
    setList((l) => (l ? { ...l, draft: saved } : l));
    return saved;
  };

  const build = async (rebuild: boolean) => {
    const made = await run('build', () =>
      api.call('authorizations.package.draft', { authorizationId: auth.id, ...(rebuild && draft ? { rebuildVersion: draft.version } : {}) }),
    );
    setConfirm(null);
    if (made) {
      setTyped({});
      showFlash(rebuild ? 'Package written again from the chart' : 'Package drafted from the chart');
      await load();
      onChanged();
    }
  };

  const toggle = async (d: AuthorizationPackage, documentId: string, include: boolean) => {
    const choice = d.enclosures.map((e) => ({ documentId: e.documentId, include: e.documentId === documentId ? include : e.include }));
    if (await run('enclosures', () => save(d, choice))) onChanged();
  };

  const saveLetter = async (d: AuthorizationPackage) => {
    if (await run('save', () => save(d))) {
      showFlash('Letter saved');
      onChanged();
    }
  };

  const preview = async (p: AuthorizationPackage) => {
    const pdf = await run('preview', async () => {
      if (p.state === 'draft' && dirty.length) await save(p);
      return api.call('authorizations.package.preview', { id: p.id });
    });
    if (pdf) {
      downloadBase64(pdf.base64, pdf.fileName, pdf.mimeType);
      showFlash(`PDF downloaded: ${pdf.fileName} (${pagesWords(pdf.pages)})`);
    }
  };

  const finalize = async (d: AuthorizationPackage) => {
    const done = await run('finalize', async () => {
      const current = dirty.length ? await save(d) : d;
      return api.call('authorizations.package.finalize', { id: current.id, expectedVersion: current.version });
    });
    setConfirm(null);
    if (done) {
      showFlash(`Package filed on the chart: ${pagesWords(done.pages)}`);
      await load();
      onChanged();
    }
  };

  const closed = CLOSED.has(auth.status);
  const filed = list?.filed ?? [];

  return (
    <section className="panel package-section" aria-labelledby="package-heading">
      <div className="panel-heading">
        <h2 id="package-heading">Request package</h2>
        <Flash message={flash} />
        {list && !draft && !closed ? (
          <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void build(false)}>
            {busy === 'build' ? 'Building…' : filed.length ? 'Build a new package from the chart' : 'Build the package from the chart'}
          </button>
        ) : null}
      </div>
      <FormAlert message={loadError ?? errors.general} />
      {!list ? <p className="muted">Loading the package…</p> : null}
      {list && !draft && !filed.length ? (
        <p className="muted">
          No package yet. Building one writes the cover sheet and the letter of medical necessity from the chart, and encloses the records the letter
          cites. You can edit it before filing it.
        </p>
      ) : null}

      {draft ? (
        <div className="package-draft" data-testid="package-draft">
          <p className="package-state">
            <span className="badge badge-warning">Draft</span> Last saved {filedWhen(draft.updatedAt)}. Check it, then file it: a filed package cannot be
            changed.
          </p>
          {draft.warnings.length ? (
            <div className="notice notice-warning" role="note" aria-label="Before filing">
              <p>
                <strong>Before filing:</strong>
              </p>
              <ul className="package-warnings">
                {draft.warnings.map((w) => (
                  <li key={w}>{w}</li>
                ))}
              </ul>
            </div>
          ) : null}

          <h3 id="package-letter-heading">Letter of medical necessity</h3>
          {errors.fields.sections ? <p className="field-error">{errors.fields.sections}</p> : null}
          <div className="package-paragraphs" aria-labelledby="package-letter-heading">
            {draft.sections.map((s) => {
              const value = typed[s.key] ?? s.text;
              const id = `package-section-${s.key}`;
              return (
                <div key={s.key} className="field package-paragraph">
                  <div className="field-label">
                    <label htmlFor={id}>{s.heading}</label>
                    {s.edited ? <span className="badge badge-neutral">Typed over</span> : null}
                    {typed[s.key] !== undefined && typed[s.key] !== s.text ? <span className="badge badge-info">Not saved</span> : null}
                  </div>
                  <textarea
                    id={id}
                    value={value}
                    rows={Math.min(14, Math.max(3, value.split('\n').length + Math.ceil(value.length / 110)))}
                    onChange={(e) => setTyped((t) => ({ ...t, [s.key]: e.target.value }))}
                  />
                </div>
              );
            })}
          </div>
          <div className="step-buttons">
            <button type="button" className="button" disabled={busy !== null || dirty.length === 0} onClick={() => void saveLetter(draft)}>
              {busy === 'save' ? 'Saving…' : 'Save the letter'}
            </button>
            {dirty.length ? <span className="field-hint">{dirty.length === 1 ? '1 paragraph' : `${dirty.length} paragraphs`} not saved yet.</span> : null}
          </div>

          <h3 id="package-enclosures-heading">Enclosed records</h3>
          <p className="field-hint">
            The letter cites ticked records as “Enclosure N”. Their own pages follow the letter in this order.{' '}
            <strong>
              {draft.enclosures.filter((e) => e.include).length} enclosed, {pagesWords(draft.enclosedPages)}.
            </strong>
          </p>
          {errors.fields.enclosures ? <p className="field-error">{errors.fields.enclosures}</p> : null}
          {draft.enclosures.length === 0 ? <p className="muted">The chart has no records to enclose.</p> : null}
          <ul className="package-enclosures" aria-labelledby="package-enclosures-heading">
            {draft.enclosures.map((e) => {
              const id = `package-enclose-${e.documentId}`;
              return (
                <li key={e.documentId} className={e.problem && e.include ? 'package-enclosure-bad' : undefined}>
                  <input
                    id={id}
                    type="checkbox"
                    checked={e.include}
                    // A record that cannot go can still be unticked, never ticked.
                    disabled={busy !== null || (!!e.problem && !e.include)}
                    aria-describedby={e.problem ? `${id}-problem` : undefined}
                    onChange={(ev) => void toggle(draft, e.documentId, ev.target.checked)}
                  />
                  <label htmlFor={id}>
                    {e.number ? <strong>Enclosure {e.number}: </strong> : null}
                    {e.title}
                    <span className="muted"> · {e.pages === null ? 'pages unknown' : pagesWords(e.pages)}</span>
                  </label>
                  {e.problem ? (
                    <span id={`${id}-problem`} className="field-hint package-enclosure-problem">
                      {e.problem}
                    </span>
                  ) : null}
                </li>
              );
            })}
          </ul>

          <div className="step-buttons package-actions">
            <button type="button" className="button" disabled={busy !== null} onClick={() => void preview(draft)}>
              {busy === 'preview' ? 'Making the PDF…' : 'Download the draft PDF'}
            </button>
            <button type="button" className="button button-primary" disabled={busy !== null} aria-expanded={confirm === 'finalize'} onClick={() => setConfirm('finalize')}>
              File the package…
            </button>
            <button type="button" className="button button-quiet" disabled={busy !== null} aria-expanded={confirm === 'rebuild'} onClick={() => setConfirm('rebuild')}>
              Write it again from the chart…
            </button>
          </div>
          {confirm === 'finalize' ? (
            <div className="notice package-confirm" role="group" aria-label="File the package">
              <p>
                Filing makes this package final: its PDF is saved in the patient’s documents and can no longer be changed.
                {dirty.length ? ' Your unsaved paragraphs are saved first.' : ''}
              </p>
              <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void finalize(draft)}>
                {busy === 'finalize' ? 'Filing…' : 'File it now'}
              </button>{' '}
              <button type="button" className="button" onClick={() => setConfirm(null)}>
                Keep editing
              </button>
            </div>
          ) : null}
          {confirm === 'rebuild' ? (
            <div className="notice notice-warning package-confirm" role="group" aria-label="Write the package again">
              <p>The letter and the enclosures are written again from the chart as it is now. Paragraphs you typed over are replaced.</p>
              <button type="button" className="button button-danger" disabled={busy !== null} onClick={() => void build(true)}>
                {busy === 'build' ? 'Writing…' : 'Write it again'}
              </button>{' '}
              <button type="button" className="button" onClick={() => setConfirm(null)}>
                Keep my edits
              </button>
            </div>
          ) : null}
        </div>
      ) : null}

      {filed.length ? (
        <>
          <h3 id="package-filed-heading">Filed packages</h3>
          <ul className="package-filed" aria-labelledby="package-filed-heading">
            {filed.map((p) => (
              <li key={p.id}>
                <span className="badge badge-success">Filed</span> {filedWhen(p.finalizedAt)}
                {p.finalizedBy ? ` by ${p.finalizedBy}` : ''} · {p.pages ? pagesWords(p.pages) : ''} · {recordsWords(p.enclosures.filter((e) => e.include).length)} enclosed{' '}
                <button type="button" className="button button-small" disabled={busy !== null} onClick={() => void preview(p)}>
                  Download the filed PDF
                </button>{' '}
                <a href={paths.patient(p.patientId)}>In the patient’s documents</a>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
