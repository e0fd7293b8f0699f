/**
 * Every API method is classified for the audit trail, and every classification points at
 * fields that exist: a new method without an entry fails here (say whether it is recorded and
 * how its patient is found), and so does an entry whose input or result field was renamed.
 */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { AUDIT_CLASSIFICATION } from '../../../src-main/backend/audit/classification';
import { contract, METHOD_NAMES, type MethodName } from '../../../src-shared/api/contract';

type Def = { type: string; shape?: Record<string, z.ZodType>; innerType?: z.ZodType; in?: z.ZodType; element?: z.ZodType };
const def = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** Does `path` (a.b.c) name a field of the schema (through optional, nullable, default, pipes)? */
function hasPath(schema: z.ZodType, path: string[]): boolean {
  let s: z.ZodType | undefined = schema;
  for (const key of path) {
    while (s) {
      const d = def(s);
      if (d.type === 'optional' || d.type === 'nullable' || d.type === 'default' || d.type === 'nonoptional') s = d.innerType;
      else if (d.type === 'pipe') s = d.in;
      else break;
    }
    if (!s) return false;
    const d = def(s);
    if (d.type !== 'object' || !d.shape || !(key in d.shape)) return false;
    s = d.shape[key];
  }
  return s !== undefined;
}

/** Method names that say they change something (the last part of the name). */
const WRITE_VERB = /^(create|update|add|remove|record|set|book|cancel|confirm|reject|reopen|retry|link|mark|dismiss|revoke|connect|disconnect|reset|change|generate|reschedule|sync|setup)/i;

describe('the audit classification table', () => {
  it('has an entry for every method of the contract, and none for methods that no longer exist', () => {
    const missing = METHOD_NAMES.filter((m) => !(m in AUDIT_CLASSIFICATION));
    expect(missing, 'methods without an audit classification (add them to src-main/backend/audit/classification.ts)').toEqual([]);
    const stale = Object.keys(AUDIT_CLASSIFICATION).filter((m) => !(m in contract));
    expect(stale).toEqual([]);
  });

  it('records every method that changes something (it publishes a change, or its name says it writes)', () => {
    const unrecorded = METHOD_NAMES.filter((m) => {
      const verb = m.split('.').pop()!;
      const writes = contract[m].changes !== undefined || (WRITE_VERB.test(verb) && !/(Options|Proposal)$/.test(verb));
      const c = AUDIT_CLASSIFICATION[m];
      return writes && c.kind === null && !('by' in c);
    });
    expect(unrecorded).toEqual([]);
  });

  it('records reads of one patient: every method with a patientId or a patient id in its input is recorded or says why not', () => {
    for (const m of METHOD_NAMES) {
      const c = AUDIT_CLASSIFICATION[m];
      if (c.kind === null) expect(c.why.length, `${m} needs a reason for not being recorded`).toBeGreaterThan(8);
    }
    const chartReads: MethodName[] = [
      'patients.get',
      'intake.get',
      'outcomes.patientSummary',
      'records.get',
      'records.open',
      'documents.read',
      'series.listForPatient',
      'scores.listForPatient',
      'documents.listForPatient',
      'records.listForPatient',
      'consultations.listForPatient',
      'authorizations.listForPatient',
    ];
    for (const m of chartReads) {
      const c = AUDIT_CLASSIFICATION[m];
      expect(c.kind, m).not.toBeNull();
      expect(c.kind !== null && c.patient, `${m} must say how its patient is found`).toBeTruthy();
    }
    for (const m of ['outcomes.exportCsv', 'outcomes.exportFhir', 'audit.exportCsv', 'reminders.seriesIcs'] as MethodName[]) {
      expect(AUDIT_CLASSIFICATION[m].kind, m).toBe('export');
    }
    for (const m of ['documents.generateIntakeSummary', 'outcomes.reportPdf'] as MethodName[]) {
      expect(AUDIT_CLASSIFICATION[m].kind, m).toBe('documentGenerated');
    }
  });

  it('finds ids only in fields the method’s input or result has', () => {
    const wrong: string[] = [];
    for (const m of METHOD_NAMES) {
      const c = AUDIT_CLASSIFICATION[m];
      if (c.kind === null) continue;
      for (const loc of [c.patient, c.subject]) {
        if (!loc) continue;
        // Each alternative of "a ?? b", and the id a row lookup starts from.
        for (const part of loc.from.split(' ?? ')) {
          const ref = / of (input|result)\.(.+)$/.exec(part) ?? /^(input|result)\.(.+)$/.exec(part);
          if (!ref) continue;
          const schema = ref[1] === 'input' ? contract[m].input : contract[m].output;
          if (!hasPath(schema as z.ZodType, ref[2]!.split('.'))) wrong.push(`${m}: ${part}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
