/**
 * "Download list (CSV)" for a work list: fetches what the file must hold (usually every page
 * under the filters on screen, through `allPages`), writes it with the app's one CSV rule
 * (`src-shared/domain/csv.ts`) and says how many rows went out, or why nothing did. One place
 * for the busy state, the file name's date and the wording, so every list downloads alike.
 */
import { useState } from 'react';
import { csvText, type CsvValue } from '../../../src-shared/domain/csv';
import { errorText } from '../lib/errors';
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

export function useListDownload(build: () => Promise<ListFile>): { download: () => Promise<void>; busy: boolean; flash: string | null } {
  const [flash, showFlash] = useFlash();
  const [busy, setBusy] = useState(false);
  const download = async () => {
    if (busy) return;
    setBusy(true);
    try {
      const file = await build();
      downloadText(csvText(file.header, file.rows), `${file.name}.csv`, 'text/csv');
      showFlash(`Downloaded ${file.rows.length} ${file.rows.length === 1 ? file.noun[0] : file.noun[1]}`);
    } catch (err) {
      showFlash(`The list could not be downloaded. ${errorText(err)}`);
    } finally {
      setBusy(false);
    }
  };
  return { download, busy, flash };
}
