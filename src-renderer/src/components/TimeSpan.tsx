import { spanText, viewerSpanText } from '../features/series/format';

/**
 * A session's day and times in clinic time with its zone ("Mon, Dec 7 · 8:00 AM–1:30 PM CST"), and
 * below it the viewer's own, with their date, when their zone reads differently.
 */
export function TimeSpan({ zone, startsAt, endsAt }: { zone: string; startsAt: number; endsAt: number }) {
  const viewer = viewerSpanText(zone, startsAt, endsAt);
  return (
    <span className="dual-time">
      <time dateTime={new Date(startsAt).toISOString()}>{spanText(zone, startsAt, endsAt)}</time>
      {viewer ? <span className="viewer-time small"> (your time: {viewer})</span> : null}
    </span>
  );
}
