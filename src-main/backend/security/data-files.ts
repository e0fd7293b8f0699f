/**
 * The files the app keeps in its data folder (records copies under `records/`, generated and
 * attached documents under `documents/`): every write and read of them goes through here.
 *
 * With an encrypted store they are sealed files (security/sealed-file.ts: AES-256-GCM in
 * 64 KiB segments) under the device's data-files key: 32 random bytes kept in the encrypted
 * store itself (device_meta `files.key`, never synced), so re-keying the store leaves the
 * files as they are, and an encrypted backup that carries the store carries their key.
 * Files written before encryption are read as they are and sealed in place once
 * (sealPlainFiles). With an unencrypted store (the benchmarks' baseline) files stay plain.
 *
 * The extraction worker threads get the key with each job (workerKey) and read through
 * readDataFile, so text, OCR and PDF reading work on the plain bytes in memory only.
 */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, createReadStream, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Sqlite } from '../db/open';
import {
  isSealedHead,
  openSealedBuffer,
  plainSizeOf,
  readSealedRange,
  SealedAppender,
  sealBuffer,
  sealedSegments,
  SEALED_HEADER_BYTES,
  SEALED_MAGIC,
} from './sealed-file';

export const FILES_KEY_META = 'files.key';
const SEALED_META = 'files.sealed';
/** The folders of the data folder that hold data files. */
export const DATA_FILE_FOLDERS = ['records', 'documents'] as const;

export class DataFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataFileError';
  }
}

