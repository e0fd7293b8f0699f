/**
 * Settings → Clinic server: link this computer to the clinic server with a one-time
 * enrolment code, see how syncing goes, sync now or disconnect; and, for administrators, the
 * devices the server knows (revoke one, make an enrolment code for another computer).
 * Everything goes through the backend's sync methods; its refusals are shown as written.
 */
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import type { MethodOutput } from '../../../../src-shared/api/contract';
import type { SyncStatus } from '../../../../src-shared/api/methods/sync';
import type { UserRole } from '../../../../src-shared/api/permissions';
import { ApiError } from '../../../../src-shared/api/errors';
import { api } from '../../api/client';
import { DualTime } from '../../components/DualTime';
import { CheckboxField, FormAlert, TextField } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { errorText, noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useClinicTimeZone } from '../clinic/store';
import { ConfirmDialog, type ConfirmRequest } from '../sync/ConfirmDialog';
import { SyncProgress } from '../sync/SyncIndicator';
import { CLINIC_SERVER_ANCHOR, scrollToClinicServer, takeClinicServerScroll, useSyncStore, watchSync } from '../sync/store';
import { changes, summarizeSync } from '../sync/sync-words';
import '../sync/sync.css';

export function ClinicServerSection() {
  const status = useSyncStore((s) => s.status);
  const loadError = useSyncStore((s) => s.error);
  const refresh = useSyncStore((s) => s.refresh);
  const [flash, showFlash] = useFlash(6000);
  const [role, setRole] = useState<UserRole | null>(null);

  useEffect(() => watchSync(), []);

  // Arriving from the header's indicator: bring this section into view (after the screen's
  // own scroll to the top).
  useEffect(() => {
    if (!takeClinicServerScroll()) return;
    const frame = requestAnimationFrame(() => setTimeout(scrollToClinicServer, 0));
    return () => cancelAnimationFrame(frame);
  }, []);

  useEffect(() => {
    let current = true;
    api.call('system.whoami', {}).then(
      (me) => current && setRole(me.user.role),
      () => current && setRole(null),
    );
    return () => {
      current = false;
    };
  }, []);

  const linked = status !== null && status.state !== 'off';

  return (
    <section className="panel sync-settings" aria-labelledby={CLINIC_SERVER_ANCHOR}>
      <div className="panel-heading">
        <h2 id={CLINIC_SERVER_ANCHOR} tabIndex={-1}>
          Clinic server
        </h2>
        <Flash message={flash} />
      </div>
      {!status ? (
        loadError ? (
          <div className="form-alert" role="alert">
            <p>This computer’s link to the clinic server could not be read. {loadError}</p>
            <button type="button" className="button" onClick={() => void refresh()}>
              Try again
            </button>
          </div>
        ) : (
          <p className="muted">Reading this computer’s link to the clinic server…</p>
        )
      ) : linked ? (
        <LinkedView status={status} onFlash={showFlash} />
      ) : (
        <EnrolForm status={status} onEnrolled={(s) => showFlash(s.clinicName ? `This computer is enrolled with ${s.clinicName}` : 'This computer is enrolled')} />
      )}
      {linked && role === 'admin' ? <DevicesPanel onFlash={showFlash} /> : null}
    </section>
  );
}

// ---------- Not linked: enrol this computer ----------

const ENROL_FIELDS = { serverUrl: 'sync-server-url', enrolCode: 'sync-enrol-code', deviceName: 'sync-device-name', allowInsecure: 'sync-allow-insecure' } as const;
type EnrolField = keyof typeof ENROL_FIELDS;
const isEnrolField = (f: string): f is EnrolField => f in ENROL_FIELDS;

