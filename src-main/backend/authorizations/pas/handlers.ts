/** API handlers of the PAS electronic form: the request bundle export and the ClaimResponse import. */
import type { PartialHandlers } from '../../api/context';
import { exportPas } from './export';
import { importClaimResponse } from './import';

export const authorizationPasHandlers: PartialHandlers = {
  'authorizations.exportPas': ({ id, placeOfService }, ctx) => exportPas(ctx, id, placeOfService),
  'authorizations.importClaimResponse': ({ authorizationId, json }, ctx) => importClaimResponse(ctx, authorizationId, json),
};
