/**
 * Prior authorization requests (issue 11, screens part P6): one authorization's page, and the
 * request's fields written while it is a draft (the chart's "New request" and the request page).
 */
import { z } from 'zod';
import { method } from '../method';
import { idSchema } from '../schemas/common';
import { authorizationSchema } from '../schemas/series';
import { authorizationDetailSchema, createRequestInput, updateRequestInput } from '../schemas/authorization-request';

const write = { permission: 'schedule.write', changes: 'schedule.changed' } as const;

export const authorizationRequestMethods = {
  /** One authorization with its patient, payer, ordering provider (and NPI) and series template named. */
  'authorizations.get': method({ input: z.object({ id: idSchema }), output: authorizationDetailSchema, permission: 'schedule.read' }),
  /**
   * A new request as a draft: the payer (member and group id from the patient's coverage unless
   * typed), diagnosis group, service lines, sessions and dates asked for, ordering provider, route.
   */
  'authorizations.createRequest': method({ input: createRequestInput, output: authorizationSchema, ...write }),
  /** Change what a draft (or ready) request asks for; refused once it has been sent. */
  'authorizations.updateRequest': method({ input: updateRequestInput, output: authorizationSchema, ...write }),
};
