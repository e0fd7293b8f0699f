/** Settings › Clinic server: this computer's link to the clinic server and, for administrators, its devices. */
import { ClinicServerSection } from '../ClinicServerSection';

export function ServerPage() {
  return <ClinicServerSection />;
}
