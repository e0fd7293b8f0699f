/** The suite calendar and rescheduling. */
import { method } from '../method';
import {
  calendarInput,
  calendarOutput,
  repairInput,
  repairOutput,
  rescheduleInput,
  rescheduleOptionsInput,
  rescheduleOptionsOutput,
  rescheduleOutput,
} from '../schemas/series-moves';

export const seriesMoveMethods = {
  /** Sessions on the suite calendar for 1-14 days, with the floor snapshot the drag check runs on. */
  'sessions.calendar': method({ input: calendarInput, output: calendarOutput, permission: 'schedule.read' }),
  /** Places a session could move to that keep its series inside the timeline, earliest first. */
  'sessions.rescheduleOptions': method({ input: rescheduleOptionsInput, output: rescheduleOptionsOutput, permission: 'schedule.read' }),
  /** For a move that breaks the timeline: the series repaired (later sessions shifted), or why it cannot be. */
  'series.repairProposal': method({ input: repairInput, output: repairOutput, permission: 'schedule.read' }),
  /** Move one or more sessions of one series together, re-checked in one transaction, each with a history row. */
  'series.reschedule': method({ input: rescheduleInput, output: rescheduleOutput, permission: 'schedule.write', changes: 'schedule.changed' }),
};
