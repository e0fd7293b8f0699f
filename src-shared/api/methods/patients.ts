import { z } from 'zod';
import { expectedVersion, method } from '../method';
import { idSchema } from '../schemas/common';
import {
  coverageFieldsSchema,
  coverageSchema,
  patientDetailSchema,
  patientFieldsSchema,
  patientSearchInput,
  patientSearchOutput,
} from '../schemas/patients';

export const patientMethods = {
  'patients.search': method({ input: patientSearchInput, output: patientSearchOutput, permission: 'patients.read' }),
  'patients.get': method({ input: z.object({ id: idSchema }), output: patientDetailSchema, permission: 'patients.read' }),
  'patients.create': method({
    input: patientFieldsSchema,
    output: patientDetailSchema,
    permission: 'patients.write',
    changes: 'patients.changed',
  }),
  'patients.update': method({
    input: z.object({ id: idSchema, expectedVersion, fields: patientFieldsSchema }),
    output: patientDetailSchema,
    permission: 'patients.write',
    changes: 'patients.changed',
  }),
  'patients.remove': method({
    input: z.object({ id: idSchema, expectedVersion }),
    output: z.object({ id: idSchema }),
    permission: 'patients.write',
    changes: 'patients.changed',
  }),
  'patients.addCoverage': method({
    input: z.object({ patientId: idSchema, fields: coverageFieldsSchema }),
    output: coverageSchema,
    permission: 'patients.write',
    changes: 'patients.changed',
  }),
  'patients.updateCoverage': method({
    input: z.object({ id: idSchema, expectedVersion, fields: coverageFieldsSchema }),
    output: coverageSchema,
    permission: 'patients.write',
    changes: 'patients.changed',
  }),
  'patients.removeCoverage': method({
    input: z.object({ id: idSchema, expectedVersion }),
    output: z.object({ id: idSchema }),
    permission: 'patients.write',
    changes: 'patients.changed',
  }),
};
