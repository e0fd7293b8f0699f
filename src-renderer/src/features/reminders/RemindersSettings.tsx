/**
 * Settings › Reminders: what reminders tell patients, and the reminder templates (when each
 * goes, how, and its wording). Reminders not yet sent follow every change here.
 */
import { useEffect, useState } from 'react';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { ReminderDetailsForm } from './ReminderDetailsForm';
import { ReminderTemplateForm } from './ReminderTemplateForm';
import { TEMPLATE_CHANNEL_LABELS } from './labels';
import { useRemindersLiveData, useRemindersStore, type ReminderTemplate } from './store';
import './reminders.css';

export function RemindersSettings() {
  useRemindersLiveData();
  return (
    <section className="reminders-settings" aria-labelledby="reminders-settings-heading">
      <h2 id="reminders-settings-heading" className="area-heading">
        Reminders
      </h2>
      <p className="section-lead">
        Reminders are written for every booked infusion session and wait in the outbox until the clinic server sends them.
        Editing a template or the details here re-writes the ones not yet sent.
      </p>
      <ReminderTemplatesSection />
      <ReminderDetailsForm />
    </section>
  );
}

type Editing = null | { kind: 'new' } | { kind: 'edit'; id: string };

export function ReminderTemplatesSection() {
  const entry = useRemindersStore((s) => s.templates);
  const [editing, setEditing] = useState<Editing>(null);
  const [flash, showFlash] = useFlash();
  useEffect(() => {
    void useRemindersStore.getState().loadTemplates();
  }, []);
  const templates = entry?.data ?? [];
  const editingTemplate = editing?.kind === 'edit' ? templates.find((t) => t.id === editing.id) : undefined;

  return (
    <section className="panel reminders-section" aria-labelledby="reminder-templates-heading">
      <div className="panel-heading">
        <h3 id="reminder-templates-heading">Reminder templates</h3>
        <Flash message={flash} />
        {editing === null ? (
          <button type="button" className="button" onClick={() => setEditing({ kind: 'new' })}>
            New reminder
          </button>
        ) : null}
      </div>
      {entry?.status === 'error' ? (
        <div className="form-alert" role="alert">
          <p>The reminder templates could not be loaded. {entry.error}</p>
          <button type="button" className="button" onClick={() => void useRemindersStore.getState().loadTemplates()}>
            Try again
          </button>
        </div>
      ) : null}
      {!entry?.data ? (
        entry?.status === 'error' ? null : <p className="muted">Loading reminder templates…</p>
      ) : templates.length === 0 ? (
        <p className="muted">No reminders yet. Add the first one with New reminder.</p>
      ) : (
        <table className="data-table reminder-template-table">
          <thead>
            <tr>
              <th scope="col">Reminder</th>
              <th scope="col">When</th>
              <th scope="col">Sent by</th>
              <th scope="col">Message</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {templates.map((t) => (
              <TemplateRow key={t.id} template={t} isEditing={editing?.kind === 'edit' && editing.id === t.id} onEdit={() => setEditing({ kind: 'edit', id: t.id })} />
            ))}
          </tbody>
        </table>
      )}
      {editing?.kind === 'new' ? (
        <ReminderTemplateForm
          key="new"
          template={null}
          onDone={(saved) => {
            setEditing(null);
            if (saved) showFlash(`${saved.name} added`);
          }}
        />
      ) : null}
      {editingTemplate ? (
        <ReminderTemplateForm
          key={editingTemplate.id}
          template={editingTemplate}
          onDone={(saved) => {
            setEditing(null);
            if (saved) showFlash(`${saved.name} saved`);
          }}
        />
      ) : null}
    </section>
  );
}

function TemplateRow({ template: t, isEditing, onEdit }: { template: ReminderTemplate; isEditing: boolean; onEdit: () => void }) {
  return (
    <tr className={`${t.active ? '' : 'inactive-row'}${isEditing ? ' is-editing' : ''}`.trim() || undefined}>
      <td>
        <span className="template-name">{t.name}</span>
        {!t.active ? (
          <>
            {' '}
            <span className="badge badge-neutral">Switched off</span>
          </>
        ) : null}
      </td>
      <td>{t.offsetLabel}</td>
      <td>{TEMPLATE_CHANNEL_LABELS[t.channel]}</td>
      <td className="reminder-body-cell">{t.body}</td>
      <td className="actions-cell">
        <button type="button" className="button button-quiet" onClick={onEdit} disabled={isEditing}>
          Edit<span className="visually-hidden"> {t.name}</span>
        </button>
      </td>
    </tr>
  );
}
