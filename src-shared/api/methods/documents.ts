import { z } from 'zod';
import { method } from '../method';
import { idSchema } from '../schemas/common';
import { documentContentSchema, documentSchema } from '../schemas/documents';

/** Files kept for a patient: generated reports now, prior records with the records work. */
export const documentMethods = {
  'documents.listForPatient': method({
    input: z.object({ patientId: idSchema }),
    output: z.array(documentSchema),
    permission: 'patients.read',
  }),
  'documents.read': method({
    input: z.object({ id: idSchema }),
    output: documentContentSchema,
    permission: 'patients.read',
  }),
};
