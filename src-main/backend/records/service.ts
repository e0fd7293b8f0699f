/**
 * Prior records: the API handlers. Placeholder bodies refuse with a plain message until the
 * records pipeline lands, so the contract (and the inbox screen built on it) can be wired now.
 */
import { ApiError } from '../../../src-shared/api/errors';
import type { PartialHandlers } from '../api/context';

const notYet = () => {
  throw new ApiError('INTERNAL', 'Prior records are not available in this version yet. Nothing was changed.');
};

export const recordHandlers: PartialHandlers = {
  'records.folders.list': notYet,
  'records.folders.add': notYet,
  'records.folders.update': notYet,
  'records.folders.remove': notYet,
  'records.rescan': notYet,
  'records.inbox': notYet,
  'records.get': notYet,
  'records.confirm': notYet,
  'records.reject': notYet,
  'records.reopen': notYet,
  'records.setType': notYet,
  'records.retry': notYet,
  'records.search': notYet,
  'records.listForPatient': notYet,
  'records.open': notYet,
  'records.progress': notYet,
  'records.typeRules': notYet,
  'records.linkTreatment': notYet,
};