function headOf(file: string): Buffer {
  const head = Buffer.alloc(SEALED_MAGIC.length);
  const fd = openSync(file, 'r');
  try {
    const n = readSync(fd, head, 0, head.length, 0);
    return head.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Is this file in the sealed format (rather than plain bytes from before encryption)? */
export function isSealedFile(file: string): boolean {
  return isSealedHead(headOf(file));
}

/** Write a file so that a crash leaves the old state or the whole new file (temp name, fsync, rename). */
export function writeFileDurably(file: string, bytes: Uint8Array): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.partial`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, bytes);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, file);
}

/**
 * A data file's plain bytes with this key: sealed files are opened (and authenticated),
 * plain ones from before encryption are read as they are. The one read path for the
 * extraction workers, which have the key but no store.
 */
export function readDataFile(file: string, key: Uint8Array | null): Buffer {
  const data = readFileSync(file);
  if (!isSealedHead(data)) return data;
  if (!key) throw new DataFileError('This file is encrypted and no key was given to read it.');
  return openSealedBuffer(key, data);
}

/** A data file's plain size (null when it is missing or not a file). */
export function dataFileSize(file: string): number | null {
  let size: number;
  try {
    const st = statSync(file);
    if (!st.isFile()) return null;
    size = st.size;
  } catch {
    return null;
  }
  if (size < SEALED_HEADER_BYTES || !isSealedFile(file)) return size;
  const head = Buffer.alloc(SEALED_HEADER_BYTES);
  const fd = openSync(file, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  try {
    return plainSizeOf(size, head.readUInt32BE(SEALED_MAGIC.length));
  } catch {
    return null;
  }
}

export interface DataFileAppender {
  /** Plain bytes already there (a download resumes from here). */
  readonly have: number;
  write(bytes: Uint8Array): void;
  /** Flush and close. */
  close(): void;
}

/** The data files of one store. */
export class DataFiles {
  constructor(
    readonly dataDir: string,
    /** The data-files key; null for an unencrypted store. */
    private readonly key: Buffer | null,
  ) {}

  get encrypted(): boolean {
    return this.key !== null;
  }

  /** The key for an extraction worker (a copy; null when files are plain). */
  workerKey(): Uint8Array | null {
    return this.key ? new Uint8Array(this.key) : null;
  }

  /** Absolute path of a stored path (`records/ab/….pdf`, `documents/2026-01/….pdf`). */
  path(storedPath: string): string {
    return join(this.dataDir, ...storedPath.split('/'));
  }

  /** Write a data file durably, sealed when the store is encrypted. */
  write(file: string, bytes: Uint8Array): void {
    writeFileDurably(file, this.key ? sealBuffer(this.key, bytes) : bytes);
  }

  /** A data file's plain bytes. */
  read(file: string): Buffer {
    return readDataFile(file, this.key);
  }

  size(file: string): number | null {
    return dataFileSize(file);
  }

  /** Plain bytes [start, start + length). */
  readRange(file: string, start: number, length: number): Buffer {
    if (isSealedFile(file)) {
      if (!this.key) throw new DataFileError('This file is encrypted and no key was given to read it.');
      return readSealedRange(this.key, file, start, length);
    }
    const buf = Buffer.alloc(length);
    const fd = openSync(file, 'r');
    try {
      let got = 0;
      while (got < length) {
        const n = readSync(fd, buf, got, length - got, start + got);
        if (n === 0) throw new DataFileError('file shorter than its row says');
        got += n;
      }
    } finally {
      closeSync(fd);
    }
    return buf;
  }

  /** SHA-256 (hex) of the plain bytes, streamed. */
  async hash(file: string): Promise<string> {
    const hash = createHash('sha256');
    if (isSealedFile(file)) {
      if (!this.key) throw new DataFileError('This file is encrypted and no key was given to read it.');
      for await (const part of sealedSegments(this.key, file)) hash.update(part);
    } else {
      for await (const part of createReadStream(file)) hash.update(part as Buffer);
    }
    return hash.digest('hex');
  }

  /** Add to a file of `total` plain bytes piece by piece (downloads), resuming what is there. */
  appender(file: string, total: number): DataFileAppender {
    mkdirSync(dirname(file), { recursive: true });
    if (this.key) return SealedAppender.open(this.key, file, total);
    return plainAppender(file, total);
  }

  /**
   * Seal, in place, every plain file under records/ and documents/ (from before the store was
   * encrypted). Each is written to a temporary name, flushed and renamed over the plain one.
   * Returns how many were sealed.
   */
  sealPlainFiles(): number {
    if (!this.key) return 0;
    let sealed = 0;
    const walk = (dir: string) => {
      let entries;
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        const p = join(dir, e.name);
        if (e.isDirectory()) walk(p);
        else if (e.isFile() && !e.name.endsWith('.partial') && !e.name.endsWith('.download') && !isSealedFile(p)) {
          writeFileDurably(p, sealBuffer(this.key!, readFileSync(p)));
          sealed++;
        }
      }
    };
    for (const folder of DATA_FILE_FOLDERS) walk(join(this.dataDir, folder));
    return sealed;
  }
}

function plainAppender(file: string, total: number): DataFileAppender {
  let have = 0;
  try {
    have = statSync(file).size;
  } catch {
    /* new */
  }
  if (have > total) {
    rmSync(file, { force: true });
    have = 0;
  }
  const fd = openSync(file, have > 0 ? 'r+' : 'w');
  return {
    get have() {
      return have;
    },
    write(bytes) {
      writeSync(fd, bytes, 0, bytes.byteLength, have);
      have += bytes.byteLength;
    },
    close() {
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/**
 * The data-files key of an encrypted store, made on first use. It lives in device_meta,
 * inside the encrypted store, and never leaves this device except in an encrypted backup.
 */
export function loadFilesKey(sqlite: Sqlite): Buffer {
  const row = sqlite.prepare(`SELECT value FROM device_meta WHERE key = ?`).get(FILES_KEY_META) as { value: string } | undefined;
  if (row) return Buffer.from(row.value, 'hex');
  const key = randomBytes(32);
  sqlite.prepare(`INSERT INTO device_meta (key, value) VALUES (?, ?)`).run(FILES_KEY_META, key.toString('hex'));
  return key;
}

const registry = new WeakMap<Sqlite, DataFiles>();

/**
 * Open the data files of a store that was just opened: the key (for an encrypted store),
 * then, once per store, plain files from before encryption sealed in place.
 */
export function openDataFiles(sqlite: Sqlite, dataDir: string, encrypted: boolean): DataFiles {
  const files = new DataFiles(dataDir, encrypted ? loadFilesKey(sqlite) : null);
  if (encrypted) {
    const done = sqlite.prepare(`SELECT 1 FROM device_meta WHERE key = ?`).get(SEALED_META);
    if (!done) {
      files.sealPlainFiles();
      sqlite.prepare(`INSERT INTO device_meta (key, value) VALUES (?, '1') ON CONFLICT (key) DO NOTHING`).run(SEALED_META);
    }
  }
  registry.set(sqlite, files);
  return files;
}

/** The data files of the backend that owns this connection (handlers get the connection in their context). */
export function dataFilesFor(sqlite: Sqlite): DataFiles {
  const files = registry.get(sqlite);
  if (!files) throw new DataFileError('The data folder is not open for this database.');
  return files;
}
