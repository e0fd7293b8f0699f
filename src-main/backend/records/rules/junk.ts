/**
 * Files and folders a watched folder can hold that are not records: operating-system
 * litter (Thumbs.db, .DS_Store, desktop.ini, AppleDouble "._" files), office lock files
 * (~$letter.docx, .~lock.letter.docx#) and names that programs use while a file is still
 * being written or downloaded (*.tmp, *.part, *.crdownload). Pure: names in, verdict out.
 */

const JUNK_NAMES = new Set(['thumbs.db', 'ehthumbs.db', 'ehthumbs_vista.db', 'desktop.ini', '.ds_store', 'icon\r', '.localized']);

/** Endings of files still being written or downloaded, and editors' backups. */
const TEMP_ENDINGS = ['.tmp', '.temp', '.part', '.partial', '.crdownload', '.download', '.!ut', '.swp', '.swx', '.lock', '.bak', '~'];

/** Folders never walked: recycle bins, indexes, version control, NAS metadata. */
const JUNK_DIRS = new Set([
  '$recycle.bin',
  'recycler',
  'system volume information',
  '.trash',
  '.trashes',
  '.spotlight-v100',
  '.fseventsd',
  '.temporaryitems',
  '@eadir',
  '#recycle',
  '.git',
  'node_modules',
]);

/** Why a file name is ignored, or null when it may be a record. */
export function junkReason(fileName: string): string | null {
  const name = fileName.toLowerCase();
  if (name === '') return 'no name';
  if (JUNK_NAMES.has(name)) return 'system file';
  if (name.startsWith('._')) return 'macOS resource file';
  if (name.startsWith('~$') || name.startsWith('.~lock.')) return 'office lock file';
  if (name.startsWith('.')) return 'hidden file';
  for (const end of TEMP_ENDINGS) if (name.endsWith(end)) return 'temporary file (still being written)';
  return null;
}

export const isJunkFile = (fileName: string): boolean => junkReason(fileName) !== null;

/** A folder whose contents are never records. */
export function isJunkDir(dirName: string): boolean {
  const name = dirName.toLowerCase();
  return JUNK_DIRS.has(name) || (name.startsWith('.') && name !== '.');
}
