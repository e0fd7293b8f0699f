/**
 * The header's user menu: who is signed in at this window (name and role in words), and Lock
 * screen, Switch user, Change password, Sign out. A disclosure (a button that shows a short
 * list of buttons), closed by Escape, a press outside it, or choosing an item.
 */
import { useEffect, useId, useRef, useState } from 'react';
import { ROLE_WORDS } from '../../../../src-shared/api/permissions';
import { ChangePasswordForm } from './ChangePassword';
import { useAuthStore } from './store';
import './auth.css';

export function UserMenu() {
  const signedIn = useAuthStore((s) => s.status?.signedIn ?? null);
  const lock = useAuthStore((s) => s.lock);
  const switchUser = useAuthStore((s) => s.switchUser);
  const signOut = useAuthStore((s) => s.signOut);
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (rootRef.current && !rootRef.current.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        buttonRef.current?.focus();
      }
    };
    document.addEventListener('pointerdown', onPointer);
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('pointerdown', onPointer);
      document.removeEventListener('keydown', onKey);
    };
  }, [open]);

  if (!signedIn) return null;
  const { user } = signedIn;
  const role = ROLE_WORDS[user.role].name;
  const choose = (action: () => void) => () => {
    setOpen(false);
    action();
  };

  return (
    <div className="user-menu" ref={rootRef}>
      <button
        ref={buttonRef}
        type="button"
        className="user-menu-button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={`${user.displayName}, ${role}: account menu`}
        onClick={() => setOpen((o) => !o)}
      >
        <span className="user-menu-text">
          <span className="user-menu-name">{user.displayName}</span>
          <span className="user-menu-role">{role}</span>
        </span>
        <span className="user-menu-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      <div id={panelId} className="user-menu-panel" hidden={!open}>
        <p className="user-menu-who">
          Signed in as <strong>{user.displayName}</strong>
          <br />
          <span className="muted">
            {user.username} · {role}
          </span>
        </p>
        <ul>
          <li>
            <button type="button" onClick={choose(() => void lock())}>
              Lock screen
              <span className="user-menu-hint">Your work stays as it is; your password opens it again.</span>
            </button>
          </li>
          <li>
            <button type="button" onClick={choose(() => void switchUser())}>
              Switch user
              <span className="user-menu-hint">Someone else signs in at this computer.</span>
            </button>
          </li>
          <li>
            <button type="button" onClick={choose(() => setChanging(true))}>
              Change password
            </button>
          </li>
          <li>
            <button type="button" onClick={choose(() => void signOut())}>
              Sign out
            </button>
          </li>
        </ul>
      </div>
      <ChangePasswordDialog
        open={changing}
        onClose={() => {
          setChanging(false);
          buttonRef.current?.focus();
        }}
      />
    </div>
  );
}

/** The dialog stays open after a change to say so; Close (or Escape) returns to the app. */
function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [changed, setChanged] = useState(false);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    else if (!open && d.open) d.close();
  }, [open]);
  const close = () => {
    setChanged(false);
    onClose();
  };
  return (
    <dialog ref={ref} className="auth-dialog" aria-labelledby="change-password-title" onClose={close}>
      {!open ? null : changed ? (
        <>
          <h2 id="change-password-title">Password changed</h2>
          <p role="status">Your password is changed. Use the new one from now on, on every computer of the clinic.</p>
          <div className="form-actions">
            <button type="button" className="button button-primary" onClick={close} autoFocus>
              Close
            </button>
          </div>
        </>
      ) : (
        <>
          <h2 id="change-password-title">Change your password</h2>
          <ChangePasswordForm idPrefix="change-password" currentLabel="Current password" submitLabel="Change password" onDone={() => setChanged(true)}>
            <button type="button" className="button button-quiet" onClick={close}>
              Cancel
            </button>
          </ChangePasswordForm>
        </>
      )}
    </dialog>
  );
}
