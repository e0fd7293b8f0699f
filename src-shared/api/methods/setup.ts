/**
 * The first-run setup a new clinic walks through after its administrator is created: the
 * clinic's name and zone, suites and hours, staff and shifts, payers, then booking the first
 * patient. What each step sets is saved with the ordinary settings methods as it goes; these
 * two only remember where the walk is, so a closed window or a crash resumes at that step.
 */
import { z } from 'zod';
import { method } from '../method';
import { emptyInput } from '../schemas/common';

export const SETUP_STEPS = ['clinic', 'suites', 'staff', 'payers'] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

export const setupStatusSchema = z.object({
  /** none: this computer did not start a clinic (joined one, or was set up before this existed). */
  state: z.enum(['none', 'open', 'finished']),
  /** Where to resume: a step, or 'done' (the last page, "Book your first patient"). */
  step: z.enum([...SETUP_STEPS, 'done']).nullable(),
  /** Steps whose answers were saved (the others were skipped or not reached). */
  saved: z.array(z.enum(SETUP_STEPS)),
});
export type SetupStatus = z.infer<typeof setupStatusSchema>;

export const setupMethods = {
  'setup.status': method({ input: emptyInput, output: setupStatusSchema, permission: 'clinic.read' }),
  'setup.save': method({
    input: z.object({
      /** The step to resume at next. */
      step: z.enum([...SETUP_STEPS, 'done'], { error: 'Choose a setup step.' }),
      /** The step whose answers were just saved, if any. */
      saved: z.enum(SETUP_STEPS, { error: 'Choose a setup step.' }).optional(),
      /** The walk is over (finished, or left for Settings): it is not offered again. */
      finished: z.boolean().default(false),
    }),
    output: setupStatusSchema,
    permission: 'settings.write',
  }),
};
