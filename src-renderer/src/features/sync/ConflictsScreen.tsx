/**
 * Conflicts between computers: when two computers booked or changed the same thing while
 * apart, both changes were kept and the backend listed a conflict. Each open one is a card
 * with both sides side by side and one-click ways out through the normal write path
 * (cancel a session, open the calendar on that day, open a patient's record, or mark it as
 * needing no change). A conflict closes itself when it no longer holds, on every computer;
 * closed ones stay below under "Resolved".
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { EventTopic } from '../../../../src-shared/api/contract';
import type { SyncConflict } from '../../../../src-shared/api/methods/sync';
import { api } from '../../api/client';
import { navigate, paths } from '../../app/router';
import { Flash } from '../../components/Flash';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useFlash } from '../../components/useFlash';
import { errorText } from '../../lib/errors';
import { useCan } from '../auth/store';
import { useClinicTimeZone } from '../clinic/store';
import { MergeDialog, type MergeRequest } from '../patients/MergeDialog';
import { useSuiteCalendarStore } from '../suite-calendar/store';
import { ReasonDialog, type ReasonRequest } from '../today/ReasonDialog';
import {
  KIND_HINT,
  KIND_TITLE,
  canCancel,
  clinicDate,
  closedBy,
  closedHeadline,
  conflictWhen,
  isSessionConflict,
  madeLine,
  sessionTimes,
  sideDetail,
  sideName,
  type ConflictSide,
} from './conflict-words';
import { useSyncStore } from './store';
import { shortClinicTime } from './sync-words';
import './sync.css';

const TOPICS: EventTopic[] = ['sync.changed', 'schedule.changed', 'patients.changed'];

export const EMPTY_TEXT = 'No conflicts. When two computers change the same thing while apart, it shows up here.';

/** The list, re-read when sync, the schedule or patients change (debounced: events come in bursts). */
function useConflicts() {
  const [conflicts, setConflicts] = useState<SyncConflict[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const openCount = useSyncStore((s) => s.status?.openConflicts ?? null);

  const load = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const { conflicts } = await api.call('sync.conflicts', { includeClosed: true });
      if (mine !== seq.current) return;
      setConflicts(conflicts);
      setError(null);
    } catch (err) {
      if (mine !== seq.current) return;
      setError(errorText(err));
    }
  }, []);

  useEffect(() => {
    void load();
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = null;
        void load();
      }, 200);
    };
    const offs = TOPICS.map((topic) => api.subscribe(topic, soon));
    return () => {
      if (timer) clearTimeout(timer);
      for (const off of offs) off();
    };
  }, [load]);

  // The status (re-read every 15 s) counts open conflicts: a new count means a new list.
  useEffect(() => {
    if (openCount !== null) void load();
  }, [openCount, load]);

  return { conflicts, error, load };
}

