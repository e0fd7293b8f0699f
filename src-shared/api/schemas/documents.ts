import { z } from 'zod';
import { idSchema } from './common';

export const DOC_TYPES = [
  'intake_summary',
  'nerve_block_report',
  'physical_therapy_note',
  'imaging_report',
  'referral_letter',
  'medication_list',
  'payer_letter',
  'outcomes_report',
  'other',
] as const;

export const documentSchema = z.object({
  id: idSchema,
  patientId: idSchema.nullable(),
  docType: z.enum(DOC_TYPES),
  title: z.string(),
  mimeType: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  origin: z.enum(['generated', 'watched_folder', 'imported']),
  createdAt: z.number().int(),
});
export type DocumentInfo = z.infer<typeof documentSchema>;

export const documentContentSchema = documentSchema.extend({
  /** The file's bytes, base64: the renderer never reads the file system itself. */
  base64: z.string(),
  fileName: z.string(),
});
