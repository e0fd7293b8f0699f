/**
 * Prior records: the API handlers. Watched folders (folders.ts), the pipeline that takes files
 * in and reads them (runtime.ts), the rules (rules/), the screens' queries (queries.ts) and a
 * person's decisions (decisions.ts).
 */
import { ApiError } from '../../../src-shared/api/errors';
import type { PartialHandlers } from '../api/context';
import { toTreatment } from '../intake/record';
import { confirmRecord, linkTreatment, openRecord, rejectRecord, reopenRecord, retryRecord, setRecordType } from './decisions';
import { addFolder, listFolders, removeFolder, updateFolder } from './folders';
import { inbox, listForPatient, searchRecords } from './queries';
import { candidatesOf, pageTextsOf, requireSummary } from './read';
import { runtimeFor } from './runtime';
import { typeRules } from './type-rules-file';

function runtime(ctx: { sqlite: Parameters<typeof runtimeFor>[0] }) {
  const rt = runtimeFor(ctx.sqlite);
  if (!rt) throw new ApiError('INTERNAL', 'Records are not being read in this window right now. Restart the app and try again.');
  return rt;
}

export const recordHandlers: PartialHandlers = {
  'records.folders.list': (_input, ctx) => listFolders(ctx),
  'records.folders.add': (input, ctx) => addFolder(ctx, input),
  'records.folders.update': (input, ctx) => updateFolder(ctx, input),
  'records.folders.remove': ({ id }, ctx) => removeFolder(ctx, id),
  'records.rescan': async ({ folderId }, ctx) => {
    const rt = runtime(ctx);
    if (!rt.isStarted) rt.start();
    if (folderId) await rt.rescanFolder(folderId);
    else await rt.rescanAll();
    return rt.progress();
  },

  'records.inbox': (input, ctx) => inbox(ctx, input),
  'records.get': ({ id }, ctx) => ({
    ...requireSummary(ctx.sqlite, id),
    pageTexts: pageTextsOf(ctx.sqlite, id),
    candidates: candidatesOf(ctx.sqlite, id),
  }),
  'records.confirm': (input, ctx) => confirmRecord(ctx, input),
  'records.reject': (input, ctx) => rejectRecord(ctx, input),
  'records.reopen': ({ id }, ctx) => reopenRecord(ctx, id),
  'records.setType': (input, ctx) => setRecordType(ctx, input),
  'records.retry': ({ id }, ctx) => retryRecord(ctx, id),
  'records.search': (input, ctx) => searchRecords(ctx, input),
  'records.listForPatient': ({ patientId }, ctx) => listForPatient(ctx, patientId),
  'records.open': ({ id }, ctx) => openRecord(ctx, id),
  'records.progress': (_input, ctx) => runtime(ctx).progress(),
  'records.typeRules': () => {
    const { file, rules } = typeRules();
    return {
      file,
      rules: rules.rules.map((r) => ({ id: r.id, label: r.label, docType: r.docType, phrases: r.phrases, minMatches: r.minMatches })),
    };
  },
  'records.linkTreatment': (input, ctx) => toTreatment(linkTreatment(ctx, input)),
};
