/**
 * The API contract: every backend method, its input and output schemas and the
 * permission it needs, gathered from one file per domain in ./methods. The backend's
 * handler table and the renderer's client are both typed from this object, so a method
 * cannot exist on one side only.
 */
import type { z } from 'zod';
import type { MethodSpec } from './method';
import { clinicMethods } from './methods/clinic';
import { payerRuleMethods } from './methods/payer-rules';
import { letterTemplateMethods } from './methods/letter-templates';
import { documentMethods } from './methods/documents';
import { intakeMethods } from './methods/intake';
import { schedulingMethods } from './methods/scheduling';
import { seriesMethods } from './methods/series';
import { seriesMoveMethods } from './methods/series-moves';
import { patientMethods } from './methods/patients';
import { reminderMethods } from './methods/reminders';
import { outcomeMethods } from './methods/outcomes';
import { recordMethods } from './methods/records';
import { syncMethods } from './methods/sync';
import { authMethods } from './methods/auth';
import { boardMethods } from './methods/board';
import { auditMethods } from './methods/audit';
import { setupMethods } from './methods/setup';
import { systemMethods } from './methods/system';
import { authorizationLifecycleMethods } from './methods/authorization-lifecycle';
import { authorizationLetterMethods } from './methods/authorization-letters';
import { authorizationPasMethods } from './methods/authorization-pas';
import { authorizationRequestMethods } from './methods/authorization-request';
import { authorizationPackageMethods } from './methods/authorization-package';
import { authorizationReadinessMethods } from './methods/authorization-readiness';

export { EVENT_TOPICS, type EventTopic, type MethodSpec } from './method';

const domains = [systemMethods, clinicMethods, payerRuleMethods, letterTemplateMethods, patientMethods, intakeMethods, schedulingMethods, documentMethods, seriesMethods, seriesMoveMethods, reminderMethods, outcomeMethods, recordMethods, syncMethods, authMethods, boardMethods, auditMethods, setupMethods, authorizationLifecycleMethods, authorizationLetterMethods, authorizationRequestMethods, authorizationReadinessMethods, authorizationPasMethods, authorizationPackageMethods] as const;

export const contract = {
  ...systemMethods,
  ...clinicMethods,
  ...payerRuleMethods,
  ...letterTemplateMethods,
  ...patientMethods,
  ...intakeMethods,
  ...schedulingMethods,
  ...documentMethods,
  ...seriesMethods,
  ...seriesMoveMethods,
  ...reminderMethods,
  ...outcomeMethods,
  ...recordMethods,
  ...syncMethods,
  ...authMethods,
  ...boardMethods,
  ...auditMethods,
  ...setupMethods,
  ...authorizationLifecycleMethods,
  ...authorizationLetterMethods,
  ...authorizationRequestMethods,
  ...authorizationReadinessMethods,
  ...authorizationPasMethods,
  ...authorizationPackageMethods,
} satisfies Record<string, MethodSpec>;

// Spreading would let a later domain silently replace an earlier one's method.
{
  const seen = new Set<string>();
  for (const d of domains) {
    for (const name of Object.keys(d)) {
      if (seen.has(name)) throw new Error(`API method ${name} is defined by two domains`);
      seen.add(name);
    }
  }
}

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type ParsedInput<M extends MethodName> = z.output<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

export const METHOD_NAMES = Object.keys(contract) as MethodName[];

export function isMethodName(name: unknown): name is MethodName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
