/**
 * Settings → Watched folders: where faxes and scans of prior records land. Each folder is
 * watched for new files (or polled, for network shares that send no change events); a file
 * is read once it has held still for the waiting time. The backend checks the path and its
 * plain error is shown beside the field.
 */
import { useEffect, useState, type FormEvent } from 'react';
import type { WatchedFolder } from '../../../../src-shared/api/schemas/records';
import { api } from '../../api/client';
import { Flash } from '../../components/Flash';
import { CheckboxField, FormAlert, TextField } from '../../components/Field';
import { useFlash } from '../../components/useFlash';
import { errorText, noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { ensureRecordsLive, useRecordsStore } from './store';

const FIELDS = ['path', 'polling', 'pollIntervalSeconds', 'stabilitySeconds', 'enabled'] as const;

interface FolderDraft {
  path: string;
  polling: boolean;
  pollIntervalSeconds: string;
  stabilitySeconds: string;
  enabled: boolean;
}

const EMPTY: FolderDraft = { path: '', polling: false, pollIntervalSeconds: '5', stabilitySeconds: '5', enabled: true };

function draftOf(f: WatchedFolder): FolderDraft {
  return {
    path: f.path,
    polling: f.polling,
    pollIntervalSeconds: String(f.pollIntervalSeconds),
    stabilitySeconds: String(f.stabilitySeconds),
    enabled: f.enabled,
  };
}

/** Typed seconds as a number; an empty or unreadable box goes as null so the backend says what to enter. */
function secondsOf(text: string): number {
  const t = text.trim().replace(',', '.');
  return (t === '' || !Number.isFinite(Number(t)) ? null : Number(t)) as number;
}

function fieldsOf(d: FolderDraft) {
  return {
    path: d.path,
    polling: d.polling,
    pollIntervalSeconds: secondsOf(d.pollIntervalSeconds),
    stabilitySeconds: secondsOf(d.stabilitySeconds),
    enabled: d.enabled,
  };
}

export function WatchedFoldersSection() {
  const version = useRecordsStore((s) => s.version);
  const [folders, setFolders] = useState<WatchedFolder[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [flash, showFlash] = useFlash();

  useEffect(() => {
    ensureRecordsLive();
  }, []);

  useEffect(() => {
    let current = true;
    api.call('records.folders.list', {}).then(
      (list) => {
        if (!current) return;
        setFolders(list);
        setLoadError(null);
      },
      (err: unknown) => current && setLoadError(errorText(err)),
    );
    return () => {
      current = false;
    };
  }, [version]);

  const replace = (saved: WatchedFolder) =>
    setFolders((list) => {
      const rest = (list ?? []).filter((f) => f.id !== saved.id);
      return [...rest, saved].sort((a, b) => a.createdAt - b.createdAt);
    });

  return (
    <section className="panel records-folders" aria-labelledby="records-folders-heading">
      <div className="panel-heading">
        <h2 id="records-folders-heading">Watched folders</h2>
        <Flash message={flash} />
      </div>
      <p className="field-hint">
        Folders where faxes and scans of prior records arrive. Every file in them is read, matched to a patient and made searchable. The
        app never moves, changes or deletes the files.
      </p>
      {loadError ? (
        <p className="error-text" role="alert">
          The watched folders could not be listed. {loadError}
        </p>
      ) : null}
      {!folders ? (
        loadError ? null : <p className="muted">Loading watched folders…</p>
      ) : folders.length === 0 ? (
        <p className="muted">No folders are watched yet. Add the folder your fax or scanner saves into below.</p>
      ) : (
        <ul className="records-folder-list">
          {folders.map((f) =>
            editing === f.id ? (
              <li key={f.id} className="records-folder is-editing" aria-label={`Editing ${f.path}`}>
                <h3 className="small-heading">Change this folder</h3>
                <FolderForm
                  idPrefix={`edit-folder-${f.id}`}
                  initial={draftOf(f)}
                  submitLabel="Save folder"
                  showEnabled
                  onCancel={() => setEditing(null)}
                  onSubmit={async (d) => {
                    const saved = await api.call('records.folders.update', { id: f.id, ...fieldsOf(d) });
                    replace(saved);
                    setEditing(null);
                    showFlash('Folder saved');
                  }}
                />
              </li>
            ) : (
              <FolderRow
                key={f.id}
                folder={f}
                onEdit={() => setEditing(f.id)}
                onRemoved={() => {
                  setFolders((list) => (list ?? []).filter((x) => x.id !== f.id));
                  showFlash('Folder no longer watched');
                }}
              />
            ),
          )}
        </ul>
      )}
      <h3 className="small-heading">Add a folder</h3>
      <FolderForm
        idPrefix="new-folder"
        initial={EMPTY}
        submitLabel="Watch folder"
        resetOnSave
        onSubmit={async (d) => {
          const saved = await api.call('records.folders.add', fieldsOf(d));
          replace(saved);
          showFlash('Folder watched; files already in it are being read');
        }}
      />
    </section>
  );
}

function FolderRow({ folder: f, onEdit, onRemoved }: { folder: WatchedFolder; onEdit: () => void; onRemoved: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const remove = async () => {
    setBusy(true);
    setError(null);
    try {
      await api.call('records.folders.remove', { id: f.id });
      onRemoved();
    } catch (err) {
      setError(errorText(err));
      setBusy(false);
    }
  };
  const how = f.polling ? `Checked every ${f.pollIntervalSeconds} s (network share)` : 'Told of new files by the system';
  return (
    <li className="records-folder" aria-label={f.path}>
      <div className="records-folder-main">
        <span className="mono records-folder-path">{f.path}</span>
        <span className="small muted">
          {how} · read after {f.stabilitySeconds} s unchanged · {f.files} file{f.files === 1 ? '' : 's'} found
        </span>
        {!f.enabled ? (
          <span className="badge badge-neutral">Paused</span>
        ) : f.watching ? (
          <span className="badge badge-success">Watching</span>
        ) : (
          <span className="records-folder-problem">
            <span className="badge badge-danger">Not watching</span> {f.problem ?? 'The folder is not being watched right now.'}
          </span>
        )}
        {error ? (
          <span className="error-text" role="alert">
            {error}
          </span>
        ) : null}
      </div>
      {confirming ? (
        <div className="records-folder-actions" role="group" aria-label="Stop watching this folder?">
          <span className="small">Stop watching? Records already found are kept.</span>
          <button type="button" className="button button-small button-danger" onClick={() => void remove()} disabled={busy}>
            Stop watching
          </button>
          <button type="button" className="button button-small" onClick={() => setConfirming(false)} disabled={busy}>
            Keep
          </button>
        </div>
      ) : (
        <div className="records-folder-actions">
          <button type="button" className="button button-small" onClick={onEdit}>
            Edit<span className="visually-hidden"> {f.path}</span>
          </button>
          <button type="button" className="button button-small" onClick={() => setConfirming(true)}>
            Remove<span className="visually-hidden"> {f.path}</span>
          </button>
        </div>
      )}
    </li>
  );
}

function FolderForm(props: {
  idPrefix: string;
  initial: FolderDraft;
  submitLabel: string;
  showEnabled?: boolean;
  resetOnSave?: boolean;
  onSubmit: (d: FolderDraft) => Promise<void>;
  onCancel?: () => void;
}) {
  const { idPrefix, initial, submitLabel, showEnabled, resetOnSave, onSubmit, onCancel } = props;
  const [d, setD] = useState<FolderDraft>(initial);
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    try {
      await onSubmit(d);
      setErrors(noErrors);
      if (resetOnSave) setD(EMPTY);
    } catch (err) {
      const mapped = toFormErrors(err, { known: (f) => (FIELDS as readonly string[]).includes(f) });
      setErrors(mapped);
      const first = FIELDS.find((f) => mapped.fields[f]);
      if (first) document.getElementById(`${idPrefix}-${first}`)?.focus();
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="records-folder-form" noValidate onSubmit={submit}>
      <FormAlert message={errors.general} />
      <TextField
        id={`${idPrefix}-path`}
        label="Folder"
        value={d.path}
        onChange={(path) => setD({ ...d, path })}
        error={errors.fields.path}
        hint="The full path, for example C:\Fax\Inbox or /Volumes/Scans/Records."
        maxLength={1024}
        autoComplete="off"
        className="records-field-path"
      />
      <TextField
        id={`${idPrefix}-stabilitySeconds`}
        label="Wait before reading (seconds)"
        inputMode="numeric"
        value={d.stabilitySeconds}
        onChange={(stabilitySeconds) => setD({ ...d, stabilitySeconds })}
        error={errors.fields.stabilitySeconds}
        hint="A file is read once it has not changed this long (scanners write page by page)."
        className="field-narrow"
      />
      <CheckboxField
        id={`${idPrefix}-polling`}
        label="Network share: check for new files regularly"
        checked={d.polling}
        onChange={(polling) => setD({ ...d, polling })}
        error={errors.fields.polling}
      />
      {d.polling ? (
        <TextField
          id={`${idPrefix}-pollIntervalSeconds`}
          label="Check every (seconds)"
          inputMode="numeric"
          value={d.pollIntervalSeconds}
          onChange={(pollIntervalSeconds) => setD({ ...d, pollIntervalSeconds })}
          error={errors.fields.pollIntervalSeconds}
          className="field-narrow"
        />
      ) : null}
      {showEnabled ? (
        <CheckboxField id={`${idPrefix}-enabled`} label="Watch this folder" checked={d.enabled} onChange={(enabled) => setD({ ...d, enabled })} error={errors.fields.enabled} />
      ) : null}
      <div className="records-form-buttons">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? 'Checking the folder…' : submitLabel}
        </button>
        {onCancel ? (
          <button type="button" className="button" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        ) : null}
      </div>
    </form>
  );
}
