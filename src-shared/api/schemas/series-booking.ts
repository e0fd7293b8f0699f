import { z } from 'zod';
import { idSchema, instantSchema, optionalMultilineText } from './common';
import { seriesSchema } from './series';

export const plannedSessionSchema = z.object({
  seq: z.number().int().min(1),
  suiteId: idSchema,
  supervisorId: idSchema,
  startsAt: z.number().int(),
  infusionStartsAt: z.number().int(),
  recoveryStartsAt: z.number().int(),
  endsAt: z.number().int(),
});

const payment = {
  /** The authorization the series is meant to use; leave out with selfPay. */
  authorizationId: idSchema.nullish().transform((v) => v ?? null),
  /**
   * A second authorization the same sessions also draw on, when the payer authorizes the parts
   * apart (the drug beside the administration): both must cover each session.
   */
  alsoAuthorizationId: idSchema.nullish().transform((v) => v ?? null),
  selfPay: z.boolean().default(false),
};

export const proposeSeriesInput = z.object({
  patientId: idSchema,
  templateId: idSchema,
  /** Earliest start (epoch ms); now when left out. */
  from: instantSchema('earliest start').optional(),
  ...payment,
  preferences: z
    .object({
      weekdays: z.array(z.number().int().min(0).max(6)).max(7).optional(),
      timeOfDay: z.enum(['morning', 'afternoon']).optional(),
      suiteId: idSchema.optional(),
    })
    .optional(),
});

export const proposeSeriesOutput = z.object({
  proposals: z.array(
    z.object({ kind: z.enum(['earliest_finish', 'preferred', 'same_suite']), label: z.string(), sessions: z.array(plannedSessionSchema) }),
  ),
  noFit: z.object({ reasons: z.array(z.string()), suggestions: z.array(z.string()) }).nullable(),
});

export const bookSeriesInput = z.object({
  patientId: idSchema,
  templateId: idSchema,
  sessions: z.array(plannedSessionSchema).min(1, { error: 'Choose the sessions to book.' }).max(60),
  ...payment,
  note: optionalMultilineText('Note', 2000),
});

export const bookSeriesOutput = seriesSchema;
