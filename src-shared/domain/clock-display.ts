/**
 * Times are shown in the clinic's time zone (that is where the patient will be), with the
 * viewer's own local time beside it when the two differ: remote assistants often work from
 * another zone and must not book a 9:00 that is really 10:00.
 */

export interface DualTime {
  clinic: string;
  /** Present only when the viewer's zone gives a different wall-clock reading. */
  viewer?: string;
}

const fmtCache = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string, withDate: boolean): Intl.DateTimeFormat {
  const key = `${timeZone}|${withDate}`;
  let f = fmtCache.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      ...(withDate ? { weekday: 'short', month: 'short', day: 'numeric' } : {}),
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
    fmtCache.set(key, f);
  }
  return f;
}

export function formatDualTime(
  instant: number,
  clinicZone: string,
  viewerZone: string,
  opts: { withDate?: boolean } = {},
): DualTime {
  const withDate = opts.withDate ?? true;
  const clinic = formatter(clinicZone, withDate).format(instant);
  const viewerText = formatter(viewerZone, withDate).format(instant);
  // Compare the readings without the zone label: two zone names can share a wall clock.
  const strip = (s: string) => s.replace(/\s\S+$/, '');
  if (strip(clinic) === strip(viewerText)) return { clinic };
  return { clinic, viewer: viewerText };
}

export function viewerTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
