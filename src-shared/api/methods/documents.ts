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
  /** Build the physician's intake summary PDF and keep it in the patient's record. */
  'documents.generateIntakeSummary': method({
    input: z.object({ patientId: idSchema }),
    output: documentSchema,
    permission: 'patients.write',
    changes: 'patients.changed',
  }),
  'documents.read': method({
    input: z.object({ id: idSchema }),
    output: documentContentSchema,
    permission: 'patients.read',
  }),
};
