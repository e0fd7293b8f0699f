import { useTimeFormat } from '../features/clinic/clock';
import { dualTime } from '../lib/zoned-time';

/**
 * "Tue, Dec 1, 9:00 AM CST" in the clinic's time format (with the year when not this year), and
 * "your time" beside it for a viewer in another zone, with the viewer's date when it is another day.
 */
export function DualTime({ instant, zone, withDate = true }: { instant: number; zone: string; withDate?: boolean }) {
  const format = useTimeFormat();
  const t = dualTime(instant, zone, { withDate, format });
  return (
    <span className="dual-time">
      <time dateTime={new Date(instant).toISOString()}>{t.clinic}</time>
      {t.viewer ? <span className="viewer-time"> (your time: {t.viewer})</span> : null}
    </span>
  );
}