/** Also the first-run screen's "joins a clinic" (features/auth/FirstRun.tsx), with its own lead. */
export function EnrolForm({ status, onEnrolled, lead }: { status: SyncStatus; onEnrolled: (s: SyncStatus) => void; lead?: ReactNode }) {
  const apply = useSyncStore((s) => s.apply);
  // A computer that was linked before keeps its address and name to start from.
  const [serverUrl, setServerUrl] = useState(status.serverUrl ?? '');
  const [enrolCode, setEnrolCode] = useState('');
  const [deviceName, setDeviceName] = useState(status.deviceName ?? '');
  const [allowInsecure, setAllowInsecure] = useState(false);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      const result = await api.call('sync.connect', { serverUrl, enrolCode, deviceName, allowInsecure });
      setErrors(noErrors);
      setEnrolCode('');
      apply(result);
      onEnrolled(result);
    } catch (err) {
      const mapped = toFormErrors(err, { known: isEnrolField });
      setErrors(mapped);
      const first = (Object.keys(ENROL_FIELDS) as EnrolField[]).find((f) => mapped.fields[f]);
      if (first) document.getElementById(ENROL_FIELDS[first])?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      {lead !== undefined ? (
        lead
      ) : (
        <p className="sync-lead">
          <strong>This computer works on its own:</strong> everything is kept here, and other computers do not see it. To share patients and
          the schedule with the clinic’s other computers, enrol it with the clinic server. Ask your clinic administrator for the server address
          and a one-time enrolment code.
        </p>
      )}
      <form className="form sync-enrol-form" noValidate onSubmit={onSubmit} aria-label="Enrol this computer">
        <FormAlert message={errors.general} />
        <TextField
          id={ENROL_FIELDS.serverUrl}
          label="Server address"
          value={serverUrl}
          onChange={setServerUrl}
          error={errors.fields.serverUrl}
          placeholder="https://clinic-server.local:8443"
          hint="The address your clinic administrator gave you, starting with https://"
          autoComplete="off"
          maxLength={300}
          required
        />
        <TextField
          id={ENROL_FIELDS.enrolCode}
          label="Enrolment code"
          value={enrolCode}
          onChange={setEnrolCode}
          error={errors.fields.enrolCode}
          hint="A one-time code from your clinic administrator, made on the clinic server or on an administrator computer."
          autoComplete="off"
          maxLength={40}
          className="sync-code-field"
          required
        />
        <TextField
          id={ENROL_FIELDS.deviceName}
          label="This computer’s name"
          value={deviceName}
          onChange={setDeviceName}
          error={errors.fields.deviceName}
          placeholder="Front desk PC"
          hint="How other computers will see it in the devices list, such as Front desk PC or Nurse station."
          autoComplete="off"
          maxLength={80}
          required
        />
        <CheckboxField
          id={ENROL_FIELDS.allowInsecure}
          label="Allow an unencrypted (http) connection to another computer"
          checked={allowInsecure}
          onChange={setAllowInsecure}
          error={errors.fields.allowInsecure}
          hint={
            <span className="sync-warning">
              <span aria-hidden="true">⚠ </span>Only for a test set-up: over http, anyone on the network can read the patient data sent.
            </span>
          }
        />
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? 'Enrolling…' : 'Enrol this computer'}
          </button>
        </div>
      </form>
    </>
  );
}

// ---------- Linked: how syncing goes ----------

