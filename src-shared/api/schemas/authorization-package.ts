/**
 * The prior authorization request package (issue 11, part P3): one PDF per request holding the
 * cover sheet, the letter of medical necessity written from the chart and the enclosed records'
 * own pages. A draft's letter paragraphs and enclosure choice are edited; the final one is filed
 * as a document on the chart and never changes (a new draft is a new package).
 */
import { z } from 'zod';
import { idSchema, optionalText, textCharacterProblem } from './common';

export const packageSectionSchema = z.object({
  key: z.string(),
  heading: z.string(),
  text: z.string(),
  /** Typed over by a person (a rebuild from the chart or a change of enclosures leaves it as typed). */
  edited: z.boolean(),
});

export const packageEnclosureSchema = z.object({
  documentId: idSchema,
  title: z.string(),
  mimeType: z.string(),
  pages: z.number().int().nullable(),
  include: z.boolean(),
  /** Its enclosure number in the letter (1-based, counted over the ticked ones); null when not enclosed. */
  number: z.number().int().nullable(),
  /** Why it cannot be enclosed (not a PDF or image; removed from the chart); null when it can. */
  problem: z.string().nullable(),
});

export const authorizationPackageSchema = z.object({
  id: idSchema,
  version: z.number().int(),
  authorizationId: idSchema,
  patientId: idSchema,
  state: z.enum(['draft', 'final']),
  sections: z.array(packageSectionSchema),
  enclosures: z.array(packageEnclosureSchema),
  /** Pages the ticked records add (records whose page count is known). */
  enclosedPages: z.number().int(),
  /** What to read before finalizing: criteria the chart does not show, records that cannot go, stale citations. */
  warnings: z.array(z.string()),
  /** The filed PDF (final packages) and its page count. */
  documentId: idSchema.nullable(),
  pages: z.number().int().nullable(),
  finalizedAt: z.number().int().nullable(),
  finalizedBy: z.string().nullable(),
  createdAt: z.number().int(),
  updatedAt: z.number().int(),
});
export type AuthorizationPackage = z.infer<typeof authorizationPackageSchema>;

export const packageListSchema = z.object({
  authorizationId: idSchema,
  patientId: idSchema,
  /** The draft being prepared, if any (at most one per request). */
  draft: authorizationPackageSchema.nullable(),
  /** Filed packages, newest first. */
  filed: z.array(authorizationPackageSchema),
});
export type PackageList = z.infer<typeof packageListSchema>;

export const draftPackageInput = z.object({
  authorizationId: idSchema,
  /**
   * Write the existing draft again from the chart (its edits are replaced): the version the
   * person saw. Without it, a request that already has a draft is refused, so nobody's edits
   * are lost by a second click.
   */
  rebuildVersion: z.number().int().min(1).optional(),
});

/** A letter paragraph: kept line by line; long, since the criteria cite every record. */
const sectionText = z
  .string()
  .max(20_000, { error: 'A paragraph can be at most 20,000 characters.', abort: true })
  .overwrite((v) => v.replace(/\r\n?/g, '\n'))
  .superRefine((v, ctx) => {
    const problem = textCharacterProblem(v, 'This paragraph', true);
    if (problem) ctx.addIssue({ code: 'custom', message: problem, abort: true });
  });

export const updatePackageInput = z.object({
  id: idSchema,
  /** The version the person edited; a newer stored one is a CONFLICT. */
  expectedVersion: z.number().int().min(1),
  /** Paragraphs edited, by key (the others are kept). */
  sections: z
    .array(z.object({ key: z.string().max(40), heading: optionalText('The heading', 200).optional(), text: sectionText }))
    .max(30, { error: 'A letter has at most 30 paragraphs.' })
    .default([]),
  /**
   * Which records go, in the order given (records not named keep their place after them).
   * Paragraphs not typed over are written again so their enclosure numbers follow.
   */
  enclosures: z.array(z.object({ documentId: idSchema, include: z.boolean() })).max(500, { error: 'At most 500 records can be listed.' }).optional(),
});

export const finalizePackageInput = z.object({
  id: idSchema,
  expectedVersion: z.number().int().min(1).optional(),
});

export const packagePdfSchema = z.object({
  patientId: idSchema,
  fileName: z.string(),
  mimeType: z.string(),
  base64: z.string(),
  pages: z.number().int(),
});
