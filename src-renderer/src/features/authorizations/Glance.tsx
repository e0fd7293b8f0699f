/** Small read-outs shared by the chart panel and the work list. */
import type { Authorization } from '../../../../src-shared/api/schemas/series';
import { STATUS_LABELS, plural, sessionCounts, statusBadge, timingNote } from './labels';

export function StatusBadge({ status }: { status: Authorization['status'] }) {
  return <span className={statusBadge(status)}>{STATUS_LABELS[status]}</span>;
}

/** "6 approved · 2 used · 1 booked · 3 left" with a bar (used, then booked), or what stands in its place. */
export function SessionsGlance({ auth }: { auth: Authorization }) {
  const held = auth.sessionsUsed + auth.sessionsBooked;
  const booked = held > 0 ? ` · ${plural(held, 'session')} booked under it` : '';
  if (auth.status === 'draft' || auth.status === 'submitted' || auth.status === 'pending') {
    const asked = auth.approvedSessions !== null ? `${plural(auth.approvedSessions, 'session')} asked for, ` : '';
    return (
      <span className="muted">
        {asked}not approved yet{booked}
      </span>
    );
  }
  if (auth.status !== 'approved') {
    return <span className={booked ? 'sessions-over' : 'muted'}>Cannot be used{booked}</span>;
  }
  const c = sessionCounts(auth);
  if (!c) {
    return held > 0 ? (
      <span className="muted">{plural(held, 'session')} booked, none approved</span>
    ) : (
      <span className="muted">No sessions approved</span>
    );
  }
  const over = c.left < 0;
  const pct = (n: number) => (c.approved ? Math.min(100, Math.round((n / c.approved) * 100)) : 100);
  return (
    <div className="sessions-glance">
      <div className="sessions-figures">
        <span>
          <strong>{c.approved}</strong> approved
        </span>
        <span>
          <strong>{c.used}</strong> used
        </span>
        <span>
          <strong>{c.booked}</strong> booked
        </span>
        <span className={over ? 'sessions-over' : c.left === 0 ? 'sessions-none-left' : 'sessions-left'}>
          <strong>{over ? -c.left : c.left}</strong> {over ? 'over the approval' : 'left'}
        </span>
      </div>
      <div className={`meter meter-small${over ? ' meter-over' : ''}`} aria-hidden="true">
        <div className="meter-fill" style={{ width: `${pct(c.used)}%` }} />
        <div className="meter-fill meter-fill-booked" style={{ width: `${Math.min(pct(c.used + c.booked), 100) - pct(c.used)}%` }} />
      </div>
    </div>
  );
}

export function TimingNote({ auth, today }: { auth: Authorization; today: string }) {
  const t = timingNote(auth, today);
  if (!t) return null;
  return <span className={`timing-note timing-${t.tone}`}>{t.text}</span>;
}
