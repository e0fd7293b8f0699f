/**
 * Prior authorization, electronic form (issue 11, part P5): the request as an HL7 Da Vinci PAS
 * Request Bundle (FHIR R4) and the import of the payer's ClaimResponse as a status step.
 */
import { z } from 'zod';
import { method } from '../method';
import { idSchema } from '../schemas/common';
import { authorizationSchema } from '../schemas/series';

/** A response file is small; a request bundle carries its records inline, so only the import is capped here. */
const MAX_RESPONSE_CHARS = 5_000_000;

export const exportPasInput = z.object({
  id: idSchema,
  /** CMS place of service (two digits): 11 office (the default), 49 independent clinic, 22 hospital outpatient... */
  placeOfService: z
    .string({ error: 'Enter the place of service as its two-digit code.' })
    .regex(/^\d{2}$/, { error: 'The place of service is a two-digit CMS code, such as 11 (office).' })
    .default('11'),
});

export const exportPasOutput = z.object({
  /** The Bundle as JSON text (what is saved or sent). */
  json: z.string(),
  fileName: z.string(),
  /** What was carried differently from the chart (e.g. diagnoses beyond the 12 X12 carries). */
  warnings: z.array(z.string()),
  /** How many resources the bundle holds, and how many of them are supporting records. */
  resources: z.number().int(),
  documents: z.number().int(),
});
export type PasExport = z.infer<typeof exportPasOutput>;

export const importClaimResponseInput = z.object({
  authorizationId: idSchema,
  json: z
    .string({ error: "Paste or choose the payer's response (JSON)." })
    .min(1, { error: "Paste or choose the payer's response (JSON)." })
    .max(MAX_RESPONSE_CHARS, { error: 'This file is larger than 5 MB; a payer response is much smaller. Check it is the right file.' }),
});

export const importClaimResponseOutput = z.object({
  authorization: authorizationSchema,
  /** false: this exact response was imported before (or says what is already recorded), and nothing changed. */
  changed: z.boolean(),
  /** What happened, in the desk's words. */
  message: z.string(),
});
export type ClaimResponseImport = z.infer<typeof importClaimResponseOutput>;

export const authorizationPasMethods = {
  /**
   * The request as a Da Vinci PAS Request Bundle: the Claim (preauthorization) first, then the
   * patient, payer, coverage, ordering provider (NPI) and the cited records as
   * DocumentReferences. Refused, naming each, when the request lacks what the form needs.
   */
  'authorizations.exportPas': method({ input: exportPasInput, output: exportPasOutput, permission: 'schedule.read' }),
  /**
   * Record the payer's ClaimResponse: A1 certified → approved (number, dates, units), A3 → denied
   * with the reason, A4 → pending, anything else → needs review. The same response twice changes nothing.
   */
  'authorizations.importClaimResponse': method({
    input: importClaimResponseInput,
    output: importClaimResponseOutput,
    permission: 'schedule.write',
    changes: 'schedule.changed',
  }),
};
