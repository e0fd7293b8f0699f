/**
 * Today: the day's infusion sessions by suite (the front desk's and the nurses' board), then
 * the intakes still to complete, least complete first, each with what is missing, a page of
 * 25 at a time (a 50,000-patient clinic has over a thousand). A row opens the patient's chart
 * at the intake.
 */
import { useEffect } from 'react';
import { prefetchScreensWhenIdle } from '../../app/lazy-screens';
import type { WorklistItem } from '../../../../src-shared/api/schemas/intake';
import { todayInZone } from '../../../../src-shared/domain/dates';
import { navigate, paths } from '../../app/router';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useClinicTimeZone } from '../clinic/store';
import { dobWithAge } from '../patients/labels';
import { OpenReviewLine } from '../intake/ReviewNotice';
import { useIntakeStore } from '../intake/store';
import { FirstPatientNotice } from '../patients/EmptyClinicNotice';
import { useHasPatients } from '../patients/useHasPatients';
import { SessionsToday } from './SessionsToday';
import { WorklistPager } from './WorklistPager';

const count = new Intl.NumberFormat('en-US');

export function TodayScreen() {
  const worklist = useIntakeStore((s) => s.worklist);
  const hasPatients = useHasPatients();
  const timeZone = useClinicTimeZone();
  const today = todayInZone(timeZone);

  useEffect(() => {
    void useIntakeStore.getState().loadWorklist();
  }, []);

  // Once the list is drawn (or has said why not), fetch the other screens' code while idle.
  const settled = worklist.status === 'ready' || worklist.status === 'error';
  useEffect(() => {
    if (settled) prefetchScreensWhenIdle();
  }, [settled]);

  return (
    <section className="screen screen-today">
      <ScreenHeading title="Today" />
      <SessionsToday />
      <section className="panel worklist-panel" aria-labelledby="worklist-heading">
        <div className="panel-heading">
          <h2 id="worklist-heading">Intakes to complete</h2>
          {worklist.status === 'ready' && worklist.total > 0 ? (
            <span className="count-pill">
              {worklist.total === 1 ? '1 intake to complete' : `${count.format(worklist.total)} intakes to complete`}
            </span>
          ) : null}
        </div>
        <p className="field-hint">Least complete first. Open a patient to fill in what is missing; each item links to the place it goes.</p>
        {worklist.status === 'error' ? (
          <div className="form-alert" role="alert">
            <p>The list could not be loaded. {worklist.error}</p>
            <button type="button" className="button" onClick={() => void useIntakeStore.getState().loadWorklist()}>
              Try again
            </button>
          </div>
        ) : null}
        {worklist.status === 'loading' || worklist.status === 'idle' ? (
          <p className="muted">Loading the list…</p>
        ) : worklist.items.length === 0 && worklist.status === 'ready' ? (
          hasPatients === false ? (
            <FirstPatientNotice what="A patient’s intake is listed here from registration until it is complete." />
          ) : (
            <p>Every intake is complete. New patients appear here until their intake is done.</p>
          )
        ) : worklist.items.length > 0 ? (
          <table className="data-table results-table worklist-table" aria-busy={worklist.paging}>
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Diagnosis</th>
                <th scope="col">Complete</th>
                <th scope="col">Still missing</th>
              </tr>
            </thead>
            <tbody>
              {worklist.items.map((item) => (
                <WorklistRow key={item.patientId} item={item} today={today} />
              ))}
            </tbody>
          </table>
        ) : null}
        {worklist.items.length > 0 ? (
          <WorklistPager
            offset={worklist.offset}
            shown={worklist.items.length}
            total={worklist.total}
            onPage={(offset) => void useIntakeStore.getState().loadWorklist(offset)}
          />
        ) : null}
      </section>
    </section>
  );
}

function WorklistRow({ item, today }: { item: WorklistItem; today: string }) {
  const href = paths.patient(item.patientId);
  const others = item.missingCount - 1;
  return (
    <tr className="clickable-row" onClick={() => navigate(href)}>
      <td>
        <a href={href} className="row-link">
          {item.lastName}, {item.firstName}
        </a>
        <div className="muted small">
          Born {dobWithAge(item.dateOfBirth, today)} · MRN <span className="mono">{item.mrn}</span>
        </div>
      </td>
      <td className="mono">{item.primaryCode ?? <span className="muted">None yet</span>}</td>
      <td className="percent-cell">
        <div className="meter meter-small" aria-hidden="true">
          <div className="meter-fill" style={{ width: `${item.percent}%` }} />
        </div>
        <span>
          {item.percent}% <span className="muted small">({item.done} of {item.total})</span>
        </span>
      </td>
      <td>
        <span className="missing-count">{item.missingCount === 1 ? '1 item' : `${item.missingCount} items`}:</span> {item.firstMissing}
        {others > 0 ? <span className="muted"> and {others} more</span> : null}
        <OpenReviewLine items={item.openReview} />
      </td>
    </tr>
  );
}
