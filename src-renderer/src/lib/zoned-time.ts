/**
 * Clinic wall-clock time ↔ instants, shared with the backend (src-shared/domain/zoned-time.ts)
 * so a time typed in clinic time means the same instant on both sides.
 */
export {
  addDays,
  localDateAt,
  localTimeAt,
  zonedToInstant,
  NonexistentTimeError,
} from '../../../src-shared/domain/zoned-time';
export { providerLabel } from '../../../src-shared/domain/provider-label';

import { formatDualTime, viewerTimeZone, type TimeFormat } from '../../../src-shared/domain/clock-display';
import { currentTimeFormat } from '../features/clinic/clock';

/** An instant in clinic time, with the viewer's own beside it when it differs. */
export function dualTime(
  instant: number,
  clinicZone: string,
  opts: { withDate?: boolean; format?: TimeFormat } = {},
): { clinic: string; viewer?: string } {
  // The clinic's format unless told: screens that read the zone from the clinic store re-render
  // when the settings (format included) change.
  return formatDualTime(instant, clinicZone, viewerTimeZone(), { ...opts, format: opts.format ?? currentTimeFormat() });
}
