/**
 * Backend logging. Patient data must never reach a log: callers pass a fixed message and
 * only technical detail (method names, error codes, stack traces of our own code), never
 * inputs, rows or SQL parameters.
 */
let quiet = false;
export function setQuietLogs(q: boolean): void {
  quiet = q;
}
export function logError(message: string, detail?: unknown): void {
  if (!quiet) console.error(`[backend] ${message}`, detail ?? '');
}
export function logInfo(message: string): void {
  if (!quiet) console.warn(`[backend] ${message}`);
}
