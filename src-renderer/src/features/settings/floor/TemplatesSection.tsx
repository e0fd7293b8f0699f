/**
 * Settings › Infusion floor › Series templates: what a series looks like (how many sessions,
 * over how many days, how far apart) and how long one session holds a suite. The planner
 * books series from these.
 */
import { useState } from 'react';
import { Flash } from '../../../components/Flash';
import { useFlash } from '../../../components/useFlash';
import { useFloorList, useFloorStore, type SeriesTemplate } from './store';
import { TemplateForm } from './TemplateForm';
import { gapText, minutesText, plural, supervisorLabel } from './labels';

/** Which form is open: none, a new template, or the one being edited. */
type Editing = null | { kind: 'new' } | { kind: 'edit'; id: string };

export function TemplatesSection() {
  const entry = useFloorList('templates');
  const [editing, setEditing] = useState<Editing>(null);
  const [flash, showFlash] = useFlash();
  const templates = entry?.data ?? [];
  const editingTemplate = editing?.kind === 'edit' ? templates.find((t) => t.id === editing.id) : undefined;

  return (
    <section className="panel floor-section" aria-labelledby="templates-heading">
      <div className="panel-heading">
        <h3 id="templates-heading">Series templates</h3>
        <Flash message={flash} />
        {editing === null ? (
          <button type="button" className="button" onClick={() => setEditing({ kind: 'new' })}>
            New template
          </button>
        ) : null}
      </div>
      <p className="field-hint">
        The shapes of infusion series the clinic offers: how many sessions, within how many days, how far apart, and how long
        each session holds a suite. Series are planned from these.
      </p>
      {entry?.status === 'error' ? (
        <div className="form-alert" role="alert">
          <p>The series templates could not be loaded. {entry.error}</p>
          <button type="button" className="button" onClick={() => void useFloorStore.getState().load('templates')}>
            Try again
          </button>
        </div>
      ) : null}
      {!entry?.data ? (
        entry?.status === 'error' ? null : <p className="muted">Loading series templates…</p>
      ) : templates.length === 0 ? (
        <p className="muted">No series templates yet. Add the first one with New template.</p>
      ) : (
        <table className="data-table template-table">
          <thead>
            <tr>
              <th scope="col">Template</th>
              <th scope="col">Sessions</th>
              <th scope="col">Each session holds a suite for</th>
              <th scope="col">Supervised by</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {templates.map((t) => (
              <TemplateRow
                key={t.id}
                template={t}
                isEditing={editing?.kind === 'edit' && editing.id === t.id}
                onEdit={() => setEditing({ kind: 'edit', id: t.id })}
              />
            ))}
          </tbody>
        </table>
      )}
      {editing?.kind === 'new' ? (
        <TemplateForm
          key="new"
          template={null}
          onDone={(saved) => {
            setEditing(null);
            if (saved) showFlash(`${saved.name} added`);
          }}
        />
      ) : null}
      {editingTemplate ? (
        <TemplateForm
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

function TemplateRow({ template: t, isEditing, onEdit }: { template: SeriesTemplate; isEditing: boolean; onEdit: () => void }) {
  const total = t.prepMinutes + t.infusionMinutes + t.recoveryMinutes;
  return (
    <tr className={`${t.active ? '' : 'inactive-row'}${isEditing ? ' is-editing' : ''}`.trim() || undefined}>
      <td>
        <span className="template-name">{t.name}</span>
        {!t.active ? (
          <>
            {' '}
            <span className="badge badge-neutral">Not offered</span>
          </>
        ) : null}
      </td>
      <td>
        {t.sessionCount === 1 ? 'A single session' : `${plural(t.sessionCount, 'session')} within ${plural(t.windowDays, 'day')}`}
        {t.sessionCount > 1 ? <div className="muted small">{gapText(t.minGapDays, t.maxGapDays)}</div> : null}
      </td>
      <td>
        <strong>{minutesText(total)}</strong>
        <div className="muted small">
          {minutesText(t.prepMinutes)} IV preparation · {minutesText(t.infusionMinutes)} infusion · {minutesText(t.recoveryMinutes)} recovery
        </div>
      </td>
      <td>{supervisorLabel(t.supervisorRole)}</td>
      <td className="actions-cell">
        <button type="button" className="button button-quiet" onClick={onEdit} disabled={isEditing}>
          Edit<span className="visually-hidden"> {t.name}</span>
        </button>
      </td>
    </tr>
  );
}
