/**
 * Letter templates in Settings → Letter templates: the built-in wording of each letter
 * (resources/authorizations/letters/) and the clinic's own copy of it, section by section, with
 * the placeholders a section may use. A saved copy is checked like the built-in files: every
 * section there, no hidden control characters, and no placeholder the app does not know.
 */
import { z } from 'zod';
import { letterKindSchema } from './authorization-letters';

/** Longest a template section may be (the built-in files allow the same). */
export const TEMPLATE_SECTION_MAX = 20_000;

export const letterTemplateSectionSchema = z.object({
  key: z.string(),
  /** The section's heading in the letter (may be blank: the address and signature have none). */
  heading: z.string(),
  /** The wording in use: the clinic's, else the built-in one. */
  text: z.string(),
  /** The built-in wording, for comparison. */
  builtIn: z.string(),
});

export const letterTemplateSchema = z.object({
  kind: letterKindSchema,
  title: z.string(),
  /** Where the built-in wording comes from, and what to check before sending. */
  about: z.string(),
  /** template: the built-in wording as shipped; clinic: the clinic's own saved copy. */
  source: z.enum(['template', 'clinic']),
  sections: z.array(letterTemplateSectionSchema),
  /** Every placeholder a section may use, with what it stands for; `required`: the letter must use it. */
  placeholders: z.array(z.object({ name: z.string(), meaning: z.string(), required: z.boolean() })),
  /** When and by whom the clinic's copy was last saved (null for the built-in template). */
  savedAt: z.number().int().nullable(),
  savedBy: z.string().nullable(),
  /** The stored row's version (send it back when saving), null while no copy was ever saved. */
  version: z.number().int().nullable(),
  /** A saved copy that no longer reads (an older app's placeholders): the built-in text stands in. */
  unreadable: z.boolean(),
});
export type LetterTemplateView = z.infer<typeof letterTemplateSchema>;

export const saveLetterTemplateInput = z.object({
  kind: letterKindSchema,
  /** Every section of the built-in template, by key, with the clinic's text. */
  sections: z
    .array(z.object({ key: z.string().max(40, { error: 'A section key is at most 40 characters.' }), text: z.string({ error: 'Enter the section’s text.' }) }))
    .max(30, { error: 'A letter has at most 30 sections.' }),
  /** The version the editor read (null: it read the built-in template with no copy saved). */
  expectedVersion: z.number().int().min(1).nullable(),
});

export const resetLetterTemplateInput = z.object({
  kind: letterKindSchema,
  expectedVersion: z.number().int().min(1).nullable(),
});
