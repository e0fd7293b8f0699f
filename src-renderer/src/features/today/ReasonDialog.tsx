/**
 * A small modal that asks why (overriding a checklist item, cancelling, marking a no-show)
 * and confirms. The native <dialog> keeps focus inside, closes on Escape and returns focus
 * to the button that opened it.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';

export interface ReasonRequest {
  title: string;
  /** One sentence on what will happen. */
  lead: string;
  label: string;
  confirm: string;
  /** A reason must be given (the backend also insists where it matters). */
  required: boolean;
  /** Shown when a required reason is left empty. */
  missing?: string;
  danger?: boolean;
  onConfirm: (reason: string) => void;
}

export function ReasonDialog({ request, onClose }: { request: ReasonRequest | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (request && !d.open) {
      setReason('');
      setError(null);
      d.showModal();
    } else if (!request && d.open) {
      d.close();
    }
  }, [request]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const text = reason.trim();
    if (request?.required && !text) {
      setError(request.missing ?? 'Say why.');
      return;
    }
    if (text.length > 500) {
      setError('Keep the reason to 500 characters or fewer.');
      return;
    }
    request?.onConfirm(text);
    onClose();
  };

  return (
    <dialog ref={ref} className="today-reason-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-lead`} onClose={onClose}>
      {request ? (
        <form onSubmit={submit} noValidate>
          <h2 id={`${id}-title`}>{request.title}</h2>
          <p id={`${id}-lead`}>{request.lead}</p>
          <div className="field">
            <div className="field-label">
              <label htmlFor={`${id}-reason`}>
                {request.label}
                {request.required ? null : <span className="muted"> (optional)</span>}
              </label>
            </div>
            <textarea
              id={`${id}-reason`}
              rows={3}
              maxLength={500}
              value={reason}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => {
                setReason(e.target.value);
                setError(null);
              }}
              autoFocus
            />
            {error ? (
              <p className="field-error" id={`${id}-error`}>
                {error}
              </p>
            ) : null}
          </div>
          <div className="form-actions">
            <button type="submit" className={`button ${request.danger ? 'button-danger' : 'button-primary'}`}>
              {request.confirm}
            </button>
            <button type="button" className="button button-quiet" onClick={onClose}>
              Go back
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
