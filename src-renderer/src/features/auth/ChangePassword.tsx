/**
 * Changing one's own password: at the first sign-in after an administrator set it (a new
 * account or a reset), before anything else; and any time from the header's menu.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { PASSWORD_MIN } from '../../../../src-shared/api/methods/auth';
import { api } from '../../api/client';
import { FormAlert, TextField } from '../../components/Field';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';

/** The API's field names and the inputs they belong to. */
const FIELD_INPUT = { currentPassword: 'current', newPassword: 'new', confirm: 'confirm' } as const;
const FIELDS = Object.keys(FIELD_INPUT) as (keyof typeof FIELD_INPUT)[];

export function ChangePasswordForm({
  idPrefix,
  currentLabel,
  submitLabel,
  onDone,
  children,
}: {
  idPrefix: string;
  currentLabel: string;
  submitLabel: string;
  onDone: () => void;
  /** Extra buttons beside the submit (Cancel, Sign out). */
  children?: ReactNode;
}) {
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const id = (f: string) => `${idPrefix}-${f}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (newPassword !== confirm) {
      setErrors({ general: null, fields: { confirm: 'The two new passwords are not the same.' } });
      document.getElementById(id(FIELD_INPUT.confirm))?.focus();
      return;
    }
    setBusy(true);
    try {
      await api.call('auth.changePassword', { currentPassword, newPassword });
      setErrors(noErrors);
      onDone();
    } catch (err) {
      const mapped = toFormErrors(err, { known: (f) => (FIELDS as readonly string[]).includes(f) });
      setErrors(mapped);
      const first = FIELDS.find((f) => mapped.fields[f]);
      if (first) document.getElementById(id(FIELD_INPUT[first]))?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Change password">
      <FormAlert message={errors.general} />
      <TextField
        id={id('current')}
        label={currentLabel}
        type="password"
        value={currentPassword}
        onChange={setCurrent}
        autoComplete="current-password"
        autoFocus
        required
        error={errors.fields.currentPassword}
      />
      <TextField
        id={id('new')}
        label="New password"
        type="password"
        value={newPassword}
        onChange={setNew}
        autoComplete="new-password"
        required
        hint={`At least ${PASSWORD_MIN} characters, not containing your user name. A short sentence is easy to remember and hard to guess.`}
        error={errors.fields.newPassword}
      />
      <TextField
        id={id('confirm')}
        label="New password again"
        type="password"
        value={confirm}
        onChange={setConfirm}
        autoComplete="new-password"
        required
        error={errors.fields.confirm}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}
