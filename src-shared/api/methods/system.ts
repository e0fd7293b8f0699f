import { z } from 'zod';
import { method } from '../method';
import { USER_ROLES } from '../permissions';
import { emptyInput, idSchema } from '../schemas/common';

export const systemMethods = {
  'system.whoami': method({
    input: emptyInput,
    output: z.object({
      user: z.object({ id: idSchema, displayName: z.string(), role: z.enum(USER_ROLES) }),
      appVersion: z.string(),
      transport: z.enum(['ipc', 'http']),
    }),
    permission: 'clinic.read',
  }),
};
