/**
 * Asks before something that cannot be taken back from here (disconnecting this computer,
 * revoking another). The native <dialog> keeps focus inside, closes on Escape and returns
 * focus to the button that opened it.
 */
import { useEffect, useId, useRef } from 'react';

export interface ConfirmRequest {
  title: string;
  /** What will happen, in one or two sentences. */
  lead: string;
  confirm: string;
  danger?: boolean;
  onConfirm: () => void;
}

export function ConfirmDialog({ request, onClose }: { request: ConfirmRequest | null; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const id = useId();

  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (request && !d.open) d.showModal();
    else if (!request && d.open) d.close();
  }, [request]);

  return (
    <dialog ref={ref} className="sync-confirm-dialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-lead`} onClose={onClose}>
      {request ? (
        <form
          method="dialog"
          onSubmit={(e) => {
            e.preventDefault();
            request.onConfirm();
            onClose();
          }}
        >
          <h2 id={`${id}-title`}>{request.title}</h2>
          <p id={`${id}-lead`}>{request.lead}</p>
          <div className="form-actions">
            <button type="submit" className={`button ${request.danger ? 'button-danger' : 'button-primary'}`}>
              {request.confirm}
            </button>
            <button type="button" className="button button-quiet" onClick={onClose} autoFocus>
              Go back
            </button>
          </div>
        </form>
      ) : null}
    </dialog>
  );
}
