import { z } from 'zod';
import { expectedVersion, method } from '../method';
import { emptyInput, idSchema } from '../schemas/common';
import {
  clinicSettingsSchema,
  clinicSettingsUpdate,
  payerFields,
  payerSchema,
  staffFields,
  staffSchema,
  suiteFields,
  suiteSchema,
  timeZoneChangeInput,
  timeZoneImpactSchema,
} from '../schemas/clinic';

export const clinicMethods = {
  'settings.get': method({ input: emptyInput, output: clinicSettingsSchema, permission: 'clinic.read' }),
  'settings.update': method({
    input: clinicSettingsUpdate.extend({ expectedVersion }),
    output: clinicSettingsSchema,
    permission: 'settings.write',
    changes: 'clinic.changed',
  }),
  /** What changing the zone would do: how many booked rows ahead keep their local times. */
  'settings.timeZoneImpact': method({ input: timeZoneChangeInput, output: timeZoneImpactSchema, permission: 'settings.write' }),
  /** The zone changed with everything ahead kept at its local times, in one transaction. */
  'settings.changeTimeZone': method({
    input: timeZoneChangeInput.extend({ expectedVersion }),
    output: z.object({ settings: clinicSettingsSchema, impact: timeZoneImpactSchema, moved: z.number().int() }),
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
  /** A payer's name, payer ID and phone corrected (its rule set is chosen with payerRules.assign). */
  'payers.update': method({
    input: payerFields.extend({ id: idSchema, expectedVersion }),
    output: payerSchema,
    permission: 'settings.write',
    changes: 'clinic.changed',
  }),
};
