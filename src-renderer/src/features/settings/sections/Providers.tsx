/** Settings › Provider hours: when each provider sees patients, and their time off. */
import { AvailabilitySection } from '../../scheduling/AvailabilitySection';

export function ProvidersPage() {
  return <AvailabilitySection />;
}
