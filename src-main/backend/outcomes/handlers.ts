/** The outcomes API handlers (merged in backend.ts). Interim: the contract is fixed, the bodies are being built. */
import { ApiError } from '../../../src-shared/api/errors';
import type { PartialHandlers } from '../api/context';

const notYet = () => {
  throw new ApiError('INTERNAL', 'Outcomes are still being built.');
};

export const outcomeHandlers: PartialHandlers = {
  'outcomes.reference': notYet,
  'outcomes.recordScore': notYet,
  'outcomes.patientSummary': notYet,
  'outcomes.due': notYet,
  'outcomes.reviewQueue': notYet,
  'outcomes.recordDisposition': notYet,
  'outcomes.dashboard': notYet,
  'outcomes.reportPdf': notYet,
  'outcomes.exportCsv': notYet,
  'outcomes.exportFhir': notYet,
};
