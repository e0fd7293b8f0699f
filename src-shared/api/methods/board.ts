import { z } from 'zod';
import { method } from '../method';
import { emptyInput } from '../schemas/common';
import { calendarOutput } from '../schemas/series-moves';

export const boardMethods = {
  /**
   * Today's suites and sessions as the wall board shows them, for the board role that may
   * read nothing else: the clinic's date and zone come with it, and patients are shown by
   * initials only (a wall display is seen by everyone in the room).
   */
  'board.today': method({
    input: emptyInput,
    output: calendarOutput.extend({ date: z.string(), clinicName: z.string() }),
    permission: 'board.read',
  }),
};
