/**
 * Does an authorization cover a series? Pure: sessions come with their clinic-local dates;
 * the sessions used by other series are counted by the caller from booked, non-cancelled
 * sessions (never a stored counter). Approved and partly approved authorizations open the gate
 * for the sessions and dates they give; anything else keeps it closed, and a shortfall is said
 * in words ("approved for 4 sessions; the series needs 6").
 */
import { APPROVED_AUTH_STATUSES, type AuthStatus } from '../../../../src-shared/api/schemas/series';
import { AUTH_STATUS_WORDS } from '../../../../src-shared/domain/authorizations/lifecycle';
import { formatCalendarDate } from '../../../../src-shared/domain/dates';

export interface CoverageSession {
  seq: number;
  /** Clinic-local calendar date, YYYY-MM-DD. */
  date: string;
}

export interface CoverageAuthorization {
  authNumber: string | null;
  status: string;
  approvedSessions: number | null;
  startDate: string | null;
  endDate: string | null;
}

export interface Coverage {
  covered: boolean;
  label: string;
  outside: { seq: number; why: string }[];
}

const mmdd = (d: string) => `${d.slice(5, 7)}/${d.slice(8, 10)}`;
/** "12/01-12/31" within one year; across a new year both years ("12/07/2026-01/19/2027"), so "01/19" is never read as this January. */
const span = (from: string, to: string) => (from.slice(0, 4) === to.slice(0, 4) ? `${mmdd(from)}-${mmdd(to)}` : `${formatCalendarDate(from)}-${formatCalendarDate(to)}`);
const plural = (n: number) => `${n} session${n === 1 ? '' : 's'}`;

export function seriesCoverage(
  sessions: readonly CoverageSession[],
  auth: CoverageAuthorization | null,
  selfPay: boolean,
  sessionsUsedElsewhere: number,
): Coverage {
  if (selfPay) return { covered: true, label: 'Self-pay', outside: [] };
  if (!auth) {
    return {
      covered: false,
      label: 'No authorization',
      outside: sessions.map((s) => ({ seq: s.seq, why: 'No authorization is attached and the series is not self-pay.' })),
    };
  }
  const name = auth.authNumber ? `auth ${auth.authNumber}` : 'the authorization';
  if (!APPROVED_AUTH_STATUSES.includes(auth.status as AuthStatus)) {
    const status = (AUTH_STATUS_WORDS[auth.status as AuthStatus] ?? auth.status).toLowerCase();
    return {
      covered: false,
      label: `Not covered: ${name} is ${status}`,
      outside: sessions.map((s) => ({ seq: s.seq, why: `${name} is ${status}, not approved.` })),
    };
  }
  const approved = auth.approvedSessions ?? 0;
  const remaining = Math.max(0, approved - sessionsUsedElsewhere);
  const outside: Coverage['outside'] = [];
  const ordered = [...sessions].sort((a, b) => a.seq - b.seq);
  ordered.forEach((s, i) => {
    if (auth.startDate && s.date < auth.startDate) outside.push({ seq: s.seq, why: `${formatCalendarDate(s.date)} is before ${name} starts (${formatCalendarDate(auth.startDate)}).` });
    else if (auth.endDate && s.date > auth.endDate) outside.push({ seq: s.seq, why: `${formatCalendarDate(s.date)} is after ${name} ends (${formatCalendarDate(auth.endDate)}).` });
    else if (i >= remaining) {
      outside.push({
        seq: s.seq,
        why: `Beyond the ${approved} approved session${approved === 1 ? '' : 's'} of ${name}` +
          (sessionsUsedElsewhere ? ` (${sessionsUsedElsewhere} used by other series).` : '.'),
      });
    }
  });
  const dates = auth.startDate && auth.endDate ? `, ${span(auth.startDate, auth.endDate)}` : '';
  const inCount = Math.min(ordered.length, remaining);
  const covered = outside.length === 0;
  const partly = auth.status === 'partially_approved' ? ' (partly approved)' : '';
  // Too few sessions is the usual reason a series waits: say it as the desk would to the payer.
  const held = sessionsUsedElsewhere ? `, ${sessionsUsedElsewhere} of them held by other series` : '';
  const shortfall = remaining < ordered.length ? `; approved for ${plural(approved)}${held}; the series needs ${ordered.length}` : '';
  return {
    covered,
    label: `${covered ? 'Covered' : 'Not fully covered'} by ${name}${partly}: ${inCount} of ${plural(ordered.length)}${dates}${shortfall}`,
    outside,
  };
}

/**
 * A series under two authorizations (the drug's beside the administration's): each is consumed on
 * its own, so a session is covered only when both cover it, and the desk reads both verdicts.
 */
export function bothCoverages(first: Coverage, second: Coverage): Coverage {
  const whys = new Map<number, string[]>();
  for (const o of [...first.outside, ...second.outside]) whys.set(o.seq, [...(whys.get(o.seq) ?? []), o.why]);
  return {
    covered: first.covered && second.covered,
    label: `${first.label} · ${second.label}`,
    outside: [...whys.entries()].sort((a, b) => a[0] - b[0]).map(([seq, w]) => ({ seq, why: w.join(' ') })),
  };
}
