/**
 * The API contract: every backend method, its input and output schemas and the
 * permission it needs. The backend's handler table and the renderer's client are both
 * typed from this one object, so a method cannot exist on one side only.
 */
import { z } from 'zod';
import type { Permission } from './permissions';
import { USER_ROLES } from './permissions';
import { emptyInput, idSchema } from './schemas/common';
import {
  clinicSettingsSchema,
  clinicSettingsUpdate,
  payerFields,
  payerSchema,
  staffFields,
  staffSchema,
  suiteFields,
  suiteSchema,
} from './schemas/clinic';
import {
  coverageFieldsSchema,
  coverageSchema,
  patientDetailSchema,
  patientFieldsSchema,
  patientSearchInput,
  patientSearchOutput,
} from './schemas/patients';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  permission: Permission;
  /** Topic published to subscribers after the method succeeds, so other screens refresh. */
  changes?: EventTopic;
}

const method = <I extends z.ZodType, O extends z.ZodType>(spec: MethodSpec<I, O>) => spec;

/** Optimistic concurrency: the version the user saw; a save over a newer one is a CONFLICT. */
const expectedVersion = z.number().int().min(0).optional();

export const EVENT_TOPICS = ['patients.changed', 'clinic.changed'] as const;
export type EventTopic = (typeof EVENT_TOPICS)[number];

export const contract = {
  'system.whoami': method({
    input: emptyInput,
    output: z.object({
      user: z.object({ id: idSchema, displayName: z.string(), role: z.enum(USER_ROLES) }),
      appVersion: z.string(),
      transport: z.enum(['ipc', 'http']),
    }),
    permission: 'clinic.read',
  }),

  'settings.get': method({ input: emptyInput, output: clinicSettingsSchema, permission: 'clinic.read' }),
  'settings.update': method({
    input: clinicSettingsUpdate.extend({ expectedVersion }),
    output: clinicSettingsSchema,
    permission: 'settings.write',
    changes: 'clinic.changed',
  }),

  'suites.list': method({
    input: z.object({ includeInactive: z.boolean().default(true) }),
    output: z.array(suiteSchema),
    permission: 'clinic.read',
  }),
  'suites.create': method({ input: suiteFields, output: suiteSchema, permission: 'settings.write', changes: 'clinic.changed' }),
  'suites.update': method({
    input: suiteFields.extend({ id: idSchema, expectedVersion }),
    output: suiteSchema,
    permission: 'settings.write',
    changes: 'clinic.changed',
  }),

  'staff.list': method({ input: emptyInput, output: z.array(staffSchema), permission: 'clinic.read' }),
  'staff.create': method({ input: staffFields, output: staffSchema, permission: 'settings.write', changes: 'clinic.changed' }),
  'staff.update': method({
    input: staffFields.extend({ id: idSchema, expectedVersion }),
    output: staffSchema,
    permission: 'settings.write',
    changes: 'clinic.changed',
  }),

  'payers.list': method({ input: emptyInput, output: z.array(payerSchema), permission: 'clinic.read' }),
  'payers.create': method({ input: payerFields, output: payerSchema, permission: 'settings.write', changes: 'clinic.changed' }),

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
} satisfies Record<string, MethodSpec>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
