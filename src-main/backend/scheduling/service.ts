import type { PartialHandlers } from '../api/context';

export const schedulingHandlers: PartialHandlers = {};
