/**
 * The intake area of a patient's chart: how complete the intake is (and what is missing,
 * each with a button to the place it is filled in), then one section per part of it.
 */
import { useEffect } from 'react';
import type { Completeness, IntakeSection } from '../../../../src-shared/api/schemas/intake';
import { BudapestSection } from './BudapestSection';
import { DiagnosesSection } from './DiagnosesSection';
import { MedicationsSection } from './MedicationsSection';
import { ScoresSection } from './ScoresSection';
import { ScreeningSection } from './ScreeningSection';
import { SignOffSection } from './SignOffSection';
import { TreatmentsSection } from './TreatmentsSection';
import { useIntakeStore } from './store';

export function IntakeArea({ patientId }: { patientId: string }) {
  const entry = useIntakeStore((s) => s.records[patientId]);
  const reference = useIntakeStore((s) => s.reference);
  const referenceError = useIntakeStore((s) => s.referenceError);

  useEffect(() => {
    useIntakeStore.getState().ensureReference();
    void useIntakeStore.getState().loadRecord(patientId);
  }, [patientId]);

  const record = entry?.record;
  let body;
  if (!reference || !record) {
    const error = entry?.status === 'error' ? entry.error : !reference ? referenceError : null;
    body = error ? (
      <div className="form-alert" role="alert">
        <p>The intake could not be loaded. {error}</p>
        <button
          type="button"
          className="button"
          onClick={() => {
            void useIntakeStore.getState().loadReference();
            void useIntakeStore.getState().loadRecord(patientId);
          }}
        >
          Try again
        </button>
      </div>
    ) : (
      <p className="muted">Loading the intake…</p>
    );
  } else {
    body = (
      <>
        {entry?.status === 'error' ? (
          <p className="form-alert" role="alert">
            Showing the intake as last loaded. {entry.error}
          </p>
        ) : null}
        <CompletenessPanel completeness={record.completeness} />
        <SignOffSection record={record} />
        <DiagnosesSection record={record} reference={reference} />
        <BudapestSection record={record} reference={reference} />
        <TreatmentsSection record={record} reference={reference} />
        <MedicationsSection record={record} reference={reference} />
        <ScreeningSection record={record} reference={reference} />
        <ScoresSection record={record} reference={reference} />
      </>
    );
  }

  return (
    <section className="intake-area" aria-labelledby="intake-heading">
      <h2 id="intake-heading" className="area-heading">
        Intake
      </h2>
      {body}
    </section>
  );
}

/** For the top of the chart: how far the intake is, and a way down to it. */
export function IntakeJump({ patientId }: { patientId: string }) {
  const record = useIntakeStore((s) => s.records[patientId]?.record);
  if (!record) return null;
  const c = record.completeness;
  return (
    <button
      type="button"
      className={`button button-quiet intake-jump${c.complete ? ' is-complete' : ''}`}
      onClick={() => {
        document.getElementById('intake-heading')?.scrollIntoView({ block: 'start' });
        document.getElementById('completeness-heading')?.focus({ preventScroll: true });
      }}
    >
      Intake {c.percent}% complete
    </button>
  );
}

function CompletenessPanel({ completeness: c }: { completeness: Completeness }) {
  const requestFocus = useIntakeStore((s) => s.requestFocus);
  const missing = c.items.filter((i) => !i.done);
  const done = c.items.filter((i) => i.done);
  const go = (section: IntakeSection) => requestFocus(section);
  return (
    <section className={`panel completeness${c.complete ? ' is-complete' : ''}`} aria-labelledby="completeness-heading" data-testid="intake-completeness">
      <div className="completeness-head">
        <h3 id="completeness-heading" className="completeness-title" tabIndex={-1}>
          Intake {c.done} of {c.total} complete
        </h3>
        <span className="completeness-percent">{c.percent}%</span>
      </div>
      <div
        className="meter"
        role="progressbar"
        aria-labelledby="completeness-heading"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={c.percent}
        aria-valuetext={`${c.percent}% complete`}
      >
        <div className="meter-fill" style={{ width: `${c.percent}%` }} />
      </div>
      {c.complete ? (
        <p className="completeness-done">Everything the physician and the payer package need is recorded.</p>
      ) : (
        <>
          <p className="completeness-lead">Still missing:</p>
          <ul className="missing-items">
            {missing.map((item) => (
              <li key={item.id}>
                <button type="button" className="link-button" onClick={() => go(item.section)}>
                  {item.missingReason ?? item.label}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
      {done.length > 0 ? (
        <p className="muted small completeness-done-list">
          <span className="done-label">Done:</span>
          {done.map((i) => (
            <span key={i.id} className="done-item">
              <span aria-hidden="true">✓ </span>
              {i.label}
            </span>
          ))}
        </p>
      ) : null}
    </section>
  );
}
