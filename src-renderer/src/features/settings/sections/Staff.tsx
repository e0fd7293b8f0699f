/** Settings › Staff and shifts: the people, and who supervises how many infusions when. */
import { ShiftsSection } from '../floor/ShiftsSection';
import { useFloorLiveData } from '../floor/store';
import { StaffSection } from '../StaffSection';

export function StaffPage() {
  useFloorLiveData();
  return (
    <>
      <StaffSection />
      <ShiftsSection />
    </>
  );
}
