/**
 * One patient: who they are, how to reach them, who drives them home, and their insurance,
 * then the chart's panels (series, outcomes, authorizations, consultations, documents, prior
 * records, intake).
 *
 * The panels need only the patient's id, so they are mounted (hidden) while the patient's
 * details load: their calls go out together with patients.get instead of after its answer,
 * and the chart appears once, complete, when the details arrive. What the screen shows while
 * loading is unchanged ("Loading the patient's details…"), and so is the chart.
 */
import { useLayoutEffect, type ReactNode } from 'react';
import type { Coverage, PatientDetail } from '../../../../src-shared/api/schemas/patients';
import { todayInZone } from '../../../../src-shared/domain/dates';
import { navigate, paths } from '../../app/router';
import { AuthorizationsPanel } from '../authorizations/AuthorizationsPanel';
import { ScreenHeading } from '../../components/ScreenHeading';
import { useCan } from '../auth/store';
import { useClinicTimeZone } from '../clinic/store';
import { PatientDocuments } from '../documents/PatientDocuments';
import { IntakeArea, IntakeJump } from '../intake/IntakeArea';
import { BookingPanel } from '../scheduling/BookingPanel';
import { SeriesArea } from '../series/SeriesArea';
import { PatientOutcomes } from '../outcomes/PatientOutcomes';
import { PatientRecords } from '../records/PatientRecords';
import { CoverageSection } from './CoverageSection';
import { askDuplicatesEarly, LikelyDuplicatesPanel } from './DuplicateWarning';
import { CONTACT_OPTIONS, SEX_OPTIONS, displayName, dobWithAge, optionLabel, phoneText } from './labels';
import type { DetailEntry } from './store';
import { usePatientsStore } from './store';
import { usePatient } from './usePatient';
import './patient-page.css';

function Item({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '';
  return (
    <div className="detail-item">
      <dt>{label}</dt>
      <dd>{empty ? <span className="muted">Not recorded</span> : children}</dd>
    </div>
  );
}

/** The top of the screen while there is no chart to show: loading, not found, or could not load. */
function MissingTop({ entry, id }: { entry: DetailEntry | undefined; id: string }) {
  const retry = () => void usePatientsStore.getState().loadPatient(id);
  let body: ReactNode;
  let title = 'Patient';
  if (!entry || entry.status === 'loading') {
    body = <p className="muted chart-pending-end">Loading the patient’s details…</p>;
  } else if (entry.status === 'gone') {
    title = 'Patient not found';
    body = <p>{entry.error}</p>;
  } else {
    title = 'Patient could not be opened';
    body = (
      <>
        <p className="error-text">{entry.error}</p>
        <button type="button" className="button" onClick={retry}>
          Try again
        </button>
      </>
    );
  }
  return (
    <>
      <p className="breadcrumb">
        <a href={paths.patients}>‹ Back to patients</a>
      </p>
      <ScreenHeading title={title} />
      {body}
    </>
  );
}

/** Loading, not found, or could not load: said plainly, with a way back. */
export function PatientMissing({ entry, id }: { entry: DetailEntry | undefined; id: string }) {
  return (
    <section className="screen">
      <MissingTop entry={entry} id={id} />
    </section>
  );
}

const NO_COVERAGES: readonly Coverage[] = [];

export function PatientPage({ id }: { id: string }) {
  const entry = usePatient(id);
  // Opened from the search list with nothing cached: the likely-duplicates check reads only
  // what the list's row shows, so it is asked now, beside the details, not after them.
  useLayoutEffect(() => {
    const { details, items } = usePatientsStore.getState();
    if (details[id]?.patient) return;
    const row = items.find((p) => p.id === id);
    if (row) askDuplicatesEarly(row);
  }, [id]);
  const timeZone = useClinicTimeZone();
  const patient = entry?.patient ?? null;
  const loading = !patient && (!entry || entry.status === 'loading');
  // Not found, or could not be loaded with nothing to show: no chart, and no panels.
  if (!patient && !loading) return <PatientMissing entry={entry} id={id} />;
  // The panels keep their place (and their loaded data) from loading to loaded: only the top changes.
  return (
    <section className={loading ? 'screen chart-pending' : 'screen'}>
      {patient ? (
        <PatientDetails patient={patient} today={todayInZone(timeZone)} stale={entry?.status === 'error' ? entry.error : null} />
      ) : (
        <MissingTop entry={entry} id={id} />
      )}

      <SeriesArea patientId={id} />

      <PatientOutcomes patientId={id} />

      <AuthorizationsPanel
        patientId={id}
        defaultPayerId={patient?.coverages.find((c) => c.priority === 'primary')?.payerId ?? null}
        coverages={patient?.coverages ?? NO_COVERAGES}
      />

      <div className="chart-grid">
        <BookingPanel patientId={id} patientName={patient ? `${patient.firstName} ${patient.lastName}` : ''} />
        <PatientDocuments patientId={id} />
      </div>

      <PatientRecords patientId={id} />

      <IntakeArea patientId={id} />
    </section>
  );
}

/** The chart's top: the patient's heading, likely duplicates, contact, emergency contact, referral, coverage. */
function PatientDetails({ patient: p, today, stale }: { patient: PatientDetail; today: string; stale: string | null }) {
  const canEdit = useCan('patients.write');
  const contactHow = optionLabel(CONTACT_OPTIONS, p.preferredContact);
  return (
    <>
      <p className="breadcrumb">
        <a href={paths.patients}>‹ Back to patients</a>
      </p>
      <ScreenHeading
        title={displayName(p)}
        lead={
          <>
            MRN <span className="mono">{p.mrn}</span> · {optionLabel(SEX_OPTIONS, p.sex)} · Born {dobWithAge(p.dateOfBirth, today)}
          </>
        }
      >
        <IntakeJump patientId={p.id} />
        {canEdit ? (
          <button type="button" className="button button-primary" onClick={() => navigate(paths.editPatient(p.id))}>
            Edit patient
          </button>
        ) : null}
      </ScreenHeading>
      {stale ? (
        <p className="form-alert" role="alert">
          Showing the details as last loaded. {stale}
        </p>
      ) : null}

      <LikelyDuplicatesPanel patient={p} />

      <div className="detail-grid">
        <section className="panel" aria-labelledby="contact-heading">
          <h2 id="contact-heading">Contact</h2>
          <dl className="detail-list">
            <Item label="Phone">{phoneText(p.phone)}</Item>
            <Item label="Email">{p.email}</Item>
            <Item label="Preferred contact">{contactHow}</Item>
          </dl>
        </section>

        <section className="panel" aria-labelledby="emergency-heading">
          <h2 id="emergency-heading">Emergency contact</h2>
          <dl className="detail-list">
            <Item label="Name">{p.emergencyContactName}</Item>
            <Item label="Relationship">{p.emergencyContactRelation}</Item>
            <Item label="Number">{phoneText(p.emergencyContactPhone)}</Item>
            <Item label="Drives the patient home">
              {p.emergencyContactIsDriver ? 'Yes' : <span className="muted">No — confirm a driver before each infusion</span>}
            </Item>
          </dl>
        </section>

        <section className="panel" aria-labelledby="referral-heading">
          <h2 id="referral-heading">Referring provider</h2>
          <dl className="detail-list">
            <Item label="Provider">{p.referringProvider}</Item>
            <Item label="Office number">{phoneText(p.referringProviderPhone)}</Item>
          </dl>
        </section>
      </div>

      <CoverageSection patient={p} />
    </>
  );
}
