/**
 * Who sees patients for consultations, and how they are named in messages. The role rule
 * itself lives in the shared contract (CONSULTING_ROLES) so the renderer's staff pickers
 * use the same list.
 */
export { CONSULTING_ROLES, isConsultingRole } from '../../../../src-shared/api/schemas/scheduling';

export { providerLabel } from '../../../../src-shared/domain/provider-label';
