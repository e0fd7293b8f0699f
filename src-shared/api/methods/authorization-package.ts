/**
 * The request package (issue 11, part P3): drafted from the chart (cover sheet, letter of medical
 * necessity citing the records, the cited records ticked as enclosures), edited while a draft,
 * previewed as the PDF, and finalized: the PDF is filed as a document and never changes.
 */
import { z } from 'zod';
import { method } from '../method';
import { idSchema } from '../schemas/common';
import {
  authorizationPackageSchema,
  draftPackageInput,
  finalizePackageInput,
  packageListSchema,
  packagePdfSchema,
  updatePackageInput,
} from '../schemas/authorization-package';

const write = { permission: 'schedule.write', changes: 'schedule.changed' } as const;

export const authorizationPackageMethods = {
  /**
   * A draft package written from the chart and the request. Refused when the request already has
   * a draft (unless rebuilding it at the version seen) or is closed.
   */
  'authorizations.package.draft': method({ input: draftPackageInput, output: authorizationPackageSchema, ...write }),
  /** A request's draft package and its filed ones. */
  'authorizations.package.get': method({ input: z.object({ authorizationId: idSchema }), output: packageListSchema, permission: 'schedule.read' }),
  /** Edit a draft's letter paragraphs and which records are enclosed (version-checked); a final package is refused. */
  'authorizations.package.update': method({ input: updatePackageInput, output: authorizationPackageSchema, ...write }),
  /**
   * The package as one PDF: a draft drawn now, a final one's filed bytes. It carries the chart's
   * records, so it needs the permission to open them.
   */
  'authorizations.package.preview': method({ input: z.object({ id: idSchema }), output: packagePdfSchema, permission: 'patients.read' }),
  /** File the package: its PDF becomes a document on the chart and the package never changes again. */
  'authorizations.package.finalize': method({
    input: finalizePackageInput,
    output: z.object({ package: authorizationPackageSchema, fileName: z.string(), pages: z.number().int() }),
    ...write,
  }),
};
