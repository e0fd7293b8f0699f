/**
 * What kind of file a record is, from its first bytes when they say (a fax server may name a
 * PDF ".tif") and from its name otherwise. Pure.
 */

export const FILE_KINDS = ['pdf', 'png', 'jpeg', 'tiff', 'docx', 'text', 'unsupported'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

const BY_EXTENSION: Record<string, FileKind> = {
  pdf: 'pdf',
  png: 'png',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  jfif: 'jpeg',
  tif: 'tiff',
  tiff: 'tiff',
  docx: 'docx',
  txt: 'text',
  text: 'text',
};

export const MIME_TYPES: Record<FileKind, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  tiff: 'image/tiff',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  text: 'text/plain',
  unsupported: 'application/octet-stream',
};

/** The extension the app's copy is stored under. */
export const STORED_EXTENSION: Record<FileKind, string> = {
  pdf: 'pdf',
  png: 'png',
  jpeg: 'jpg',
  tiff: 'tif',
  docx: 'docx',
  text: 'txt',
  unsupported: 'bin',
};

export function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot > 0 ? fileName.slice(dot + 1).toLowerCase() : '';
}

const startsWith = (head: Uint8Array, bytes: number[]) => bytes.every((b, i) => head[i] === b);

/** The kind the content declares, or null when the first bytes say nothing. */
export function sniffKind(head: Uint8Array): FileKind | null {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'; // %PDF-
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  return null;
}

/** Kind by content first, then by name. A ZIP is only a DOCX by its name (it is checked when opened). */
export function fileKind(fileName: string, head?: Uint8Array): FileKind {
  const sniffed = head ? sniffKind(head) : null;
  if (sniffed) return sniffed;
  return BY_EXTENSION[extensionOf(fileName)] ?? 'unsupported';
}

/** Plain words for a file the app cannot read. */
export function unsupportedReason(fileName: string): string {
  const ext = extensionOf(fileName);
  if (ext === 'doc') return 'Old Word (.doc) files cannot be read. Save it as .docx or PDF in the same folder.';
  if (ext === 'heic') return 'HEIC photos cannot be read. Save it as JPEG or PDF in the same folder.';
  return `${ext ? `.${ext} files` : 'Files without an extension'} cannot be read. The app reads PDF, PNG, JPEG, TIFF, DOCX and plain text.`;
}
