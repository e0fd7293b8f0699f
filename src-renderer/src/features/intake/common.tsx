/** Pieces every intake section shares: the section frame, dates as typed, removing a row. */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { IntakeSection } from '../../../../src-shared/api/schemas/intake';
import { formatCalendarDate } from '../../../../src-shared/domain/dates';
import { TextField } from '../../components/Field';
import { errorText } from '../../lib/errors';
import { useIntakeStore } from './store';

export const sectionId = (section: IntakeSection) => `intake-${section}`;

/** Upper-case the first letter: the backend's sentences start in lower case ("clinical criteria met: ..."). */
export function sentence(text: string): string {
  return text ? text[0]!.toUpperCase() + text.slice(1) : text;
}

export function labelOf(list: readonly { id: string; label: string }[] | undefined, id: string): string {
  return list?.find((x) => x.id === id)?.label ?? id;
}

/** `2024-03-07` → `03/07/2024`; blank stays blank. */
export function showDate(iso: string | null | undefined): string {
  return iso ? formatCalendarDate(iso) : '';
}

export { readTypedDate, type DateReading } from '../../lib/typed-date';

export function DateField(props: {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string | undefined;
  hint?: ReactNode;
  required?: boolean;
}) {
  return (
    <TextField
      {...props}
      placeholder="MM/DD/YYYY"
      inputMode="numeric"
      autoComplete="off"
      maxLength={10}
      className="field-date"
    />
  );
}

/**
 * When the completeness panel points at this section: run `open` (show the form), then
 * scroll the section into view and put the cursor in `firstFieldId`.
 */
export function useSectionFocus(section: IntakeSection, firstFieldId: string, open?: () => void): void {
  const request = useIntakeStore((s) => s.focusRequest);
  // Requests made before this section was on screen are not for it.
  const seen = useRef(request?.seq ?? 0);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    if (!request || request.seq === seen.current) return;
    seen.current = request.seq;
    if (request.section !== section) return;
    open?.();
    setTick((t) => t + 1);
  }, [request, section, open]);
  useEffect(() => {
    if (!tick) return;
    const frame = document.getElementById(sectionId(section));
    frame?.scrollIntoView({ block: 'start' });
    const field = document.getElementById(firstFieldId) ?? frame?.querySelector<HTMLElement>('h2');
    field?.focus({ preventScroll: true });
  }, [tick, section, firstFieldId]);
}

/** The frame of one intake section: a panel with its heading, found by the completeness links. */
export function SectionFrame({
  section,
  title,
  lead,
  flash,
  children,
}: {
  section: IntakeSection;
  title: string;
  lead?: ReactNode;
  flash?: ReactNode;
  children: ReactNode;
}) {
  const headingId = `${sectionId(section)}-heading`;
  return (
    <section className="panel intake-section" id={sectionId(section)} aria-labelledby={headingId}>
      <div className="panel-heading">
        <h2 id={headingId} tabIndex={-1}>
          {title}
        </h2>
        {flash}
      </div>
      {lead ? <p className="field-hint section-lead">{lead}</p> : null}
      {children}
    </section>
  );
}

/** "Remove" with a second step, as in the coverage list. */
export function RemoveAction({ what, onRemove }: { what: string; onRemove: () => Promise<void> }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    try {
      await onRemove();
    } catch (err) {
      setError(errorText(err));
      setConfirming(false);
    } finally {
      setBusy(false);
    }
  };
  return (
    <span className="remove-action">
      {confirming ? (
        <>
          <button type="button" className="button button-danger button-small" disabled={busy} onClick={() => void remove()}>
            Yes, remove<span className="visually-hidden"> {what}</span>
          </button>{' '}
          <button type="button" className="button button-quiet button-small" onClick={() => setConfirming(false)}>
            Keep
          </button>
        </>
      ) : (
        <button type="button" className="button button-quiet button-small" onClick={() => setConfirming(true)} aria-label={`Remove ${what}`}>
          Remove
        </button>
      )}
      {error ? (
        <span className="error-text" role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </span>
  );
}

export function Badge({ tone, children }: { tone: 'success' | 'warning' | 'danger' | 'neutral' | 'info'; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** Put the cursor in the first input (in screen order) that has an error. */
export function focusFirst(ids: string[], fields: Record<string, string>, idOf: (field: string) => string): void {
  const first = ids.find((f) => fields[f]);
  if (first) document.getElementById(idOf(first))?.focus();
}
