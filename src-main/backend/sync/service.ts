/**
 * The sync API methods: they read and steer this device's SyncClient (sync/client.ts). A
 * handler table built without a client (tests of other domains) answers that this backend
 * has no sync, rather than leaving the methods out.
 */
import { ApiError } from '../../../src-shared/api/errors';
import type { PartialHandlers } from '../api/context';
import type { SyncClient } from './client';
import { dismissConflict, listConflicts } from './conflicts';

export function syncHandlers(client: SyncClient | null): PartialHandlers {
  const need = (): SyncClient => {
    if (!client) throw new ApiError('CONFLICT', 'Sync is not available in this copy of the backend.');
    return client;
  };
  return {
    'sync.status': () => need().status(),
    'sync.connect': (input) => need().connect(input),
    'sync.disconnect': () => need().disconnect(),
    'sync.now': () => need().syncNow(),
    'sync.devices': async () => ({ devices: await need().listDevices() }),
    'sync.revokeDevice': async (input) => ({ devices: await need().revokeDevice(input.deviceId) }),
    'sync.createEnrolCode': () => need().createEnrolCode(),
    'sync.conflicts': (input, ctx) => ({ conflicts: listConflicts(ctx, input.includeClosed) }),
    'sync.dismissConflict': (input, ctx) => {
      dismissConflict(ctx, input.id, input.reason, input.expectedVersion);
      client?.nudge();
      return { conflicts: listConflicts(ctx, false) };
    },
  };
}
