/** zod schema for the R4 structure scoresBundle emits, plus a reference-resolution check. */
import { z } from 'zod';

const reference = z.object({ reference: z.string().min(1) });
const coding = z.object({ system: z.string().url(), code: z.string().min(1), display: z.string().optional() });
const instant = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);

const questionnaireResponse = z.object({
  resourceType: z.literal('QuestionnaireResponse'),
  id: z.string(),
  status: z.enum(['in-progress', 'completed', 'amended', 'entered-in-error', 'stopped']),
  subject: reference,
  authored: instant,
  item: z.array(
    z.object({
      linkId: z.string().min(1),
      answer: z.array(z.union([z.object({ valueInteger: z.number().int() }), z.object({ valueDecimal: z.number() })])).min(1),
    }),
  ),
});

const observation = z
  .object({
    resourceType: z.literal('Observation'),
    id: z.string(),
    status: z.enum(['registered', 'preliminary', 'final', 'amended']),
    category: z.array(z.object({ coding: z.array(coding).min(1) })).min(1),
    code: z.object({ coding: z.array(coding).min(1) }),
    subject: reference,
    effectiveDateTime: instant,
    valueInteger: z.number().int().optional(),
    valueQuantity: z.object({ value: z.number(), unit: z.string(), system: z.string(), code: z.string() }).optional(),
    derivedFrom: z.array(reference).min(1),
  })
  .refine((o) => (o.valueInteger === undefined) !== (o.valueQuantity === undefined), 'exactly one value[x]');

const patient = z.object({ resourceType: z.literal('Patient'), id: z.string() });

/** One entry of the bundle: a long export checks its entries a slice at a time. */
export const fhirEntrySchema = z.object({
  fullUrl: z.string().regex(/^urn:uuid:[0-9a-f-]{36}$/),
  resource: z.union([questionnaireResponse, observation, patient]),
});

export const fhirBundleHeaderSchema = z.object({
  resourceType: z.literal('Bundle'),
  type: z.literal('collection'),
  timestamp: instant,
});

export const fhirBundleSchema = fhirBundleHeaderSchema.extend({ entry: z.array(fhirEntrySchema) });

type Entry = { fullUrl: string; resource: Record<string, unknown> };

/** Every reference (subject, derivedFrom) the entries make, added to `into`. */
export function collectReferences(entries: readonly Entry[], into: string[]): void {
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (k === 'reference' && typeof x === 'string') into.push(x);
        else walk(x);
      }
  };
  entries.forEach((e) => walk(e.resource));
}

/** References (subject, derivedFrom) that do not resolve to a fullUrl in the bundle. */
export function unresolvedReferences(bundle: { entry: readonly Entry[] }): string[] {
  const urls = new Set(bundle.entry.map((e) => e.fullUrl));
  const refs: string[] = [];
  collectReferences(bundle.entry, refs);
  return refs.filter((r) => !urls.has(r));
}
