/**
 * Collisions found after the fact (two devices booked offline, then synced): the same suite
 * twice at once, a patient booked twice at once, a supervisor over their capacity. Pure.
 */
export interface LiveSession {
  id: string;
  patientId: string;
  suiteId: string;
  supervisorId: string | null;
  startsAt: number;
  infusionStartsAt: number;
  recoveryStartsAt: number;
  endsAt: number;
}

export interface SessionConflict {
  kind: 'suite' | 'patient' | 'supervisor' | 'closure';
  sessionIds: string[];
  /** Plain words for the person resolving it. */
  reason: string;
  /** When it starts (the first session involved), to open the calendar there. */
  startsAt: number;
}

export interface ConflictNames {
  suite(id: string): string;
  patient(id: string): string;
  staff(id: string): string;
  span(startsAt: number, endsAt: number): string;
}

const overlaps = (a: LiveSession, b: LiveSession) => a.startsAt < b.endsAt && b.startsAt < a.endsAt;

export function findConflicts(
  sessions: readonly LiveSession[],
  capacity: (staffId: string) => number,
  names: ConflictNames,
): SessionConflict[] {
  const sorted = [...sessions].sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id));
  const out: SessionConflict[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.startsAt < a.endsAt; j++) {
      const b = sorted[j]!;
      if (!overlaps(a, b)) continue;
      const when = names.span(Math.max(a.startsAt, b.startsAt), Math.min(a.endsAt, b.endsAt));
      if (a.suiteId === b.suiteId) {
        out.push({
          kind: 'suite',
          sessionIds: [a.id, b.id],
          startsAt: a.startsAt,
          reason: `${names.suite(a.suiteId)} is booked for ${names.patient(a.patientId)} and ${names.patient(b.patientId)} at the same time (${when}).`,
        });
      }
      if (a.patientId === b.patientId) {
        out.push({
          kind: 'patient',
          sessionIds: [a.id, b.id],
          startsAt: a.startsAt,
          reason: `${names.patient(a.patientId)} is booked twice at once (${when}): ${names.suite(a.suiteId)} and ${names.suite(b.suiteId)}.`,
        });
      }
    }
  }
  // Supervisor capacity, as the placement rule counts it: infusions in progress at each
  // infusion start (IV preparation and recovery do not count against it).
  const bySupervisor = new Map<string, LiveSession[]>();
  for (const s of sorted) if (s.supervisorId) bySupervisor.set(s.supervisorId, [...(bySupervisor.get(s.supervisorId) ?? []), s]);
  for (const [staffId, list] of bySupervisor) {
    const cap = capacity(staffId);
    const reported = new Set<string>();
    for (const s of list) {
      const during = list.filter((o) => o.infusionStartsAt <= s.infusionStartsAt && s.infusionStartsAt < o.recoveryStartsAt);
      if (during.length <= cap) continue;
      const key = during.map((o) => o.id).join('|');
      if (reported.has(key)) continue;
      reported.add(key);
      out.push({
        kind: 'supervisor',
        sessionIds: during.map((o) => o.id),
        startsAt: Math.min(...during.map((o) => o.startsAt)),
        reason: `${names.staff(staffId)} supervises ${during.length} infusions at once at ${names.span(s.infusionStartsAt, Math.min(...during.map((o) => o.recoveryStartsAt)))}; the shift allows ${cap}.`,
      });
    }
  }
  return out;
}

export interface ClosureSpan {
  /** null: the whole clinic. */
  suiteId: string | null;
  startsAt: number;
  endsAt: number;
  reason: string;
}

/**
 * Sessions booked in a suite while it is closed (the closure was added after the booking, or
 * both were made on different devices): each listed once, with the closure's reason.
 */
export function closureConflicts(sessions: readonly LiveSession[], closures: readonly ClosureSpan[], names: ConflictNames): SessionConflict[] {
  const out: SessionConflict[] = [];
  for (const s of [...sessions].sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id))) {
    const c = closures.find((x) => (x.suiteId === null || x.suiteId === s.suiteId) && x.startsAt < s.endsAt && s.startsAt < x.endsAt);
    if (!c) continue;
    out.push({
      kind: 'closure',
      sessionIds: [s.id],
      startsAt: s.startsAt,
      reason: `${names.patient(s.patientId)} is booked in ${names.suite(s.suiteId)} ${names.span(s.startsAt, s.endsAt)}, while ${c.suiteId === null ? 'the clinic' : 'it'} is closed (${c.reason}).`,
    });
  }
  return out;
}
