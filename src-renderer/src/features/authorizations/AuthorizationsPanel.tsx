/**
 * The patient chart's prior authorizations: each one's status, the days it covers, and its
 * sessions approved, used (infusions given), booked and left, with forms to add one or
 * change one. The first infusion of a series is confirmed only under an approval that covers it.
 */
import { useEffect, useState } from 'react';
import type { Coverage } from '../../../../src-shared/api/schemas/patients';
import type { Authorization } from '../../../../src-shared/api/schemas/series';
import { formatCalendarDate, todayInZone } from '../../../../src-shared/domain/dates';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { navigate, paths } from '../../app/router';
import { useClinicStore, useClinicTimeZone } from '../clinic/store';
import { deadlineLines } from './deadline-words';
import { RequestForm } from './RequestForm';
import { AuthorizationForm } from './AuthorizationForm';
import { SessionsGlance, StatusBadge, TimingNote } from './Glance';
import { coversText } from './labels';
import { useAuthorizationsLiveData, useAuthorizationsStore } from './store';
import './authorizations.css';

type Editing = null | { kind: 'new' } | { kind: 'request' } | { kind: 'edit'; id: string };

export function AuthorizationsPanel({
  patientId,
  defaultPayerId = null,
  coverages = [],
}: {
  patientId: string;
  defaultPayerId?: string | null;
  coverages?: readonly Coverage[];
}) {
  const zone = useClinicTimeZone();
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
          <div className="button-row">
            <button type="button" className="button button-primary" onClick={() => setEditing({ kind: 'request' })}>
              New request
            </button>
            <button type="button" className="button" onClick={() => setEditing({ kind: 'new' })}>
              Add authorization
            </button>
          </div>
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
                <AuthRow key={a.id} auth={a} today={today} zone={zone} isEditing={editing?.kind === 'edit' && editing.id === a.id} onEdit={() => setEditing({ kind: 'edit', id: a.id })} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editing?.kind === 'request' ? (
        <RequestForm
          key="request"
          patientId={patientId}
          coverages={coverages}
          auth={null}
          onDone={(saved) => {
            setEditing(null);
            // The draft's own page is where it is completed, checked and sent.
            if (saved) navigate(paths.authorization(saved.id));
          }}
        />
      ) : null}
      {editing?.kind === 'new' ? <AuthorizationForm key="new" patientId={patientId} auth={null} defaultPayerId={defaultPayerId} onDone={done('added')} /> : null}
      {editingAuth ? <AuthorizationForm key={editingAuth.id} patientId={patientId} auth={editingAuth} defaultPayerId={null} onDone={done('saved')} /> : null}
    </section>
  );
}

function AuthRow({ auth: a, today, zone, isEditing, onEdit }: { auth: Authorization; today: string; zone: string; isEditing: boolean; onEdit: () => void }) {
  const deadlines = deadlineLines(a, today, zone);
  const payerName = useClinicStore((s) => (a.payerId ? s.payers.find((p) => p.id === a.payerId)?.name : undefined));
  const covers = coversText(a);
  const label = `${payerName ?? 'authorization'}${a.authNumber ? ` ${a.authNumber}` : ''}`;
  return (
    <tr className={isEditing ? 'is-editing' : undefined} data-testid="authorization-row">
      <td>
        <div className="auth-payer">
          <a className="row-link" href={paths.authorization(a.id)}>
            {payerName ?? 'Payer not recorded'}
            <span className="visually-hidden"> request: open</span>
          </a>
        </div>
        {a.authNumber ? <div className="mono small">#{a.authNumber}</div> : <div className="muted small">No number yet</div>}
      </td>
      <td>
        <StatusBadge status={a.status} />
        {a.status === 'denied' && a.denialReason ? <div className="small">{a.denialReason}</div> : null}
        {a.decisionDate ? <div className="muted small">Decided {formatCalendarDate(a.decisionDate)}</div> : null}
        {deadlines.map((d) => (
          <div key={d.key} className={`small deadline deadline-${d.tone}`}>
            {d.text}
          </div>
        ))}
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
