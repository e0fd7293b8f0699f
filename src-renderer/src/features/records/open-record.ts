/** Opening a record's file: the backend sends the bytes (its copy, or the original) and the browser saves them. */
import { api } from '../../api/client';
import { downloadBase64 } from '../documents/download';

/** Returns a note for the person when the original is gone from its folder (the copy was opened). */
export async function openRecordFile(id: string): Promise<string | null> {
  const file = await api.call('records.open', { id });
  downloadBase64(file.base64, file.fileName, file.mimeType);
  return file.originalExists ? null : `The original is no longer at ${file.originalPath}; the app’s copy was opened.`;
}
