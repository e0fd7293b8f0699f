/**
 * Letters written after a denial (issue 11, part P4): the peer-to-peer request, the patient's
 * appeal letter and the provider's appeal letter. A draft is edited section by section; a final
 * letter is filed as a PDF document and never changes.
 */
import { z } from 'zod';
import { LETTER_KINDS } from '../../domain/authorizations/letters';
import { calendarDate, idSchema, optionalText, requiredText, textCharacterProblem } from './common';

export const letterKindSchema = z.enum(LETTER_KINDS, { error: 'Choose which letter: peer-to-peer request, patient appeal or provider appeal.' });

export const letterSectionSchema = z.object({
  key: z.string(),
  heading: z.string(),
  text: z.string(),
});

export const authorizationLetterSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  authorizationId: idSchema,
  patientId: idSchema,
  kind: letterKindSchema,
  state: z.enum(['draft', 'final']),
  title: z.string(),
  sections: z.array(letterSectionSchema),
  /** What the desk must read before sending (an appeal already filed, evidence the chart lacks, ...). */
  warnings: z.array(z.string()),
  /** The filed PDF (final letters). */
  documentId: idSchema.nullable(),
  finalizedAt: z.number().int().nullable(),
  finalizedBy: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type AuthorizationLetter = z.infer<typeof authorizationLetterSchema>;

export const draftLetterInput = z.object({
  authorizationId: idSchema,
  kind: letterKindSchema,
  /** Times the physician can take the reviewer's call (the peer-to-peer request needs two or more). */
  callWindows: z.array(optionalText('A call window', 120)).max(8, { error: 'Give at most 8 call windows.' }).optional(),
  /** The treating physician (staff); the authorization's ordering provider when absent. */
  physicianId: idSchema.optional(),
  /** MD, DO, ... when the staff name does not end with them. */
  physicianCredentials: optionalText("The physician's credentials", 40),
  /** The number the payer's reviewer calls. */
  physicianPhone: optionalText('The call back number', 40),
});

/** Section text: kept line by line; long, since a provider appeal cites every record. */
const sectionText = z
  .string()
  .max(20_000, { error: 'A section can be at most 20,000 characters.', abort: true })
  .overwrite((v) => v.replace(/\r\n?/g, '\n'))
  .superRefine((v, ctx) => {
    const problem = textCharacterProblem(v, 'This section', true);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, abort: true });
  });

export const updateLetterInput = z.object({
  id: idSchema,
  /** The version the user edited; a newer stored one is a CONFLICT. */
  expectedVersion: z.number().int().min(1),
  title: requiredText('letter title', 200).optional(),
  /** The sections edited, by key (others are kept). */
  sections: z.array(z.object({ key: z.string().max(40), heading: optionalText('The heading', 200).optional(), text: sectionText })).max(30).default([]),
});

export const finalizeLetterInput = z.object({
  id: idSchema,
  expectedVersion: z.number().int().min(1).optional(),
  /**
   * Record the step the letter is (peer-to-peer asked for; appealed) in the authorization's
   * history. Default yes; a step the status does not allow is left out and said so.
   */
  recordStatus: z.boolean().default(true),
  /** The date the appeal was filed (appeal letters; today when absent). */
  filedOn: calendarDate('filing date').optional(),
});

export const letterPdfSchema = z.object({ patientId: idSchema, fileName: z.string(), mimeType: z.string(), base64: z.string() });
export const letterTextSchema = z.object({ patientId: idSchema, text: z.string() });
