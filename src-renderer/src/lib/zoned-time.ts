/**
 * Clinic wall-clock time ↔ instants. The helper lives with the scheduling backend (pure, Intl
 * only, no Node imports); the renderer uses the same code so a time typed in clinic time
 * means the same instant on both sides. Imported from one place only: this file.
 */
export {
  addDays,
  localDateAt,
  localTimeAt,
  zonedToInstant,
  NonexistentTimeError,
} from '../../../src-main/backend/scheduling/zoned-time';
export { providerLabel } from '../../../src-main/backend/scheduling/rules/providers';

import { formatDualTime, viewerTimeZone } from '../../../src-shared/domain/clock-display';

/** An instant in clinic time, with the viewer's own beside it when it differs. */
export function dualTime(instant: number, clinicZone: string, opts: { withDate?: boolean } = {}): { clinic: string; viewer?: string } {
  return formatDualTime(instant, clinicZone, viewerTimeZone(), opts);
}
