/** Schema of resources/series/templates.json, validated by the service at start-up. */
import { z } from 'zod';

export const SUPERVISOR_ROLES = ['anesthesiologist', 'crna', 'rn'] as const;

export const seriesTemplateEntrySchema = z
  .object({
    key: z.string().min(1),
    name: z.string().min(1),
    sessionCount: z.number().int().min(1).max(50),
    windowDays: z.number().int().min(1).max(365),
    minGapDays: z.number().int().min(1),
    maxGapDays: z.number().int().min(1),
    prepMinutes: z.number().int().min(0).max(360),
    infusionMinutes: z.number().int().min(60).max(360),
    recoveryMinutes: z.number().int().min(0).max(360),
    supervisorRole: z.enum(SUPERVISOR_ROLES),
    source: z.string().min(1),
  })
  .refine((t) => t.minGapDays <= t.maxGapDays, { message: 'minGapDays must not exceed maxGapDays', path: ['minGapDays'] });

export const seriesTemplatesFileSchema = z.object({
  version: z.literal(1),
  note: z.string().optional(),
  templates: z.array(seriesTemplateEntrySchema).min(1),
});

export type SeriesTemplatesFile = z.infer<typeof seriesTemplatesFileSchema>;
