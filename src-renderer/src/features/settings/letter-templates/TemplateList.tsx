/**
 * Settings › Letter templates: one entry per letter with its state, "Built-in template" or
 * "Clinic’s own · saved <date> by <name>", and the button that opens its wording.
 */
import { FormAlert } from '../../../components/Field';
import { useCan } from '../../auth/store';
import { useClinicTimeZone } from '../../clinic/store';
import { useLetterTemplatesStore } from './store';
import { KIND_NAMES, KIND_PURPOSE, templateStateWords } from './words';
import type { LetterTemplateView } from '../../../../../src-shared/api/schemas/letter-templates';

export function TemplateList({ onOpen }: { onOpen: (kind: LetterTemplateView['kind']) => void }) {
  const list = useLetterTemplatesStore((s) => s.list);
  const status = useLetterTemplatesStore((s) => s.status);
  const error = useLetterTemplatesStore((s) => s.error);
  const reload = useLetterTemplatesStore((s) => s.reload);
  const canEdit = useCan('settings.write');
  const zone = useClinicTimeZone();

  return (
    <section className="panel" aria-labelledby="letter-templates-heading">
      <div className="panel-heading">
        <h2 id="letter-templates-heading">Letter templates</h2>
      </div>
      <p className="field-hint">
        The wording new letters start from when a request is denied. The built-in wording is a starting point: the clinic can put it in its own words. A
        letter already drafted keeps its text when a template changes.
      </p>
      {status === 'error' ? (
        <FormAlert message={`The letter templates could not be loaded. ${error ?? ''}`}>
          <button type="button" className="button" onClick={() => void reload()}>
            Try again
          </button>
        </FormAlert>
      ) : null}
      {!list ? (
        status === 'error' ? null : <p className="muted">Loading the letter templates…</p>
      ) : (
        <ul className="letter-template-list">
          {list.map((t) => (
            <li key={t.kind} className="letter-template-entry" data-testid="letter-template">
              <div className="letter-template-entry-text">
                <h3 className="letter-template-name">{KIND_NAMES[t.kind]}</h3>
                <p className="letter-template-purpose">{KIND_PURPOSE[t.kind]}</p>
                <span className={`badge ${t.source === 'clinic' ? 'badge-info' : 'badge-neutral'} letter-template-state`}>{templateStateWords(t, zone)}</span>
                {t.unreadable ? (
                  <p className="letter-template-warning">The clinic’s saved wording no longer reads (an older version of the app saved it): new letters use the built-in wording.</p>
                ) : null}
              </div>
              <button type="button" className="button button-small" onClick={() => onOpen(t.kind)}>
                {canEdit ? 'Edit wording' : 'Read wording'}
                <span className="visually-hidden"> of the {KIND_NAMES[t.kind].toLowerCase()}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
