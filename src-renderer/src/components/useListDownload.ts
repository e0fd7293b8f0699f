/**
 * "Download list (CSV)" for a work list: fetches what the file must hold (usually every page
 * under the filters on screen, through the `pages` reader it is given), writes it with the app's
 * one CSV rule (`src-shared/domain/csv.ts`) and says how many rows went out, or why nothing did.
 * One place for the busy state, the progress, Cancel, the file name's date and the wording, so
 * every list downloads alike (`ListDownloadButton` draws it).
 */
import { useEffect, useRef, useState } from 'react';
import { csvText, type CsvValue } from '../../../src-shared/domain/csv';
import { errorText } from '../lib/errors';
import { allPages, DownloadCancelled } from '../lib/all-pages';
import { downloadText } from '../features/documents/download';
import { useFlash } from './useFlash';

export interface ListFile {
  /** The file name without its extension, e.g. `authorizations-due-2026-12-05`. */
  name: string;
  header: readonly string[];
  rows: readonly (readonly CsvValue[])[];
  /** What a row is, singular and plural: "Downloaded 3 patients". */
  noun: readonly [string, string];
}

/** Reads every page of a list for the file, reporting progress and stopping on Cancel. */
export type PagesReader = <T>(size: number, page: (offset: number, limit: number) => Promise<{ rows: T[]; total: number }>) => Promise<T[]>;

export interface ListDownload {
  download: () => Promise<void>;
  cancel: () => void;
  busy: boolean;
  /** Rows read so far and the list's total, while a download runs (null before its first page). */
  progress: { done: number; total: number } | null;
  flash: string | null;
}

export function useListDownload(build: (pages: PagesReader) => Promise<ListFile>): ListDownload {
  const [flash, showFlash] = useFlash();
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<ListDownload['progress']>(null);
  const running = useRef<AbortController | null>(null);
  // Leaving the screen stops a download still reading pages.
  useEffect(() => () => running.current?.abort(), []);
  const download = async () => {
    if (running.current) return;
    const ctl = new AbortController();
    running.current = ctl;
    setBusy(true);
    setProgress(null);
    const pages: PagesReader = (size, page) => allPages(size, page, { signal: ctl.signal, onPage: (done, total) => setProgress({ done, total }) });
    try {
      const file = await build(pages);
      if (ctl.signal.aborted) throw new DownloadCancelled();
      downloadText(csvText(file.header, file.rows), `${file.name}.csv`, 'text/csv');
      showFlash(`Downloaded ${file.rows.length} ${file.rows.length === 1 ? file.noun[0] : file.noun[1]}`);
    } catch (err) {
      if (err instanceof DownloadCancelled) showFlash('Download cancelled. No file was saved.');
      else showFlash(`The list could not be downloaded. ${errorText(err)}`);
    } finally {
      if (running.current === ctl) running.current = null;
      setBusy(false);
      setProgress(null);
    }
  };
  const cancel = () => running.current?.abort();
  return { download, cancel, busy, progress, flash };
}
