/**
 * The audit screen's words, pure (unit-tested): the kind filter's choices, who did it, what
 * it was, where, and the chain status banner.
 */
import {
  AUDIT_BREAK_WORDS,
  AUDIT_KIND_WORDS,
  type AuditEvent,
  type AuditKind,
  type AuditStatus,
} from '../../../../src-shared/api/methods/audit';
import { ROLE_WORDS, type UserRole } from '../../../../src-shared/api/permissions';

/** The "What" filter: groups first, then each kind alone. */
export const KIND_CHOICES: { key: string; label: string; kinds: AuditKind[] | null }[] = [
  { key: 'all', label: 'Everything', kinds: null },
  { key: 'reads', label: 'Patient data read (charts, records, documents)', kinds: ['chartOpened', 'patientRead', 'recordOpened', 'documentOpened', 'search'] },
  { key: 'exports', label: 'Exports and PDFs', kinds: ['export', 'documentGenerated'] },
  { key: 'changes', label: 'Changes', kinds: ['change'] },
  { key: 'access', label: 'Sign-in, lock and user administration', kinds: ['signIn', 'signInFailed', 'signOut', 'lock', 'unlock', 'userAdmin'] },
  ...(Object.keys(AUDIT_KIND_WORDS) as AuditKind[]).map((k) => ({ key: `kind:${k}`, label: `Only: ${AUDIT_KIND_WORDS[k]}`, kinds: [k] })),
];

export function kindsFor(key: string): AuditKind[] | undefined {
  return KIND_CHOICES.find((c) => c.key === key)?.kinds ?? undefined;
}

export function roleText(role: string | null): string | null {
  if (!role) return null;
  return ROLE_WORDS[role as UserRole]?.name ?? role;
}

/** "Carla Mendes", "Not signed in (tried “carla”)" for a failed sign-in. */
export function whoText(e: Pick<AuditEvent, 'kind' | 'userId' | 'userName'>): string {
  if (e.kind === 'signInFailed' || !e.userId) return e.userName ? `Not signed in (tried “${e.userName}”)` : 'Not signed in';
  return e.userName ?? 'Unknown user';
}

export function whatText(e: Pick<AuditEvent, 'kind'>): string {
  return AUDIT_KIND_WORDS[e.kind] ?? e.kind;
}

/** The account an administration event or a failed sign-in was about ("account: Nia Okafor"). */
export function accountText(e: Pick<AuditEvent, 'kind' | 'subjectId' | 'subjectName' | 'userId'>): string | null {
  if (e.kind !== 'userAdmin' && e.kind !== 'signInFailed') return null;
  if (!e.subjectId) return e.kind === 'signInFailed' ? 'no such account' : null;
  if (e.kind === 'userAdmin' && e.subjectId === e.userId) return 'their own account';
  return e.subjectName ? `${e.subjectName.startsWith('the ') ? '' : 'account: '}${e.subjectName}` : 'an account not on this computer';
}

/** The computer it happened on. */
export function computerText(e: Pick<AuditEvent, 'deviceName' | 'thisDevice' | 'device'>): string {
  if (e.deviceName) return e.thisDevice ? `${e.deviceName} (this computer)` : e.deviceName;
  return e.thisDevice ? 'This computer' : `Computer ${e.device.slice(0, 6)}…`;
}

/** The patient column: the name looked up now, or why there is none. */
export function patientText(e: Pick<AuditEvent, 'patientId' | 'patientName'>): string | null {
  if (!e.patientId) return null;
  return e.patientName ?? 'A patient not on this computer';
}

export interface StatusWords {
  tone: 'ok' | 'broken' | 'checking';
  headline: string;
  detail: string;
}

/**
 * The banner: "Verified" with how many rows and when, or where a chain broke and what it
 * means. `timeText` formats an instant in the clinic's zone.
 */
export function statusWords(s: AuditStatus, timeText: (instant: number) => string): StatusWords {
  if (s.checking && !s.brokenAt) {
    return {
      tone: 'checking',
      headline: 'Checking the audit trail…',
      detail: `${s.checkedRows.toLocaleString('en-US')} ${s.checkedRows === 1 ? 'row' : 'rows'} checked so far, all in order. The app can be used meanwhile.`,
    };
  }
  if (s.ok || !s.brokenAt) {
    return {
      tone: 'ok',
      headline: 'The audit trail is intact.',
      detail:
        s.checkedRows === 0
          ? `Checked ${timeText(s.checkedAt)}, when nothing had been recorded yet.`
          : `${s.checkedRows.toLocaleString('en-US')} ${s.checkedRows === 1 ? 'row' : 'rows'} checked ${timeText(s.checkedAt)}: every computer's chain of rows is complete and unchanged.`,
    };
  }
  const b = s.brokenAt;
  const where = b.thisDevice ? (b.deviceName ? `${b.deviceName} (this computer)` : 'this computer') : (b.deviceName ?? `computer ${b.device.slice(0, 6)}…`);
  const when = b.at !== null ? ` (${timeText(b.at)})` : '';
  return {
    tone: 'broken',
    headline: `The audit trail was altered on ${where}: ${AUDIT_BREAK_WORDS[b.problem]} at row ${b.seq}${when}.`,
    detail:
      'Rows of that computer from there on cannot be shown to be complete and unchanged. Nothing else is affected; the app goes on recording. Tell the person responsible for the clinic’s security, and keep a copy of this computer’s data folder as it is.',
  };
}
