import type { PartialHandlers } from '../api/context';

export const APP_VERSION = '0.1.0';

export const systemHandlers: PartialHandlers = {
  'system.whoami': (_input, ctx) => ({ user: ctx.user, appVersion: APP_VERSION, transport: ctx.transport }),
};
