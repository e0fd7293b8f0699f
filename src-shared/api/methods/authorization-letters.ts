/**
 * Letters after a denial (issue 11, part P4): the peer-to-peer request, the patient's appeal
 * letter (for the patient to sign) and the provider's appeal letter, written from the clinic's
 * templates (resources/authorizations/letters/) and the chart, edited as drafts, and filed as a
 * PDF that never changes. A letter missing what it needs is refused naming every missing field.
 */
import { z } from 'zod';
import { method } from '../method';
import { idSchema } from '../schemas/common';
import { authorizationSchema } from '../schemas/series';
import {
  authorizationLetterSchema,
  draftLetterInput,
  finalizeLetterInput,
  letterPdfSchema,
  letterTextSchema,
  updateLetterInput,
} from '../schemas/authorization-letters';

const write = { permission: 'schedule.write', changes: 'schedule.changed' } as const;
const read = { permission: 'schedule.read' } as const;

export const authorizationLetterMethods = {
  /**
   * Write a new draft from the template: refused (VALIDATION, every missing field named, nothing
   * saved) when the authorization lacks what the letter needs; the draft carries warnings (a
   * peer-to-peer request after an appeal was filed, criteria the chart has no evidence for).
   */
  'authorizations.letters.draft': method({ input: draftLetterInput, output: authorizationLetterSchema, ...write }),
  /** One letter, draft or final. */
  'authorizations.letters.get': method({ input: z.object({ id: idSchema }), output: authorizationLetterSchema, ...read }),
  /** An authorization's letters, newest first. */
  'authorizations.letters.list': method({ input: z.object({ authorizationId: idSchema }), output: z.array(authorizationLetterSchema), ...read }),
  /** Edit a draft's title and section texts (version-checked); a final letter is refused. */
  'authorizations.letters.update': method({ input: updateLetterInput, output: authorizationLetterSchema, ...write }),
  /** The letter as a PDF (a draft's preview, or the filed final's own bytes). */
  'authorizations.letters.pdf': method({ input: z.object({ id: idSchema }), output: letterPdfSchema, ...read }),
  /** The letter as plain text, to paste into a payer's portal. */
  'authorizations.letters.text': method({ input: z.object({ id: idSchema }), output: letterTextSchema, ...read }),
  /**
   * File the letter: its PDF becomes a payer-letter document on the chart and the letter is final
   * (never changed again). With recordStatus, the step is recorded in the authorization's history
   * (peer-to-peer request → peer-to-peer asked for; appeal letter → appealed) when the status allows.
   */
  'authorizations.letters.finalize': method({
    input: finalizeLetterInput,
    output: z.object({
      letter: authorizationLetterSchema,
      authorization: authorizationSchema,
      /** Why the status was left as it was (null when the step was recorded or not asked for). */
      statusNote: z.string().nullable(),
    }),
    ...write,
  }),
};
