/** Settings › Suites and closures: the infusion rooms or chairs, and when one is closed. */
import { ClosuresSection } from '../floor/ClosuresSection';
import { useFloorLiveData } from '../floor/store';
import { SuitesSection } from '../SuitesSection';

export function SuitesPage() {
  useFloorLiveData();
  return (
    <>
      <SuitesSection />
      <ClosuresSection />
    </>
  );
}
