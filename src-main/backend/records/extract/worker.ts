/**
 * An extraction worker thread: takes one job at a time from the pool (pool.ts), reads the file
 * and answers with its pages or the reason it failed. PDF parsing, rendering and OCR are CPU
 * work that would otherwise stall the backend's thread (and with it every API call).
 */
import { parentPort } from 'node:worker_threads';
import { extractFile } from './extract-file';
import type { FromWorker, ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('The records extraction worker must run in a worker thread.');

port.on('message', (msg: ToWorker) => {
  if (msg.type !== 'job') return;
  const { job } = msg;
  void extractFile(job.file, job.kind, job.limits, job.key).then((outcome) => {
    port.postMessage({ type: 'done', id: job.id, outcome } satisfies FromWorker);
  });
});
port.postMessage({ type: 'ready' } satisfies FromWorker);