export function ConflictsScreen() {
  const zone = useClinicTimeZone();
  const syncState = useSyncStore((s) => s.status?.state ?? null);
  const { conflicts, error, load } = useConflicts();
  const [request, setRequest] = useState<ReasonRequest | null>(null);
  const [failed, setFailed] = useState<{ id: string; text: string } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [flash, showFlash] = useFlash(8000);
  const now = Date.now();

  const open = conflicts?.filter((c) => c.status === 'open') ?? [];
  const closed = (conflicts?.filter((c) => c.status !== 'open') ?? []).sort((a, b) => (b.resolvedAt ?? 0) - (a.resolvedAt ?? 0));

  const act = async (conflictId: string, work: () => Promise<unknown>, done: string) => {
    setBusy(conflictId);
    setFailed(null);
    try {
      await work();
      showFlash(done);
    } catch (err) {
      setFailed({ id: conflictId, text: errorText(err) });
    } finally {
      setBusy(null);
      void load();
    }
  };

  const askCancel = (c: SyncConflict, side: ConflictSide) => {
    const name = sideName(side);
    const others = c.sides.filter((s) => s.id !== side.id).map(sideName);
    setRequest({
      title: `Cancel ${name}’s session?`,
      lead: `${side.title}${side.startsAt !== undefined && side.endsAt !== undefined ? `, ${sessionTimes(side.startsAt, side.endsAt, zone)}` : ''} is cancelled on every computer.${
        others.length ? ` ${others.join(' and ')} keep${others.length === 1 ? 's' : ''} the booking.` : ''
      } Let ${name} know.`,
      label: 'Reason for cancelling',
      confirm: 'Cancel this session',
      required: true,
      missing: 'Say why the session is cancelled.',
      danger: true,
      onConfirm: (reason) =>
        void act(
          c.id,
          () => api.call('sessions.setStatus', { sessionId: side.sessionId!, status: 'cancelled', reason, ...(side.version !== null ? { expectedVersion: side.version } : {}) }),
          `${name}’s session is cancelled. The conflict is resolved on every computer.`,
        ),
    });
  };

  const askDismiss = (c: SyncConflict, differentPeople: boolean) => {
    setRequest(
      differentPeople
        ? {
            title: 'They are different people?',
            lead: `${c.sides.map(sideName).join(' and ')} stay as two records. The conflict moves to Resolved on every computer.`,
            label: 'Note',
            confirm: 'They are different people',
            required: false,
            onConfirm: (note) =>
              void act(
                c.id,
                () => api.call('sync.dismissConflict', { id: c.id, reason: note ? `They are different people: ${note}` : 'They are different people.', expectedVersion: c.version }),
                'Marked as different people.',
              ),
          }
        : {
            title: 'Mark as needing no change?',
            lead: 'Everything stays as it is. The conflict moves to Resolved on every computer, with your reason.',
            label: 'Why nothing needs to change',
            confirm: 'Mark as needing no change',
            required: true,
            missing: 'Say why nothing needs to change.',
            onConfirm: (reason) => void act(c.id, () => api.call('sync.dismissConflict', { id: c.id, reason, expectedVersion: c.version }), 'Marked as needing no change.'),
          },
    );
  };

  const openCalendar = (side: ConflictSide) => {
    if (side.startsAt === undefined) return;
    const cal = useSuiteCalendarStore.getState();
    if (cal.view !== 'day') cal.setView('day');
    cal.setDate(clinicDate(side.startsAt, zone));
    cal.select(side.sessionId);
    navigate(paths.schedule);
  };

  return (
    <section className="screen conflicts-screen">
      <ScreenHeading
        title="Conflicts"
        lead="When two computers book or change the same thing while apart, both changes are kept and shown here. Choose what stays; your choice reaches every computer."
      />
      <Flash message={flash} />
      {syncState === 'offline' ? (
        <p className="notice notice-warning">This computer is offline. What you choose here reaches the other computers when it reconnects.</p>
      ) : null}
      {error ? (
        <div className="form-alert" role="alert">
          <p>The conflicts could not be read. {error}</p>
          <button type="button" className="button" onClick={() => void load()}>
            Try again
          </button>
        </div>
      ) : null}
      {conflicts === null ? (
        error ? null : (
          <p className="muted">Reading the conflicts…</p>
        )
      ) : open.length === 0 ? (
        <p className="notice conflicts-empty">{EMPTY_TEXT}</p>
      ) : (
        <>
          <h2 className="conflicts-count">{open.length === 1 ? '1 conflict to resolve' : `${open.length} conflicts to resolve`}</h2>
          <ul className="conflict-list">
            {open.map((c) => (
              <li key={c.id}>
                <ConflictCard
                  conflict={c}
                  zone={zone}
                  now={now}
                  busy={busy === c.id}
                  failed={failed?.id === c.id ? failed.text : null}
                  onCancel={(side) => askCancel(c, side)}
                  onCalendar={openCalendar}
                  onDismiss={(different) => askDismiss(c, different)}
                />
              </li>
            ))}
          </ul>
        </>
      )}
      {closed.length ? <ResolvedList conflicts={closed} zone={zone} now={now} /> : null}
      <ReasonDialog request={request} onClose={() => setRequest(null)} />
    </section>
  );
}

