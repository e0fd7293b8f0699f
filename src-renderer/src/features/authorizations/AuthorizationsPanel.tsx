/**
 * The patient chart's prior authorizations: each one's status, the days it covers, and its
 * sessions approved, used (infusions given), booked and left, with forms to add one or
 * change one. The first infusion of a series is confirmed only under an approval that covers it.
 */
import { useEffect, useState } from 'react';
import type { Authorization } from '../../../../src-shared/api/schemas/series';
import { formatCalendarDate, todayInZone } from '../../../../src-shared/domain/dates';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { useClinicStore, useClinicTimeZone } from '../clinic/store';
import { AuthorizationForm } from './AuthorizationForm';
import { SessionsGlance, StatusBadge, TimingNote } from './Glance';
import { coversText } from './labels';
import { useAuthorizationsLiveData, useAuthorizationsStore } from './store';
import './authorizations.css';

type Editing = null | { kind: 'new' } | { kind: 'edit'; id: string };

export function AuthorizationsPanel({ patientId, defaultPayerId = null }: { patientId: string; defaultPayerId?: string | null }) {
  useAuthorizationsLiveData();
  const entry = useAuthorizationsStore((s) => s.byPatient[patientId]);
  const today = todayInZone(useClinicTimeZone());
  const [editing, setEditing] = useState<Editing>(null);
  const [flash, showFlash] = useFlash();
  useEffect(() => {
    void useAuthorizationsStore.getState().loadForPatient(patientId);
  }, [patientId]);

  const list = entry?.data ?? [];
  const editingAuth = editing?.kind === 'edit' ? list.find((a) => a.id === editing.id) : undefined;
  const done = (verb: string) => (saved: Authorization | null) => {
    setEditing(null);
    if (saved) {
      showFlash(`Authorization ${verb}`);
      void useAuthorizationsStore.getState().loadForPatient(patientId);
    }
  };

  return (
    <section className="panel authorizations-panel" aria-labelledby="authorizations-heading">
      <div className="panel-heading">
        <h2 id="authorizations-heading">Prior authorizations</h2>
        <Flash message={flash} />
        {editing === null ? (
          <button type="button" className="button" onClick={() => setEditing({ kind: 'new' })}>
            Add authorization
          </button>
        ) : null}
      </div>
      {entry?.status === 'error' ? (
        <div className="form-alert" role="alert">
          <p>The authorizations could not be loaded. {entry.error}</p>
          <button type="button" className="button" onClick={() => void useAuthorizationsStore.getState().loadForPatient(patientId)}>
            Try again
          </button>
        </div>
      ) : null}
      {!entry?.data ? (
        entry?.status === 'error' ? null : <p className="muted">Loading authorizations…</p>
      ) : list.length === 0 ? (
        <p className="muted">No prior authorizations recorded. A series can still be booked as self-pay.</p>
      ) : (
        <div className="auth-table-wrap">
          <table className="data-table auth-table">
            <thead>
              <tr>
                <th scope="col">Payer and number</th>
                <th scope="col">Status</th>
                <th scope="col">Covers</th>
                <th scope="col">Sessions</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((a) => (
                <AuthRow key={a.id} auth={a} today={today} isEditing={editing?.kind === 'edit' && editing.id === a.id} onEdit={() => setEditing({ kind: 'edit', id: a.id })} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing?.kind === 'new' ? <AuthorizationForm key="new" patientId={patientId} auth={null} defaultPayerId={defaultPayerId} onDone={done('added')} /> : null}
      {editingAuth ? <AuthorizationForm key={editingAuth.id} patientId={patientId} auth={editingAuth} defaultPayerId={null} onDone={done('saved')} /> : null}
    </section>
  );
}

function AuthRow({ auth: a, today, isEditing, onEdit }: { auth: Authorization; today: string; isEditing: boolean; onEdit: () => void }) {
  const payerName = useClinicStore((s) => (a.payerId ? s.payers.find((p) => p.id === a.payerId)?.name : undefined));
  const covers = coversText(a);
  const label = `${payerName ?? 'authorization'}${a.authNumber ? ` ${a.authNumber}` : ''}`;
  return (
    <tr className={isEditing ? 'is-editing' : undefined} data-testid="authorization-row">
      <td>
        <div className="auth-payer">{payerName ?? <span className="muted">Payer not recorded</span>}</div>
        {a.authNumber ? <div className="mono small">#{a.authNumber}</div> : <div className="muted small">No number yet</div>}
      </td>
      <td>
        <StatusBadge status={a.status} />
        {a.status === 'denied' && a.denialReason ? <div className="small">{a.denialReason}</div> : null}
        {a.decisionDate ? <div className="muted small">Decided {formatCalendarDate(a.decisionDate)}</div> : null}
      </td>
      <td>
        {covers ? <span className="auth-covers">{covers}</span> : <span className="muted">No dates</span>}
        <div>
          <TimingNote auth={a} today={today} />
        </div>
      </td>
      <td>
        <SessionsGlance auth={a} />
      </td>
      <td className="actions-cell">
        <button type="button" className="button button-quiet" onClick={onEdit} disabled={isEditing}>
          Edit<span className="visually-hidden"> {label}</span>
        </button>
      </td>
    </tr>
  );
}
