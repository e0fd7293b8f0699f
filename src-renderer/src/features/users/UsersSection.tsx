/**
 * The clinic's users: each with their name, user name, role in words and state; change a role,
 * set a new first password, switch someone off or on again; and add a user. The backend's
 * refusals (the last administrator, a taken user name, your own account) are shown in its
 * words beside what they are about.
 */
import { Fragment, useCallback, useEffect, useState, type FormEvent } from 'react';
import { PASSWORD_MIN } from '../../../../src-shared/api/methods/auth';
import { ROLE_WORDS, USER_ROLES, type UserRole } from '../../../../src-shared/api/permissions';
import { api } from '../../api/client';
import { FormAlert, SelectField, TextField } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { errorText, noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useAuthStore } from '../auth/store';
import { ConfirmDialog, type ConfirmRequest } from '../sync/ConfirmDialog';
import { userBadges, type UserRow } from './users-model';

const ROLE_OPTIONS = USER_ROLES.map((r) => ({ value: r, label: ROLE_WORDS[r].name }));
const FIRST_PASSWORD_HINT = `They sign in with it once, then choose their own. At least ${PASSWORD_MIN} characters, not containing the user name. Tell it to them in person.`;

type Editing = { id: string; what: 'role' | 'password' } | null;

export function UsersSection() {
  const me = useAuthStore((s) => s.status?.signedIn?.user.id ?? null);
  const [users, setUsers] = useState<UserRow[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Editing>(null);
  const [rowError, setRowError] = useState<{ id: string; message: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [flash, showFlash] = useFlash(6000);

  const load = useCallback(async () => {
    try {
      setUsers(await api.call('users.list', { includeDisabled: true }));
      setLoadError(null);
    } catch (err) {
      setLoadError(errorText(err));
    }
  }, []);

  useEffect(() => {
    void load();
    return api.subscribe('users.changed', () => void load());
  }, [load]);

  const setDisabled = async (u: UserRow, disabled: boolean) => {
    setBusy(u.id);
    setRowError(null);
    try {
      await api.call('users.update', { id: u.id, disabled, expectedVersion: u.version });
      showFlash(disabled ? `${u.displayName} is switched off` : `${u.displayName} can sign in again`);
      await load();
    } catch (err) {
      setRowError({ id: u.id, message: errorText(err) });
    } finally {
      setBusy(null);
    }
  };

  const done = (message: string) => {
    setEditing(null);
    showFlash(message);
    void load();
  };

  return (
    <section className="panel users-panel" aria-labelledby="users-heading" id="users">
      <div className="panel-heading">
        <h2 id="users-heading">Users</h2>
        <Flash message={flash} />
      </div>
      {loadError ? (
        <FormAlert message={`The users could not be listed. ${loadError}`}>
          <button type="button" className="button" onClick={() => void load()}>
            Try again
          </button>
        </FormAlert>
      ) : null}
      {!users ? (
        loadError ? null : <p className="muted">Loading the clinic’s users…</p>
      ) : (
        <table className="data-table users-table">
          <thead>
            <tr>
              <th scope="col">Name and user name</th>
              <th scope="col">Role</th>
              <th scope="col">State</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <Fragment key={u.id}>
                <tr className={u.disabled ? 'inactive-row' : undefined} aria-label={u.displayName}>
                  <th scope="row">
                    <span className="users-name">{u.displayName}</span>
                    {u.id === me ? <span className="badge badge-info users-you">You</span> : null}
                    <span className="users-username">{u.username ?? 'no user name yet'}</span>
                  </th>
                  <td>{ROLE_WORDS[u.role].name}</td>
                  <td>
                    <span className="users-badges">
                      {userBadges(u).map((b) => (
                        <span key={b.text} className={`badge badge-${b.tone}`}>
                          {b.text}
                        </span>
                      ))}
                    </span>
                  </td>
                  <td className="actions-cell">
                    <div className="users-actions">
                      <button
                        type="button"
                        className="button button-small"
                        aria-label={`Change role of ${u.displayName}`}
                        aria-expanded={editing?.id === u.id && editing.what === 'role'}
                        onClick={() => {
                          setRowError(null);
                          setEditing({ id: u.id, what: 'role' });
                        }}
                      >
                        Change role
                      </button>
                      {u.username ? (
                        <button
                          type="button"
                          className="button button-small"
                          aria-label={`Reset password of ${u.displayName}`}
                          aria-expanded={editing?.id === u.id && editing.what === 'password'}
                          onClick={() => {
                            setRowError(null);
                            setEditing({ id: u.id, what: 'password' });
                          }}
                        >
                          Reset password
                        </button>
                      ) : null}
                      {u.disabled ? (
                        <button
                          type="button"
                          className="button button-small"
                          disabled={busy === u.id}
                          aria-label={`Switch on ${u.displayName}`}
                          onClick={() => void setDisabled(u, false)}
                        >
                          Switch on
                        </button>
                      ) : (
                        <button
                          type="button"
                          className="button button-small"
                          disabled={busy === u.id}
                          aria-label={`Switch off ${u.displayName}`}
                          onClick={() =>
                            setConfirm({
                              title: `Switch off ${u.displayName}?`,
                              lead: `${u.displayName} can no longer sign in on any of the clinic’s computers, and a sign-in they have open ends now. Their name stays on everything they did. You can switch them on again.`,
                              confirm: `Switch off ${u.displayName}`,
                              danger: true,
                              onConfirm: () => void setDisabled(u, true),
                            })
                          }
                        >
                          Switch off
                        </button>
                      )}
                    </div>
                  </td>
                </tr>
                {rowError?.id === u.id ? (
                  <tr className="users-row-message">
                    <td colSpan={4}>
                      <p className="form-alert" role="alert">
                        {rowError.message}
                      </p>
                    </td>
                  </tr>
                ) : null}
                {editing?.id === u.id ? (
                  <tr className="is-editing">
                    <td colSpan={4}>
                      {editing.what === 'role' ? (
                        <RoleForm user={u} onCancel={() => setEditing(null)} onDone={(role) => done(`${u.displayName} is now ${ROLE_WORDS[role].name}`)} />
                      ) : (
                        <ResetPasswordForm
                          user={u}
                          onCancel={() => setEditing(null)}
                          onDone={() => done(`New password set for ${u.displayName}; they choose their own when they next sign in`)}
                        />
                      )}
                    </td>
                  </tr>
                ) : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      <AddUserForm
        onAdded={(name) => {
          showFlash(`${name} is added. They choose their own password when they first sign in.`);
          void load();
        }}
      />
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </section>
  );
}

function RoleForm({ user, onCancel, onDone }: { user: UserRow; onCancel: () => void; onDone: (role: UserRole) => void }) {
  const [role, setRole] = useState<UserRole>(user.role);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const id = `user-role-${user.id}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (role === user.role) return onCancel();
    setBusy(true);
    try {
      await api.call('users.update', { id: user.id, role, expectedVersion: user.version });
      onDone(role);
    } catch (err) {
      // The last administrator, one's own account, a change on another computer: beside the role.
      setError(errorText(err));
      document.getElementById(id)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form users-inline-form" onSubmit={(e) => void submit(e)} noValidate aria-label={`Change role of ${user.displayName}`}>
      <SelectField
        id={id}
        label={`Role of ${user.displayName}`}
        value={role}
        onChange={(v) => setRole(v as UserRole)}
        options={ROLE_OPTIONS}
        hint={ROLE_WORDS[role].who}
        error={error}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Saving…' : 'Save role'}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function ResetPasswordForm({ user, onCancel, onDone }: { user: UserRow; onCancel: () => void; onDone: () => void }) {
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const id = `user-password-${user.id}`;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api.call('users.resetPassword', { id: user.id, password });
      onDone();
    } catch (err) {
      setErrors(toFormErrors(err, { known: (f) => f === 'password' }));
      document.getElementById(id)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form users-inline-form" onSubmit={(e) => void submit(e)} noValidate aria-label={`Reset password of ${user.displayName}`}>
      <FormAlert message={errors.general} />
      <TextField
        id={id}
        label={`New first password for ${user.displayName}`}
        type="password"
        value={password}
        onChange={setPassword}
        autoComplete="new-password"
        autoFocus
        hint={`${FIRST_PASSWORD_HINT} Any sign-in they have open ends, and a lockout after wrong passwords is lifted.`}
        error={errors.fields.password}
      />
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Setting…' : 'Set the new password'}
        </button>
        <button type="button" className="button button-quiet" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

const ADD_FIELDS = ['displayName', 'username', 'role', 'password'] as const;
const ADD_IDS: Record<(typeof ADD_FIELDS)[number], string> = {
  displayName: 'new-user-name',
  username: 'new-user-username',
  role: 'new-user-role',
  password: 'new-user-password',
};

function AddUserForm({ onAdded }: { onAdded: (name: string) => void }) {
  const [displayName, setDisplayName] = useState('');
  const [username, setUsername] = useState('');
  const [role, setRole] = useState<UserRole | ''>('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await api.call('users.create', { displayName, username, role: role as UserRole, password });
      setErrors(noErrors);
      onAdded(displayName.trim());
      setDisplayName('');
      setUsername('');
      setRole('');
      setPassword('');
    } catch (err) {
      const mapped = toFormErrors(err, { known: (f) => (ADD_FIELDS as readonly string[]).includes(f) });
      setErrors(mapped);
      const first = ADD_FIELDS.find((f) => mapped.fields[f]);
      if (first) document.getElementById(ADD_IDS[first])?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="form users-add-form" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-user-heading">
      <h3 id="add-user-heading">Add a user</h3>
      <FormAlert message={errors.general} />
      <div className="users-add-grid">
        <TextField id={ADD_IDS.displayName} label="Name" value={displayName} onChange={setDisplayName} required autoComplete="off" error={errors.fields.displayName} />
        <TextField
          id={ADD_IDS.username}
          label="User name"
          value={username}
          onChange={setUsername}
          required
          autoComplete="off"
          hint="What they type to sign in, e.g. maria.lopez"
          error={errors.fields.username}
        />
        <SelectField
          id={ADD_IDS.role}
          label="Role"
          value={role}
          onChange={(v) => setRole(v as UserRole | '')}
          options={ROLE_OPTIONS}
          placeholder="Choose a role"
          required
          hint={role ? ROLE_WORDS[role].who : 'What they may do; the table below says what each role includes.'}
          error={errors.fields.role}
        />
        <TextField
          id={ADD_IDS.password}
          label="First password"
          type="password"
          value={password}
          onChange={setPassword}
          required
          autoComplete="new-password"
          hint={FIRST_PASSWORD_HINT}
          error={errors.fields.password}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Adding…' : 'Add user'}
        </button>
      </div>
    </form>
  );
}
