/** New patient and Edit patient screens around the shared form. */
import { paths } from '../../app/router';
import { ScreenHeading } from '../../components/ScreenHeading';
import { displayName } from './labels';
import { PatientForm } from './PatientForm';
import { PatientMissing } from './PatientPage';
import { usePatient } from './usePatient';

export function NewPatientScreen() {
  return (
    <section className="screen">
      <p className="breadcrumb">
        <a href={paths.patients}>Patients</a> <span aria-hidden="true">›</span> New patient
      </p>
      <ScreenHeading title="New patient" />
      <PatientForm />
    </section>
  );
}

export function EditPatientScreen({ id }: { id: string }) {
  const entry = usePatient(id);
  const patient = entry?.patient;
  if (!patient) return <PatientMissing entry={entry} id={id} />;
  return (
    <section className="screen">
      <p className="breadcrumb">
        <a href={paths.patients}>Patients</a> <span aria-hidden="true">›</span>{' '}
        <a href={paths.patient(id)}>{displayName(patient)}</a> <span aria-hidden="true">›</span> Edit
      </p>
      <ScreenHeading title={`Edit ${patient.firstName} ${patient.lastName}`} />
      <PatientForm key={patient.id} patient={patient} />
    </section>
  );
}
