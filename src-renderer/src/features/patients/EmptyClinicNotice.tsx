/** What an empty list says on a clinic with no patients yet: where to begin. */
import { paths } from '../../app/router';
import { useCan } from '../auth/store';
import './empty-start.css';

export function FirstPatientNotice({ what }: { what: string }) {
  const registers = useCan('patients.write');
  return (
    <div className="notice empty-start">
      <p>
        No patients yet. {what}
      </p>
      {registers ? (
        <a className="button button-primary" href={paths.newPatient}>
          Register the first patient
        </a>
      ) : (
        <p className="muted">The front desk registers new patients.</p>
      )}
    </div>
  );
}
