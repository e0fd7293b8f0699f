/**
 * Payer rule sets (issue 11, Settings → Payers): list and read them, save the clinic's own
 * copy over the template, choose which rule set a payer uses, and record the confirmation with
 * the payer. Reading is clinic set-up (anyone who reads the clinic); changing it is settings.
 */
import { z } from 'zod';
import { method } from '../method';
import { payerSchema } from '../schemas/clinic';
import { emptyInput } from '../schemas/common';
import {
  assignRuleSetInput,
  confirmRuleSetInput,
  ruleSetDetailSchema,
  ruleSetKeySchema,
  ruleSetSummarySchema,
  saveRuleSetInput,
} from '../schemas/payer-rules';

const write = { permission: 'settings.write', changes: 'clinic.changed' } as const;

export const payerRuleMethods = {
  /** Every rule set (templates and the clinic's copies), each with its payers and whether it is confirmed. */
  'payerRules.list': method({ input: emptyInput, output: z.array(ruleSetSummarySchema), permission: 'clinic.read' }),
  /** One rule set in full, with the shipped template beside it. */
  'payerRules.get': method({ input: z.object({ key: ruleSetKeySchema }), output: ruleSetDetailSchema, permission: 'clinic.read' }),
  /** Save the clinic's copy (checked like the templates file); an edit needs confirming with the payer again. */
  'payerRules.save': method({ input: saveRuleSetInput, output: ruleSetDetailSchema, ...write }),
  /** The payer's requests are checked against this rule set (null: back to the guess from its name). */
  'payerRules.assign': method({ input: assignRuleSetInput, output: payerSchema, ...write }),
  /** "Confirmed with the payer on <date> by <who>": the copy (made from the template if need be) is marked confirmed. */
  'payerRules.confirm': method({ input: confirmRuleSetInput, output: ruleSetDetailSchema, ...write }),
};
