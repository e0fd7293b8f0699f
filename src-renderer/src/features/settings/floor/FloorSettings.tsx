/**
 * Settings › Infusion floor: what the series planner books against, besides the suites and
 * staff above: series templates, who supervises when, and when suites are closed.
 */
import { ClosuresSection } from './ClosuresSection';
import { ShiftsSection } from './ShiftsSection';
import { useFloorLiveData } from './store';
import { TemplatesSection } from './TemplatesSection';

export function FloorSettings() {
  useFloorLiveData();
  return (
    <section className="floor-settings" aria-labelledby="floor-heading">
      <h2 id="floor-heading" className="area-heading">
        Infusion floor
      </h2>
      <p className="section-lead">
        What infusion series are booked against: the series the clinic offers, who supervises when, and when suites are closed.
        Suites are set under Suites above, opening hours with the clinic’s details, and people under Staff.
      </p>
      <TemplatesSection />
      <ShiftsSection />
      <ClosuresSection />
    </section>
  );
}
