/**
 * What each role may do: every permission in words down the side, every role across the top,
 * a tick where the role has it. The administrator's column is fixed (it always has everything,
 * so the clinic can never lock itself out); the others are ticked and saved together.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { DEFAULT_ROLE_PERMISSIONS, type Permission, type UserRole } from '../../../../src-shared/api/permissions';
import { api } from '../../api/client';
import { FormAlert } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { errorText } from '../../lib/errors';
import { changedRoles, draftFrom, isDefault, permissionsOf, roleWarnings, toggle, type Draft, type RolesData } from './users-model';

export function RolesSection() {
  const [data, setData] = useState<RolesData | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [flash, showFlash] = useFlash(6000);

  const load = useCallback(async (keepDraft: boolean) => {
    try {
      const d = await api.call('roles.list', {});
      setData(d);
      setDraft((cur) => (keepDraft && cur ? cur : draftFrom(d.roles)));
      setLoadError(null);
    } catch (err) {
      setLoadError(errorText(err));
    }
  }, []);

  useEffect(() => {
    void load(false);
    // A change from another computer: the saved state moves, unsaved ticks here stay.
    return api.subscribe('users.changed', () => void load(true));
  }, [load]);

  const words = useMemo(() => {
    const map = new Map(data?.permissions.map((p) => [p.id, p.words]) ?? []);
    return (p: Permission) => map.get(p) ?? p;
  }, [data]);

  if (!data || !draft) {
    return (
      <section className="panel" aria-labelledby="roles-heading">
        <h2 id="roles-heading">What each role may do</h2>
        {loadError ? (
          <FormAlert message={`The roles could not be read. ${loadError}`}>
            <button type="button" className="button" onClick={() => void load(false)}>
              Try again
            </button>
          </FormAlert>
        ) : (
          <p className="muted">Loading the roles…</p>
        )}
      </section>
    );
  }

  const changed = changedRoles(data.roles, draft);
  const save = async () => {
    setBusy(true);
    setSaveError(null);
    try {
      for (const role of changed) await api.call('roles.update', { role, permissions: permissionsOf(draft, role) });
      const names = changed.map((r) => data.roles.find((x) => x.role === r)?.name ?? r);
      showFlash(`Saved: ${names.join(', ')}. It applies at once, on every computer.`);
      await load(false);
    } catch (err) {
      setSaveError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="panel roles-panel" aria-labelledby="roles-heading" id="roles">
      <div className="panel-heading">
        <h2 id="roles-heading">What each role may do</h2>
        <Flash message={flash} />
      </div>
      <dl className="roles-who">
        {data.roles.map((r) => (
          <div key={r.role}>
            <dt>{r.name}</dt>
            <dd>{r.who}</dd>
          </div>
        ))}
      </dl>
      <div className="roles-table-wrap">
        <table className="data-table roles-table">
          <caption className="visually-hidden">Each role’s permissions; tick to allow</caption>
          <thead>
            <tr>
              <th scope="col">A person with this role can…</th>
              {data.roles.map((r) => (
                <th key={r.role} scope="col" className="roles-col">
                  {r.name}
                  {!r.editable ? <span className="roles-col-note">always all</span> : null}
                  {r.editable && !isDefault(r.role, draft[r.role]) ? <span className="roles-col-note roles-col-changed">changed</span> : null}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.permissions.map((p) => (
              <tr key={p.id}>
                <th scope="row" className="roles-permission">
                  {p.words}
                </th>
                {data.roles.map((r) => (
                  <td key={r.role} className="roles-cell">
                    <input
                      type="checkbox"
                      checked={r.editable ? draft[r.role].has(p.id) : true}
                      disabled={!r.editable || busy}
                      aria-label={`${r.name}: ${p.words}`}
                      onChange={(e) => setDraft(toggle(draft, r.role, p.id, e.target.checked))}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
          {data.roles.some((r) => r.editable && !isDefault(r.role, draft[r.role])) ? (
            <tfoot>
              <tr>
                <th scope="row" className="roles-permission muted">
                  Back to how the role started
                </th>
                {data.roles.map((r) => (
                  <td key={r.role} className="roles-cell">
                    {r.editable && !isDefault(r.role, draft[r.role]) ? (
                      <button
                        type="button"
                        className="link-button"
                        aria-label={`Set ${r.name} back to its defaults`}
                        onClick={() => setDraft({ ...draft, [r.role]: new Set(DEFAULT_ROLE_PERMISSIONS[r.role as UserRole]) })}
                      >
                        Defaults
                      </button>
                    ) : null}
                  </td>
                ))}
              </tr>
            </tfoot>
          ) : null}
        </table>
      </div>
      <p className="field-hint">
        The administrator always keeps every permission, so the clinic can never lock itself out. Each call is checked against these ticks, on
        this computer and by the clinic server.
      </p>
      {data.roles
        .filter((r) => r.editable)
        .map((r) => ({ r, warnings: roleWarnings(draft[r.role], words) }))
        .filter((x) => x.warnings.length > 0)
        .map(({ r, warnings }) => (
          <p key={r.role} className="notice notice-warning roles-warning">
            <strong>{r.name}:</strong> {warnings.join(' ')}
          </p>
        ))}
      <FormAlert message={saveError} />
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={busy || changed.length === 0} onClick={() => void save()}>
          {busy ? 'Saving…' : changed.length === 0 ? 'No changes to save' : `Save changes to ${changed.length === 1 ? 'one role' : `${changed.length} roles`}`}
        </button>
        {changed.length > 0 ? (
          <button type="button" className="button button-quiet" disabled={busy} onClick={() => setDraft(draftFrom(data.roles))}>
            Undo changes
          </button>
        ) : null}
      </div>
    </section>
  );
}
