/**
 * The letters a denial calls for, on the request page: the peer-to-peer request, the patient's
 * appeal letter (for the patient to sign) and the provider's appeal letter. Written by the backend
 * from the clinic's templates and the chart (authorizations.letters.*): a letter missing what it
 * needs is refused naming every field, and nothing is saved. A draft is edited section by
 * section, previewed as a PDF or copied as plain text to paste into a payer's portal, then
 * finalized: filed as a document that never changes, and the step (peer-to-peer asked for,
 * appeal filed on the date it was actually filed) recorded in the history.
 */
import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import type { AuthorizationDetail } from '../../../../src-shared/api/schemas/authorization-request';
import type { AuthorizationLetter } from '../../../../src-shared/api/schemas/authorization-letters';
import type { AuthStatus } from '../../../../src-shared/api/schemas/series';
import { LETTER_KIND_WORDS, type LetterKind } from '../../../../src-shared/domain/authorizations/letters';
import { formatCalendarDate, todayInZone } from '../../../../src-shared/domain/dates';
import { api } from '../../api/client';
import { CheckboxField, FormAlert, TextAreaField, TextField } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { errorText, noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { readTypedDate } from '../../lib/typed-date';
import { dualTime } from '../../lib/zoned-time';
import { useClinicTimeZone } from '../clinic/store';
import { downloadBase64 } from '../documents/download';
import './letters-pas-due.css';

/** Statuses after which the payer's decision can be answered with a letter (a denial, in whole or part). */
const ANSWERABLE: readonly AuthStatus[] = ['denied', 'partially_approved', 'p2p_requested', 'p2p_scheduled', 'p2p_done', 'appealed', 'external_review'];

const WRITE_VERBS: Record<LetterKind, string> = {
  p2p_request: 'Write peer-to-peer request',
  patient_appeal: 'Write patient appeal letter',
  provider_appeal: 'Write provider appeal letter',
};

/** What finalizing records in the history, in the desk's words. */
const STEP_WORDS: Record<LetterKind, string> = {
  p2p_request: 'Record “Peer-to-peer asked for” in the history',
  patient_appeal: 'Record the appeal as filed in the history',
  provider_appeal: 'Record the appeal as filed in the history',
};

export function LettersSection({ auth, onChanged }: { auth: AuthorizationDetail; onChanged: () => void }) {
  const [letters, setLetters] = useState<AuthorizationLetter[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [writing, setWriting] = useState<LetterKind | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [flash, showFlash] = useFlash();

  const load = useCallback(async () => {
    try {
      setLetters(await api.call('authorizations.letters.list', { authorizationId: auth.id }));
      setError(null);
    } catch (err) {
      setError(errorText(err));
    }
  }, [auth.id]);

  // Read again when the authorization changes (a step recorded since can add a warning to a draft).
  useEffect(() => {
    void load();
  }, [load, auth.version]);

  const answerable = ANSWERABLE.includes(auth.status);
  const changed = (message: string, statusNote?: string | null) => {
    showFlash(message);
    setNote(statusNote ?? null);
    void load();
    onChanged();
  };

  return (
    <section className="panel letters-section" aria-labelledby="letters-heading">
      <div className="panel-heading">
        <h2 id="letters-heading">Letters</h2>
        <Flash message={flash} />
      </div>
      {answerable ? (
        <div className="step-buttons" role="group" aria-label="Write a letter">
          {(Object.keys(WRITE_VERBS) as LetterKind[]).map((k) => (
            <button key={k} type="button" className="button" aria-pressed={writing === k} onClick={() => setWriting(writing === k ? null : k)}>
              {WRITE_VERBS[k]}
            </button>
          ))}
        </div>
      ) : letters && letters.length > 0 ? null : (
        <p className="muted">
          Letters are written once the payer denies or partly approves the request: a peer-to-peer request, the patient’s appeal letter and the provider’s appeal
          letter.
        </p>
      )}
      {writing ? (
        <WriteLetterForm
          key={writing}
          auth={auth}
          kind={writing}
          onDone={(letter) => {
            setWriting(null);
            if (letter) changed(`${LETTER_KIND_WORDS[letter.kind]} drafted: read it, edit it, then finalize it`);
          }}
        />
      ) : null}
      {note ? (
        <p className="letter-status-note" role="note">
          {note}
        </p>
      ) : null}
      {error ? <FormAlert message={`The letters could not be read. ${error}`} /> : null}
      {letters === null && !error ? <p className="muted">Loading the letters…</p> : null}
      {letters && letters.length > 0 ? (
        <ul className="letter-list">
          {letters.map((l) => (
            <li key={l.id}>
              <LetterCard letter={l} onChanged={changed} />
            </li>
          ))}
        </ul>
      ) : null}
      {letters && letters.length === 0 && answerable ? <p className="muted">No letters written for this request yet.</p> : null}
    </section>
  );
}

/** The few facts a letter asks for that the chart does not hold: call windows, credentials, a call-back number. */
function WriteLetterForm({ auth, kind, onDone }: { auth: AuthorizationDetail; kind: LetterKind; onDone: (letter: AuthorizationLetter | null) => void }) {
  const [windows, setWindows] = useState(['', '', '']);
  const [credentials, setCredentials] = useState('');
  const [phone, setPhone] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const base = `letter-new-${kind}`;
  const alertRef = useRef<HTMLDivElement>(null);
  const asksCall = kind === 'p2p_request';
  const signs = kind !== 'patient_appeal';

  useEffect(() => {
    (document.getElementById(asksCall ? `${base}-window-0` : `${base}-submit`) ?? document.getElementById(`${base}-credentials`))?.focus();
    // Once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    setSaving(true);
    try {
      const letter = await api.call('authorizations.letters.draft', {
        authorizationId: auth.id,
        kind,
        ...(asksCall ? { callWindows: windows.map((w) => w.trim()).filter(Boolean), physicianPhone: phone.trim() || null } : {}),
        ...(signs ? { physicianCredentials: credentials.trim() || null } : {}),
      });
      setErrors(noErrors);
      onDone(letter);
    } catch (err) {
      // callWindows.1 → the call windows; fields this form does not show (member ID, denial date...) go to the top.
      const mapped = toFormErrors(err, { known: (f) => ['callWindows', 'physicianCredentials', 'physicianPhone'].includes(f.split('.')[0]!) });
      const fields: Record<string, string> = {};
      for (const [f, m] of Object.entries(mapped.fields)) fields[f.split('.')[0]!] ??= m;
      setErrors({ general: mapped.general, fields });
      const first = ['callWindows', 'physicianCredentials', 'physicianPhone'].find((f) => fields[f]);
      if (mapped.general || !first) alertRef.current?.focus();
      else document.getElementById(first === 'callWindows' ? `${base}-window-0` : first === 'physicianPhone' ? `${base}-phone` : `${base}-credentials`)?.focus();
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form subform letter-form" noValidate onSubmit={onSubmit} aria-labelledby={`${base}-heading`}>
      <h3 id={`${base}-heading`}>{WRITE_VERBS[kind]}</h3>
      <p className="field-hint">
        {kind === 'p2p_request'
          ? 'Written from the request and the denial. The payer’s reviewer calls the treating physician in one of the windows below.'
          : kind === 'patient_appeal'
            ? 'Written for the patient to sign: the denial, the plan’s appeal rights and the deadlines.'
            : 'Answers the denial criterion by criterion from the chart, each fact citing the record and page it rests on.'}
        {auth.orderingProviderName ? ` Physician: ${auth.orderingProviderName}.` : ''}
      </p>
      <div ref={alertRef} tabIndex={-1}>
        <FormAlert message={errors.general} />
      </div>
      {asksCall ? (
        <fieldset className="request-step">
          <legend>When the physician can take the call (at least two)</legend>
          <div className="field-row field-row-wrap">
            {windows.map((w, i) => (
              <TextField
                key={i}
                id={`${base}-window-${i}`}
                label={`Call window ${i + 1}`}
                value={w}
                onChange={(value) => setWindows((p) => p.map((x, j) => (j === i ? value : x)))}
                error={i === 0 ? errors.fields.callWindows : undefined}
                placeholder="Mon 12/07 8:00–10:00 AM"
                maxLength={120}
                autoComplete="off"
              />
            ))}
          </div>
        </fieldset>
      ) : null}
      <div className="field-row field-row-wrap">
        {signs ? (
          <TextField
            id={`${base}-credentials`}
            label="Physician’s credentials"
            value={credentials}
            onChange={setCredentials}
            error={errors.fields.physicianCredentials}
            hint="MD, DO… when the staff name does not end with them."
            maxLength={40}
            autoComplete="off"
          />
        ) : null}
        {asksCall ? (
          <TextField
            id={`${base}-phone`}
            label="Call-back number"
            value={phone}
            onChange={setPhone}
            error={errors.fields.physicianPhone}
            maxLength={40}
            inputMode="tel"
            autoComplete="off"
          />
        ) : null}
      </div>
      <div className="button-row">
        <button id={`${base}-submit`} type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Writing…' : 'Write the draft'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

type Mode = 'view' | 'edit' | 'finalize';

function LetterCard({ letter, onChanged }: { letter: AuthorizationLetter; onChanged: (message: string, statusNote?: string | null) => void }) {
  const zone = useClinicTimeZone();
  const [mode, setMode] = useState<Mode>('view');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [copyText, setCopyText] = useState<string | null>(null);
  const [flash, showFlash] = useFlash();
  const draft = letter.state === 'draft';
  const headingId = `letter-${letter.id}-heading`;
  const filed = letter.finalizedAt ? dualTime(letter.finalizedAt, zone, { withDate: true }).clinic : null;

  const run = async (what: () => Promise<void>) => {
    if (busy) return;
    setBusy(true);
    setProblem(null);
    try {
      await what();
    } catch (err) {
      setProblem(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const pdf = () =>
    run(async () => {
      const file = await api.call('authorizations.letters.pdf', { id: letter.id });
      downloadBase64(file.base64, file.fileName, file.mimeType);
      showFlash(draft ? 'PDF preview downloaded' : 'Filed PDF downloaded');
    });
  const copy = () =>
    run(async () => {
      const { text } = await api.call('authorizations.letters.text', { id: letter.id });
      try {
        await navigator.clipboard.writeText(text);
        setCopyText(null);
        showFlash('Copied: paste it into the payer’s portal');
      } catch {
        // No clipboard here (permission, an older browser): show the text selected, for Ctrl+C.
        setCopyText(text);
      }
    });

  return (
    <article className={`letter-card letter-${letter.state}`} aria-labelledby={headingId} data-testid="letter">
      <header className="letter-card-head">
        <h3 id={headingId}>{letter.title || LETTER_KIND_WORDS[letter.kind]}</h3>
        <span className="letter-kind">{LETTER_KIND_WORDS[letter.kind]}</span>
        {draft ? (
          <span className="badge badge-warning">Draft</span>
        ) : (
          <span className="badge badge-success">
            Final · filed {filed}
            {letter.finalizedBy ? ` by ${letter.finalizedBy}` : ''}
          </span>
        )}
        <Flash message={flash} />
      </header>
      {letter.warnings.length ? (
        <ul className="letter-warnings" aria-label="Read before sending">
          {letter.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
      {mode === 'edit' ? (
        <LetterEditor
          letter={letter}
          onDone={(saved) => {
            setMode('view');
            if (saved) onChanged('Letter saved');
          }}
        />
      ) : mode === 'finalize' ? (
        <FinalizeForm
          letter={letter}
          onDone={(result) => {
            setMode('view');
            if (result) onChanged(`${LETTER_KIND_WORDS[letter.kind]} filed as a document`, result.statusNote);
          }}
        />
      ) : (
        <>
          <LetterText letter={letter} />
          <div className="button-row" role="group" aria-label={`${LETTER_KIND_WORDS[letter.kind]} actions`}>
            {draft ? (
              <button type="button" className="button" onClick={() => setMode('edit')}>
                Edit text
              </button>
            ) : null}
            <button type="button" className="button" onClick={() => void pdf()} disabled={busy}>
              {draft ? 'Preview PDF' : 'Download filed PDF'}
            </button>
            <button type="button" className="button" onClick={() => void copy()} disabled={busy}>
              Copy as plain text
            </button>
            {draft ? (
              <button type="button" className="button button-primary" onClick={() => setMode('finalize')}>
                Finalize and file…
              </button>
            ) : null}
          </div>
        </>
      )}
      {problem ? <FormAlert message={problem} /> : null}
      {copyText !== null ? (
        <div className="letter-copy">
          <p>Copying is not allowed here: the text is selected below. Press Ctrl+C (⌘C on a Mac) to copy it.</p>
          <textarea aria-label="The letter as plain text" readOnly rows={10} value={copyText} ref={(el) => el?.select()} />
        </div>
      ) : null}
    </article>
  );
}

/** The letter as it reads: each section's heading and text, lines kept. */
function LetterText({ letter }: { letter: AuthorizationLetter }) {
  return (
    <details className="letter-text">
      <summary>Read the letter ({letter.sections.length} sections)</summary>
      {letter.sections.map((s) => (
        <div key={s.key} className="letter-text-section">
          {s.heading ? <h4>{s.heading}</h4> : null}
          <p className="preserve-lines">{s.text}</p>
        </div>
      ))}
    </details>
  );
}

function LetterEditor({ letter, onDone }: { letter: AuthorizationLetter; onDone: (saved: AuthorizationLetter | null) => void }) {
  const [title, setTitle] = useState(letter.title);
  const [texts, setTexts] = useState<Record<string, string>>(() => Object.fromEntries(letter.sections.map((s) => [s.key, s.text])));
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const base = `letter-${letter.id}-edit`;

  useEffect(() => {
    document.getElementById(`${base}-title`)?.focus();
    // Once, when the editor opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    const edited = letter.sections.filter((s) => texts[s.key] !== s.text).map((s) => ({ key: s.key, text: texts[s.key] ?? '' }));
    setSaving(true);
    try {
      const saved = await api.call('authorizations.letters.update', {
        id: letter.id,
        expectedVersion: letter.version,
        ...(title !== letter.title ? { title } : {}),
        sections: edited,
      });
      setErrors(noErrors);
      onDone(saved);
    } catch (err) {
      // sections.2.text is the third section sent: shown beside that section's box.
      const mapped = toFormErrors(err);
      const fields: Record<string, string> = {};
      const stray: string[] = [];
      for (const [f, m] of Object.entries(mapped.fields)) {
        const i = /^sections\.(\d+)/.exec(f);
        const key = f === 'title' ? 'title' : i ? edited[Number(i[1])]?.key : undefined;
        if (key) fields[key] ??= m;
        else stray.push(m);
      }
      setErrors({ general: mapped.general ?? (stray.length ? stray.join(' ') : null), fields });
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form subform letter-editor" noValidate onSubmit={onSubmit} aria-label={`Edit ${LETTER_KIND_WORDS[letter.kind]}`}>
      <FormAlert message={errors.general} />
      <TextField id={`${base}-title`} label="Title" value={title} onChange={setTitle} error={errors.fields.title} maxLength={200} autoComplete="off" />
      {letter.sections.map((s) => {
        const text = texts[s.key] ?? '';
        return (
          <TextAreaField
            key={s.key}
            id={`${base}-${s.key}`}
            label={s.heading || `Section: ${s.key}`}
            value={text}
            onChange={(value) => setTexts((p) => ({ ...p, [s.key]: value }))}
            error={errors.fields[s.key]}
            rows={Math.min(14, Math.max(3, text.split('\n').length + 1))}
            maxLength={20_000}
          />
        );
      })}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Saving…' : 'Save letter'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** Finalize: the letter is filed as a PDF document and never changes; an appeal asks when it was actually filed. */
function FinalizeForm({
  letter,
  onDone,
}: {
  letter: AuthorizationLetter;
  onDone: (result: { statusNote: string | null } | null) => void;
}) {
  const zone = useClinicTimeZone();
  const appeal = letter.kind !== 'p2p_request';
  const [filedOn, setFiledOn] = useState(() => formatCalendarDate(todayInZone(zone)));
  const [record, setRecord] = useState(true);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [saving, setSaving] = useState(false);
  const base = `letter-${letter.id}-final`;

  useEffect(() => {
    document.getElementById(appeal ? `${base}-filed` : `${base}-record`)?.focus();
    // Once, when the form opens.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    if (saving) return;
    let date: string | null = null;
    if (appeal && record) {
      const r = readTypedDate(filedOn, 'date the appeal was filed', true);
      if (!r.ok) return setErrors({ general: null, fields: { filedOn: r.message } });
      date = r.value;
    }
    setSaving(true);
    try {
      const out = await api.call('authorizations.letters.finalize', {
        id: letter.id,
        expectedVersion: letter.version,
        recordStatus: record,
        ...(date ? { filedOn: date } : {}),
      });
      setErrors(noErrors);
      onDone({ statusNote: out.statusNote });
    } catch (err) {
      setErrors(toFormErrors(err, { known: (f) => f === 'filedOn' }));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form subform letter-finalize" noValidate onSubmit={onSubmit} aria-labelledby={`${base}-heading`}>
      <h4 id={`${base}-heading`}>Finalize and file: the PDF is filed in the chart’s documents and the letter can no longer be changed.</h4>
      <FormAlert message={errors.general} />
      <CheckboxField id={`${base}-record`} label={STEP_WORDS[letter.kind]} checked={record} onChange={setRecord} />
      {appeal && record ? (
        <TextField
          id={`${base}-filed`}
          label={letter.kind === 'patient_appeal' ? 'Date the patient filed the appeal' : 'Date the appeal was filed'}
          value={filedOn}
          onChange={setFiledOn}
          error={errors.fields.filedOn}
          hint={
            letter.kind === 'patient_appeal'
              ? 'The day it was actually sent to the plan. Not sent yet? Untick the box, and record “Record appeal filed” under Next step once it is.'
              : 'The day it was actually sent to the plan.'
          }
          placeholder="MM/DD/YYYY"
          inputMode="numeric"
          maxLength={10}
          className="field-date"
          autoComplete="off"
          required
        />
      ) : null}
      <div className="button-row">
        <button type="submit" className="button button-primary" disabled={saving}>
          {saving ? 'Filing…' : 'Finalize and file as a document'}
        </button>
        <button type="button" className="button button-quiet" onClick={() => onDone(null)}>
          Cancel
        </button>
      </div>
    </form>
  );
}