function LinkedView({ status, onFlash }: { status: SyncStatus; onFlash: (m: string) => void }) {
  const apply = useSyncStore((s) => s.apply);
  const readAt = useSyncStore((s) => s.readAt);
  const zone = useClinicTimeZone();
  const [busy, setBusy] = useState<'sync' | 'disconnect' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const summary = summarizeSync(status, zone, readAt);

  const syncNow = async () => {
    setBusy('sync');
    setActionError(null);
    try {
      const result = await api.call('sync.now', {});
      apply(result);
      if (result.state === 'online') onFlash(result.waiting === 0 && !result.catchUp ? 'Synced: up to date' : 'Syncing');
    } catch (err) {
      setActionError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const disconnect = async () => {
    setBusy('disconnect');
    setActionError(null);
    try {
      const result = await api.call('sync.disconnect', {});
      apply(result);
      onFlash('This computer is no longer linked to the clinic server');
    } catch (err) {
      setActionError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <>
      <div className={`sync-status-box sync-tone-${summary.tone}`} data-sync-state={status.state}>
        <span className="sync-symbol" aria-hidden="true">
          {summary.symbol}
        </span>
        <div className="sync-words">
          <p className="sync-headline">{summary.headline}</p>
          {summary.detail ? <p className="sync-detail">{summary.detail}</p> : null}
          {summary.progress ? <SyncProgress progress={summary.progress} label="Downloading the clinic" /> : null}
        </div>
      </div>
      <dl className="detail-list sync-details">
        <div className="detail-item">
          <dt>Server address</dt>
          <dd className="sync-mono">{status.serverUrl ?? '—'}</dd>
        </div>
        <div className="detail-item">
          <dt>Clinic</dt>
          <dd>{status.clinicName ?? <span className="muted">Not known yet</span>}</dd>
        </div>
        <div className="detail-item">
          <dt>This computer</dt>
          <dd>{status.deviceName ?? '—'}</dd>
        </div>
        <div className="detail-item">
          <dt>Last synced</dt>
          <dd>{status.lastSyncedAt !== null ? <DualTime instant={status.lastSyncedAt} zone={zone} /> : <span className="muted">Not yet</span>}</dd>
        </div>
        <div className="detail-item">
          <dt>Waiting to be sent</dt>
          <dd>{status.waiting === 0 ? 'Nothing' : changes(status.waiting)}</dd>
        </div>
        {status.lastError && status.state === 'error' ? (
          <div className="detail-item">
            <dt>Not syncing since</dt>
            <dd>
              <DualTime instant={status.lastError.at} zone={zone} />
            </dd>
          </div>
        ) : status.lastError ? (
          <div className="detail-item">
            <dt>Last problem</dt>
            <dd className="sync-last-error">
              {status.lastError.message}{' '}
              <span className="muted">
                (<DualTime instant={status.lastError.at} zone={zone} />)
              </span>
            </dd>
          </div>
        ) : null}
        {status.refused ? (
          <div className="detail-item">
            <dt>Refused by the server</dt>
            <dd className="sync-last-error">
              {changes(status.refused.count)} made here {status.refused.count === 1 ? 'was' : 'were'} not accepted: {status.refused.reason}. They
              stay on this computer only; ask the clinic administrator.{' '}
              <span className="muted">
                (<DualTime instant={status.refused.at} zone={zone} />)
              </span>
            </dd>
          </div>
        ) : null}
      </dl>
      {actionError ? (
        <p className="form-alert" role="alert">
          {actionError}
        </p>
      ) : null}
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={busy !== null} onClick={() => void syncNow()}>
          {busy === 'sync' ? 'Syncing…' : 'Sync now'}
        </button>
        <button
          type="button"
          className="button"
          disabled={busy !== null}
          onClick={() =>
            setConfirm({
              title: 'Disconnect this computer from the clinic server?',
              lead:
                'All the data stays on this computer, and changes not yet sent stay queued: they are sent if this computer is enrolled again. ' +
                'Until then it no longer sees other computers’ work. Enrolling again needs a new enrolment code.',
              confirm: 'Disconnect this computer',
              danger: true,
              onConfirm: () => void disconnect(),
            })
          }
        >
          Disconnect this computer
        </button>
      </div>
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </>
  );
}

// ---------- Administrators: the devices the server knows ----------

type Device = MethodOutput<'sync.devices'>['devices'][number];

function DevicesPanel({ onFlash }: { onFlash: (m: string) => void }) {
  const zone = useClinicTimeZone();
  const [devices, setDevices] = useState<Device[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<ConfirmRequest | null>(null);
  const [code, setCode] = useState<{ code: string; expiresAt: number } | null>(null);
  const [reload, setReload] = useState(0);
  const [forbidden, setForbidden] = useState<string | null>(null);

  useEffect(() => {
    let current = true;
    api.call('sync.devices', {}).then(
      (r) => {
        if (!current) return;
        setDevices(r.devices);
        setLoadError(null);
      },
      (err: unknown) => {
        if (!current) return;
        // A computer not enrolled as an administrator device may not manage devices: say so calmly.
        setForbidden(err instanceof ApiError && err.code === 'FORBIDDEN' ? err.message : null);
        setLoadError(errorText(err));
      },
    );
    return () => {
      current = false;
    };
  }, [reload]);

  const revoke = async (d: Device) => {
    setBusy(d.id);
    setActionError(null);
    try {
      const r = await api.call('sync.revokeDevice', { deviceId: d.id });
      setDevices(r.devices);
      onFlash(`${d.name} is revoked`);
      setReload((n) => n + 1);
    } catch (err) {
      setActionError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  const createCode = async () => {
    setBusy('code');
    setActionError(null);
    try {
      setCode(await api.call('sync.createEnrolCode', {}));
    } catch (err) {
      setActionError(errorText(err));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section className="sync-devices" aria-labelledby="sync-devices-heading">
      <div className="panel-heading">
        <h3 id="sync-devices-heading">Devices</h3>
        {forbidden ? null : (
          <button type="button" className="button button-small" onClick={() => setReload((n) => n + 1)}>
            Refresh list
          </button>
        )}
      </div>
      {forbidden ? null : <p className="field-hint">Every computer enrolled with this clinic’s server. Only administrators see this list.</p>}
      {actionError ? (
        <p className="form-alert" role="alert">
          {actionError}
        </p>
      ) : null}
      {forbidden ? (
        <p className="notice">{forbidden}</p>
      ) : loadError ? (
        <p className="error-text" role="alert">
          The devices could not be listed. {loadError}
        </p>
      ) : null}
      {!devices ? (
        loadError ? null : <p className="muted">Asking the clinic server for its devices…</p>
      ) : devices.length === 0 ? (
        <p className="muted">No devices yet.</p>
      ) : (
        <table className="data-table sync-device-table">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Enrolled</th>
              <th scope="col">Last seen</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {devices.map((d) => (
              <tr key={d.id} className={d.revokedAt !== null ? 'inactive-row' : undefined}>
                <th scope="row" className="sync-device-name">
                  {d.name}
                  {d.thisDevice ? <span className="badge badge-info sync-this-badge">This computer</span> : null}
                </th>
                <td>
                  <DualTime instant={d.enrolledAt} zone={zone} />
                </td>
                <td>{d.lastSeenAt !== null ? <DualTime instant={d.lastSeenAt} zone={zone} /> : <span className="muted">Never</span>}</td>
                <td>
                  {d.revokedAt !== null ? (
                    <span className="badge badge-danger" title={`Revoked ${new Date(d.revokedAt).toISOString()}`}>
                      Revoked
                    </span>
                  ) : (
                    <span className="badge badge-success">Active</span>
                  )}
                </td>
                <td className="actions-cell">
                  {!d.thisDevice && d.revokedAt === null ? (
                    <button
                      type="button"
                      className="button button-small"
                      disabled={busy !== null}
                      aria-label={`Revoke ${d.name}`}
                      onClick={() =>
                        setConfirm({
                          title: `Revoke ${d.name}?`,
                          lead: 'It will be refused at its next contact; what it already sent stays.',
                          confirm: `Revoke ${d.name}`,
                          danger: true,
                          onConfirm: () => void revoke(d),
                        })
                      }
                    >
                      {busy === d.id ? 'Revoking…' : 'Revoke'}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {forbidden ? null : (
        <div className="sync-code-area">
          <button type="button" className="button" disabled={busy !== null} onClick={() => void createCode()}>
            {busy === 'code' ? 'Creating…' : code ? 'Create another enrolment code' : 'Create an enrolment code'}
          </button>
          {code ? (
            <div className="sync-code-box" role="status">
              <p className="sync-code-label">Enrolment code for another computer</p>
              <p className="sync-code">{code.code}</p>
              <p className="field-hint">
                Type it on the other computer under Settings → Clinic server. It works once, until <DualTime instant={code.expiresAt} zone={zone} />.
              </p>
            </div>
          ) : null}
        </div>
      )}
      <ConfirmDialog request={confirm} onClose={() => setConfirm(null)} />
    </section>
  );
}
