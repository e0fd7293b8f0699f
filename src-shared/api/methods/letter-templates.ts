/**
 * Letter templates (Settings → Letter templates): the clinic's own wording of the peer-to-peer
 * request and the two appeal letters, saved over the built-in template and drafted from from
 * then on (letters already written keep their text). Reading is for whoever reads letters;
 * changing the wording is settings, like the payer rule sets.
 */
import { z } from 'zod';
import { method } from '../method';
import { emptyInput } from '../schemas/common';
import { letterTemplateSchema, resetLetterTemplateInput, saveLetterTemplateInput } from '../schemas/letter-templates';

const write = { permission: 'settings.write', changes: 'clinic.changed' } as const;

export const letterTemplateMethods = {
  /** Each letter's template as drafts use it now (the clinic's copy, else built-in), with its placeholders. */
  'letterTemplates.list': method({ input: emptyInput, output: z.array(letterTemplateSchema), permission: 'schedule.read' }),
  /**
   * Save the clinic's wording of one letter: refused (nothing saved, each problem beside its
   * section) when a section is missing, too long, has a hidden control character, names a
   * placeholder the app does not know, or drops one the letter needs.
   */
  'letterTemplates.save': method({ input: saveLetterTemplateInput, output: letterTemplateSchema, ...write }),
  /** Back to the built-in template: new drafts use the shipped wording again. */
  'letterTemplates.reset': method({ input: resetLetterTemplateInput, output: letterTemplateSchema, ...write }),
};
