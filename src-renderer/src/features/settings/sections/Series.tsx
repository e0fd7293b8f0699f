/** Settings › Infusion series: the series templates the planner books. */
import { useFloorLiveData } from '../floor/store';
import { TemplatesSection } from '../floor/TemplatesSection';

export function SeriesPage() {
  useFloorLiveData();
  return <TemplatesSection />;
}
