/**
 * The physician's sign-off of the intake: what needs their review (screening answers that
 * flag, medications with a "review" interaction), the "Sign off intake" action for those who
 * may (physician, administrator), "Waiting for the physician's sign-off" for everyone else, and
 * the sign-offs given (history, newest first). A new item after a sign-off is marked new and
 * opens the need for another one.
 */
import { useState, type FormEvent } from 'react';
import type { IntakeRecord, IntakeReview, SignOff } from '../../../../src-shared/api/schemas/intake';
import { ROLE_WORDS, USER_ROLES, type UserRole } from '../../../../src-shared/api/permissions';
import { formatDualTime, viewerTimeZone } from '../../../../src-shared/domain/clock-display';
import { api } from '../../api/client';
import { FormAlert, TextAreaField } from '../../components/Field';
import { Flash } from '../../components/Flash';
import { useFlash } from '../../components/useFlash';
import { noErrors, toFormErrors, type FormErrors } from '../../lib/errors';
import { useCan } from '../auth/store';
import { useClinicTimeZone } from '../clinic/store';
import { Badge, SectionFrame, useSectionFocus } from './common';
import { reloadIntake } from './store';
import './review.css';

const COMMENT_ID = 'signoff-comment';

const roleWord = (role: string) => (USER_ROLES.includes(role as UserRole) ? ROLE_WORDS[role as UserRole].name.toLowerCase() : role);

/** When it was signed, in clinic time with the date, and the viewer's own time when it differs. */
export function signedWhen(s: SignOff, clinicZone: string): string {
  const t = formatDualTime(s.signedAt, clinicZone, viewerTimeZone());
  return `${t.clinic}${t.viewer ? ` (your time ${t.viewer})` : ''}`;
}

export function SignOffSection({ record }: { record: IntakeRecord }) {
  const review = record.review;
  const canSign = useCan('intake.signoff');
  const zone = useClinicTimeZone();
  const [flash, showFlash] = useFlash();
  useSectionFocus('signoff', canSign ? COMMENT_ID : 'intake-signoff-heading');
  // Nothing to review and never signed: the section would only say so.
  if (review.status === 'not_needed' && review.signOffs.length === 0) return null;

  const latest = review.signOffs[0];
  return (
    <SectionFrame section="signoff" title="Physician’s sign-off" flash={<Flash message={flash} />}>
      <div data-testid="intake-signoff">
        <p className={`notice${review.status === 'open' ? ' notice-warning' : ''}`} role="status">
          <StatusBadge review={review} />{' '}
          {review.status === 'signed_off' && latest ? `Signed off by ${latest.signedByName}, ${signedWhen(latest, zone)}.` : review.summary}
          {review.status === 'open' && !canSign ? ' A physician signs off in this chart; until then the intake is not complete.' : null}
        </p>
        {review.items.length > 0 ? (
          <ul className="review-items" aria-label="What needs the physician’s review">
            {review.items.map((i) => (
              <li key={i.key}>
                {i.open ? <Badge tone="warning">{latest ? 'New, to review' : 'To review'}</Badge> : <Badge tone="success">Reviewed</Badge>}{' '}
                <strong>{i.label}</strong>
                <div className="muted small">{i.detail}</div>
              </li>
            ))}
          </ul>
        ) : null}
        {canSign && review.status === 'open' ? (
          <SignOffForm record={record} onSigned={() => showFlash('Intake signed off')} />
        ) : null}
        {review.signOffs.length > 0 ? <History signOffs={review.signOffs} zone={zone} /> : null}
      </div>
    </SectionFrame>
  );
}

function StatusBadge({ review }: { review: IntakeReview }) {
  if (review.status === 'open') return <Badge tone="warning">Sign-off needed</Badge>;
  if (review.status === 'signed_off') return <Badge tone="success">Signed off</Badge>;
  return <Badge tone="neutral">Nothing to review</Badge>;
}

function SignOffForm({ record, onSigned }: { record: IntakeRecord; onSigned: () => void }) {
  const review = record.review;
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<FormErrors>(noErrors);
  const [busy, setBusy] = useState(false);
  const blocked = review.blockedReason;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (blocked) return;
    setBusy(true);
    setErrors(noErrors);
    try {
      // Every item shown, open and already reviewed: the new sign-off covers them all.
      await api.call('intake.signOff', { patientId: record.patient.id, reviewed: review.items.map((i) => i.key), comment });
      setComment('');
      onSigned();
    } catch (err) {
      // A new item since the chart was loaded comes back as a refusal naming it: show it and reload.
      setErrors(toFormErrors(err, { known: (f) => f === 'comment' }));
    } finally {
      setBusy(false);
      void reloadIntake(record.patient.id);
    }
  };

  return (
    <form className="subform signoff-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Sign off the intake">
      <FormAlert message={errors.general} />
      {blocked ? (
        <p className="notice" role="note">
          {blocked}
        </p>
      ) : null}
      <TextAreaField
        id={COMMENT_ID}
        label="Comment (optional)"
        hint="For example what to check before the first infusion. Kept with the sign-off."
        value={comment}
        onChange={setComment}
        maxLength={2000}
        rows={2}
        error={errors.fields['comment']}
      />
      <button type="submit" className="button button-primary" disabled={busy || !!blocked}>
        {busy ? 'Signing off…' : 'Sign off intake'}
      </button>{' '}
      <span className="muted small">
        You confirm you reviewed {review.openCount === 1 ? 'the item' : `the ${review.openCount} items`} marked to review above.
      </span>
    </form>
  );
}

function History({ signOffs, zone }: { signOffs: SignOff[]; zone: string }) {
  return (
    <div className="signoff-history">
      <h3 className="small-heading">Sign-offs</h3>
      <ol className="plain-list">
        {signOffs.map((s) => (
          <li key={s.id}>
            <strong>{s.signedByName}</strong> ({roleWord(s.signedByRole)}), {signedWhen(s, zone)}
            {s.comment ? (
              <>
                : <span className="signoff-comment">“{s.comment}”</span>
              </>
            ) : null}
            <div className="muted small">Reviewed: {s.reviewed.map((r) => r.label).join('; ') || 'nothing listed'}</div>
          </li>
        ))}
      </ol>
    </div>
  );
}
