/**
 * The ICD-10 picker: type a code ("G90.512", "g90512") or words ("crps left arm", "fibro"),
 * and choose from the clinic's list. Arrow keys move through the results, Enter chooses.
 * A code typed in full may also be saved without choosing: the backend checks it.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { Icd10Entry } from '../../../../src-shared/api/schemas/intake';
import { api } from '../../api/client';
import { FieldMessages, describedBy } from '../../components/Field';
import { errorText } from '../../lib/errors';

const DEBOUNCE_MS = 150;
const LIMIT = 12;

export const entryText = (e: Icd10Entry) => `${e.code} ${e.title}`;

export function Icd10Picker({
  id,
  label,
  text,
  onText,
  picked,
  onPick,
  error,
  hint,
}: {
  id: string;
  label: string;
  text: string;
  onText: (text: string) => void;
  picked: Icd10Entry | null;
  onPick: (entry: Icd10Entry) => void;
  error?: string | undefined;
  hint?: string;
}) {
  const [items, setItems] = useState<Icd10Entry[]>([]);
  const [more, setMore] = useState(false);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const [searchError, setSearchError] = useState<string | null>(null);
  const seq = useRef(0);
  const listId = `${id}-results`;

  // Search as the text changes (not when it is the chosen entry's own text).
  useEffect(() => {
    const q = text.trim();
    if (!q || (picked && text === entryText(picked))) {
      seq.current++;
      setItems([]);
      setMore(false);
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      api
        .call('intake.searchIcd10', { q, limit: LIMIT, includeHeaders: false })
        .then((out) => {
          if (mine !== seq.current) return;
          setItems(out.items);
          setMore(out.more);
          setActive(0);
          setSearchError(null);
        })
        .catch((err: unknown) => {
          if (mine !== seq.current) return;
          setItems([]);
          setSearchError(errorText(err));
        });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [text, picked]);

  const showList = open && text.trim() !== '' && !(picked && text === entryText(picked));

  const choose = (e: Icd10Entry) => {
    onPick(e);
    setOpen(false);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      setOpen(true);
      setActive((a) => Math.min(a + 1, Math.max(items.length - 1, 0)));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, 0));
    } else if (e.key === 'Enter' && showList && items[active]) {
      // Enter chooses the highlighted code instead of saving the form.
      e.preventDefault();
      choose(items[active]);
    } else if (e.key === 'Escape' && showList) {
      e.preventDefault();
      setOpen(false);
    }
  };

  const status = !showList
    ? null
    : searchError
      ? searchError
      : items.length === 0
        ? `No code in the clinic's list matches “${text.trim()}”. Try other words, or the code itself.`
        : null;

  return (
    <div className={`field combo${error ? ' field-has-error' : ''}`}>
      <div className="field-label">
        <label htmlFor={id}>{label}</label>
        <span className="required-mark" aria-hidden="true">
          {' '}
          *
        </span>
      </div>
      <input
        id={id}
        name={id}
        type="text"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList && items.length > 0}
        aria-controls={listId}
        aria-activedescendant={showList && items[active] ? `${listId}-${active}` : undefined}
        aria-invalid={error ? true : undefined}
        aria-required
        aria-describedby={describedBy(id, error, hint)}
        value={text}
        placeholder="Code or words, e.g. G90.512 or crps left arm"
        autoComplete="off"
        spellCheck={false}
        maxLength={100}
        onChange={(e) => {
          onText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={onKeyDown}
      />
      <FieldMessages id={id} error={error} hint={hint} />
      <ul id={listId} role="listbox" aria-label={`${label}: matching codes`} className="combo-list" hidden={!showList || items.length === 0}>
        {showList
          ? items.map((e, i) => (
              <li
                key={e.code}
                id={`${listId}-${i}`}
                role="option"
                aria-selected={i === active}
                className={i === active ? 'is-active' : undefined}
                // mousedown, not click: the input must not lose focus (and close the list) first.
                onMouseDown={(ev) => {
                  ev.preventDefault();
                  choose(e);
                }}
                onMouseEnter={() => setActive(i)}
              >
                <span className="mono combo-code">{e.code}</span> <span>{e.title}</span>
              </li>
            ))
          : null}
      </ul>
      {showList && more && items.length > 0 ? <p className="combo-more muted">More codes match: type more to narrow the list.</p> : null}
      {status ? (
        <p className="field-hint" role="status">
          {status}
        </p>
      ) : null}
    </div>
  );
}