function ConflictCard({
  conflict: c,
  zone,
  now,
  busy,
  failed,
  onCancel,
  onCalendar,
  onDismiss,
}: {
  conflict: SyncConflict;
  zone: string;
  now: number;
  busy: boolean;
  failed: string | null;
  onCancel: (side: ConflictSide) => void;
  onCalendar: (side: ConflictSide) => void;
  onDismiss: (differentPeople: boolean) => void;
}) {
  const id = useId();
  const sessions = isSessionConflict(c.kind);
  const canMerge = useCan('patients.merge');
  const [merge, setMerge] = useState<MergeRequest | null>(null);
  const [a, b] = c.sides;
  // Same name and date of birth: one person on two records, merged by an administrator. Two
  // people given one MRN on different computers are not merged: one record's MRN is corrected.
  const mergeable = c.kind === 'duplicate_patient' && canMerge && c.sides.length === 2 && !!a?.patientId && !!b?.patientId && !c.summary.includes('were both given MRN');
  return (
    <article className="conflict-card" aria-labelledby={`${id}-title`} aria-describedby={`${id}-kind`} aria-busy={busy || undefined}>
      <header className="conflict-head">
        <p className="conflict-kind" id={`${id}-kind`}>
          <span aria-hidden="true">!</span> {KIND_TITLE[c.kind]}
        </p>
        <h3 id={`${id}-title`} className="conflict-summary">
          {c.summary}
        </h3>
        <p className="conflict-when">
          {c.startsAt !== null ? <span>{conflictWhen(c.startsAt, zone)}</span> : null}
          <span className="muted">Found {shortClinicTime(c.detectedAt, zone, now)}</span>
        </p>
        <p className="conflict-hint">{KIND_HINT[c.kind]}</p>
      </header>
      <ul className={`conflict-sides${c.sides.length > 2 ? ' conflict-sides-many' : ''}`} aria-label="Both sides">
        {c.sides.map((side, i) => (
          <li key={side.id} className="conflict-side" aria-label={side.title}>
            <p className="conflict-side-label">{c.sides.length === 2 ? (i === 0 ? 'One side' : 'The other side') : `Booking ${i + 1}`}</p>
            <h4 className="conflict-side-title">{side.title}</h4>
            {side.startsAt !== undefined && side.endsAt !== undefined ? <p className="conflict-side-times">{sessionTimes(side.startsAt, side.endsAt, zone)}</p> : null}
            <p className="conflict-side-made">{madeLine(side, zone, now)}</p>
            {side.detail ? <p className="conflict-side-detail">{side.sessionId ? `Status: ${sideDetail(side)}` : sideDetail(side)}</p> : null}
            <div className="conflict-side-actions">
              {sessions && side.sessionId ? (
                <>
                  {canCancel(side) ? (
                    <button type="button" className="button button-danger-quiet" disabled={busy} onClick={() => onCancel(side)}>
                      Cancel this session
                    </button>
                  ) : null}
                  {side.startsAt !== undefined ? (
                    <button type="button" className="button" onClick={() => onCalendar(side)}>
                      Open in the calendar
                    </button>
                  ) : null}
                </>
              ) : null}
              {side.patientId && !sessions ? (
                <a className="button" href={paths.patient(side.patientId)}>
                  Open record
                </a>
              ) : null}
            </div>
          </li>
        ))}
      </ul>
      {failed ? (
        <p className="form-alert conflict-error" role="alert">
          {failed}
        </p>
      ) : null}
      <footer className="conflict-foot">
        {mergeable && a && b ? (
          <button
            type="button"
            className="button button-primary"
            disabled={busy}
            onClick={() =>
              setMerge({
                a: { id: a.patientId!, firstName: sideName(a), lastName: '' },
                b: { id: b.patientId!, firstName: sideName(b), lastName: '' },
                conflictId: c.id,
              })
            }
          >
            Merge the two records…
          </button>
        ) : null}
        {c.kind === 'duplicate_patient' ? (
          <button type="button" className="button" disabled={busy} onClick={() => onDismiss(true)}>
            They are different people
          </button>
        ) : null}
        <button type="button" className="button button-quiet" disabled={busy} onClick={() => onDismiss(false)}>
          Mark as needing no change…
        </button>
      </footer>
      {mergeable ? <MergeDialog request={merge} onClose={() => setMerge(null)} onMerged={() => undefined} /> : null}
    </article>
  );
}

function ResolvedList({ conflicts, zone, now }: { conflicts: SyncConflict[]; zone: string; now: number }) {
  return (
    <details className="conflicts-resolved">
      <summary>
        <h2>Resolved ({conflicts.length})</h2>
      </summary>
      <ul>
        {conflicts.map((c) => {
          const by = closedBy(c, zone, now);
          return (
            <li key={c.id} className="conflict-closed" aria-label={c.summary}>
              <p className="conflict-closed-summary">{c.summary}</p>
              <p className="conflict-closed-how">
                <span aria-hidden="true">✓</span> {closedHeadline(c)}
                {by ? <span className="muted"> {by}</span> : null}
              </p>
              {c.startsAt !== null ? <p className="muted conflict-closed-when">{conflictWhen(c.startsAt, zone)}</p> : null}
              {isSessionConflict(c.kind) && c.sides.length ? (
                <ul className="conflict-closed-sides">
                  {c.sides.map((side) => (
                    <li key={side.id}>
                      {side.title}: <strong>{sideDetail(side)}</strong>
                    </li>
                  ))}
                </ul>
              ) : null}
            </li>
          );
        })}
      </ul>
    </details>
  );
}
