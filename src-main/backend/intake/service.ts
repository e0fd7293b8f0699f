import type { PartialHandlers } from '../api/context';

export const intakeHandlers: PartialHandlers = {};
