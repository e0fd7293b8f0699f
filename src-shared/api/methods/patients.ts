import { z } from 'zod';
import { expectedVersion, method } from '../method';
import { idSchema } from '../schemas/common';
import {
  coverageFieldsSchema,
  coverageSchema,
  createPatientInput,
  findDuplicatesInput,
  findDuplicatesOutput,
  mergeInput,
  mergePreviewSchema,
  mergeResultSchema,
  patientDetailSchema,
  patientFieldsSchema,
  patientSearchInput,
  patientSearchOutput,
} from '../schemas/patients';

export const patientMethods = {
  'patients.search': method({ input: patientSearchInput, output: patientSearchOutput, permission: 'patients.read' }),
  'patients.get': method({ input: z.object({ id: idSchema }), output: patientDetailSchema, permission: 'patients.read' }),
  /** Likely duplicates of a patient about to be saved (same name and date of birth, phone, MRN), each with why. */
  'patients.findLikelyDuplicates': method({ input: findDuplicatesInput, output: findDuplicatesOutput, permission: 'patients.read' }),
  /**
   * Refused (CONFLICT) when a live patient has the same name and date of birth, unless
   * `confirmedNotDuplicate` says the person saw the likely duplicates and chose a new patient.
   */
  'patients.create': method({
    input: createPatientInput,
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
  /** What a merge of two records would move (counts per kind of row), before the person confirms. */
  'patients.mergePreview': method({ input: mergeInput, output: mergePreviewSchema, permission: 'patients.merge' }),
  /**
   * Two records of one person made one: every row of `mergeId` moves to `keepId` (in one
   * transaction, through the change log), the merged record is removed with a "merged into"
   * pointer and the history of what moved; an open duplicate-patient conflict of the two closes.
   */
  'patients.merge': method({ input: mergeInput, output: mergeResultSchema, permission: 'patients.merge', changes: 'patients.changed' }),
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
