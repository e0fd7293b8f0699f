import { dualTime } from '../lib/zoned-time';

/** "Tue, Dec 1, 9:00 AM CST", with "your time" beside it for a viewer in another zone. */
export function DualTime({ instant, zone, withDate = true }: { instant: number; zone: string; withDate?: boolean }) {
  const t = dualTime(instant, zone, { withDate });
  return (
    <span className="dual-time">
      <time dateTime={new Date(instant).toISOString()}>{t.clinic}</time>
      {t.viewer ? <span className="viewer-time"> (your time: {t.viewer})</span> : null}
    </span>
  );
}
