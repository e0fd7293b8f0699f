import { method } from '../method';
import { emptyInput } from '../schemas/common';
import { boardSettingsSchema, boardSettingsUpdate, boardTodayOutput } from '../schemas/board';

export const boardMethods = {
  /**
   * Today's suites as the wall board shows them, worked out at the backend's clock from the
   * recorded session statuses: per suite who is in it (recorded phase, planned times, late or
   * not) and who is next, suites in use, and the day's utilization scheduled and actual with
   * their denominators. For the board role that may read nothing else: the clinic's date and
   * zone come with it, and patients are shown only as the clinic chose (initials or the day's code).
   */
  'board.today': method({ input: emptyInput, output: boardTodayOutput, permission: 'board.read' }),
  /** How the board names patients (initials, or a code per patient per day). The desk reads it to show a patient's code. */
  'board.settings.get': method({ input: emptyInput, output: boardSettingsSchema, permission: 'schedule.read' }),
  'board.settings.update': method({ input: boardSettingsUpdate, output: boardSettingsSchema, permission: 'settings.write', changes: 'clinic.changed' }),
};
