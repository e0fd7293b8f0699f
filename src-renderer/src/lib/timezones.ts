/** The time zone list for Settings: every IANA zone the browser knows, with its offset now. */

export interface ZoneOption {
  value: string;
  label: string;
  region: string;
  /** Lowercased text the filter matches against. */
  search: string;
}

function offsetText(zone: string, now: number): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'shortOffset' })
      .formatToParts(now)
      .find((p) => p.type === 'timeZoneName');
    return part ? part.value.replace('GMT', 'UTC').replace(/^UTC$/, 'UTC±0') : '';
  } catch {
    return '';
  }
}

let cache: ZoneOption[] | null = null;

export function zoneOptions(): ZoneOption[] {
  if (cache) return cache;
  const now = Date.now();
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  if (!zones.includes('UTC')) zones = [...zones, 'UTC'];
  cache = zones.map((value) => {
    const offset = offsetText(value, now);
    const label = `${value.replace(/_/g, ' ')}${offset ? ` (${offset})` : ''}`;
    const region = value.includes('/') ? value.split('/')[0]! : 'Other';
    return { value, label, region, search: `${value} ${label}`.toLowerCase().replace(/_/g, ' ') };
  });
  return cache;
}

/** A zone the list may lack (an old alias such as Asia/Calcutta) still shows as itself. */
export function zoneOption(value: string): ZoneOption {
  return (
    zoneOptions().find((z) => z.value === value) ?? {
      value,
      label: value.replace(/_/g, ' '),
      region: value.split('/')[0] ?? 'Other',
      search: value.toLowerCase(),
    }
  );
}
