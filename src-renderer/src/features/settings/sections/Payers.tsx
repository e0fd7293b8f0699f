/** Settings › Payers: insurance companies and other payers a patient's coverage names. */
import { PayersSection } from '../PayersSection';

export function PayersPage() {
  return <PayersSection />;
}
