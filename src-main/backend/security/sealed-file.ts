/**
 * The sealed-file format: a file's bytes encrypted and authenticated with AES-256-GCM in
 * segments, so a part can be read (a sync chunk) or added (a download that resumes) without
 * the whole file in memory, and nothing can be cut, reordered or changed unnoticed.
 *
 *   header   8 bytes magic "\0IDSEAL\x01", 4 bytes segment size (big-endian), 16 bytes salt
 *   segments each = ciphertext of `segment size` plain bytes (the last one: 0 to that many)
 *            + a 16-byte GCM tag
 *
 * Each file has its own key, HKDF-SHA256(master key, salt, "infusion-desk sealed file v1"),
 * so nonces never repeat across files; a segment's nonce is its index (8 bytes) and a flag
 * for the last segment (4 bytes), and the header is the associated data of every segment.
 * The master key is the device's data-files key (security/data-files.ts). Also used for
 * encrypted backups, whose key comes from a passphrase (security/backup.ts).
 */
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { closeSync, fstatSync, fsyncSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { open as openAsync } from 'node:fs/promises';

export const SEALED_MAGIC = Buffer.from([0x00, 0x49, 0x44, 0x53, 0x45, 0x41, 0x4c, 0x01]);
export const SEALED_HEADER_BYTES = SEALED_MAGIC.length + 4 + 16;
export const TAG_BYTES = 16;
/** Plain bytes per segment: 64 KiB (a sync chunk, 1 MiB, is 16 of them). */
export const SEGMENT_BYTES = 64 * 1024;
const KEY_INFO = 'infusion-desk sealed file v1';

export class SealedFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SealedFileError';
  }
}

export function isSealedHead(head: Uint8Array): boolean {
  return head.byteLength >= SEALED_MAGIC.length && Buffer.from(head.buffer, head.byteOffset, SEALED_MAGIC.length).equals(SEALED_MAGIC);
}

interface Header {
  bytes: Buffer;
  segment: number;
  key: Buffer;
}

function deriveKey(master: Uint8Array, salt: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', master, salt, KEY_INFO, 32));
}

function newHeader(master: Uint8Array, segment = SEGMENT_BYTES): Header {
  const bytes = Buffer.alloc(SEALED_HEADER_BYTES);
  SEALED_MAGIC.copy(bytes, 0);
  bytes.writeUInt32BE(segment, SEALED_MAGIC.length);
  const salt = randomBytes(16);
  salt.copy(bytes, SEALED_MAGIC.length + 4);
  return { bytes, segment, key: deriveKey(master, salt) };
}

function parseHeader(master: Uint8Array, bytes: Buffer): Header {
  if (bytes.length < SEALED_HEADER_BYTES || !isSealedHead(bytes)) throw new SealedFileError('not a sealed file');
  const header = Buffer.from(bytes.subarray(0, SEALED_HEADER_BYTES));
  const segment = header.readUInt32BE(SEALED_MAGIC.length);
  if (segment < 1024 || segment > 64 * 1024 * 1024) throw new SealedFileError('a sealed file with an impossible segment size');
  return { bytes: header, segment, key: deriveKey(master, header.subarray(SEALED_MAGIC.length + 4)) };
}

function nonce(index: number, last: boolean): Buffer {
  const n = Buffer.alloc(12);
  n.writeUInt32BE(Math.floor(index / 0x1_0000_0000), 0);
  n.writeUInt32BE(index >>> 0, 4);
  n.writeUInt32BE(last ? 1 : 0, 8);
  return n;
}

function sealSegment(h: Header, index: number, last: boolean, plain: Uint8Array): Buffer {
  const c = createCipheriv('aes-256-gcm', h.key, nonce(index, last));
  c.setAAD(h.bytes);
  return Buffer.concat([c.update(plain), c.final(), c.getAuthTag()]);
}

function openSegment(h: Header, index: number, last: boolean, sealed: Uint8Array): Buffer {
  if (sealed.byteLength < TAG_BYTES) throw new SealedFileError('a sealed file is cut short');
  const d = createDecipheriv('aes-256-gcm', h.key, nonce(index, last));
  d.setAAD(h.bytes);
  d.setAuthTag(sealed.subarray(sealed.byteLength - TAG_BYTES));
  try {
    return Buffer.concat([d.update(sealed.subarray(0, sealed.byteLength - TAG_BYTES)), d.final()]);
  } catch {
    throw new SealedFileError('a sealed file does not open with this key, or was changed');
  }
}

/** Segments in a complete sealed body of `bodyBytes` (everything after the header). */
function segmentCount(bodyBytes: number, segment: number): number {
  return Math.max(1, Math.ceil(bodyBytes / (segment + TAG_BYTES)));
}

/** Plain size of a complete sealed file of `fileBytes`. */
export function plainSizeOf(fileBytes: number, segment = SEGMENT_BYTES): number {
  const body = fileBytes - SEALED_HEADER_BYTES;
  if (body < TAG_BYTES) throw new SealedFileError('a sealed file is cut short');
  return body - segmentCount(body, segment) * TAG_BYTES;
}

/** Seal bytes in memory (a whole file). */
export function sealBuffer(master: Uint8Array, plain: Uint8Array, segment = SEGMENT_BYTES): Buffer {
  const h = newHeader(master, segment);
  const parts: Buffer[] = [h.bytes];
  const n = Math.max(1, Math.ceil(plain.byteLength / segment));
  for (let i = 0; i < n; i++) parts.push(sealSegment(h, i, i === n - 1, plain.subarray(i * segment, Math.min(plain.byteLength, (i + 1) * segment))));
  return Buffer.concat(parts);
}

/** Open a whole sealed file held in memory. */
export function openSealedBuffer(master: Uint8Array, data: Buffer): Buffer {
  const h = parseHeader(master, data);
  const body = data.length - SEALED_HEADER_BYTES;
  const n = segmentCount(body, h.segment);
  const full = h.segment + TAG_BYTES;
  const out: Buffer[] = [];
  for (let i = 0; i < n; i++) {
    const start = SEALED_HEADER_BYTES + i * full;
    out.push(openSegment(h, i, i === n - 1, data.subarray(start, Math.min(data.length, start + full))));
  }
  return Buffer.concat(out);
}

function readExactly(fd: number, buf: Buffer, position: number): void {
  let got = 0;
  while (got < buf.length) {
    const n = readSync(fd, buf, got, buf.length - got, position + got);
    if (n === 0) throw new SealedFileError('a sealed file is cut short');
    got += n;
  }
}

/** Plain bytes [start, start + length) of a sealed file on disk, reading only the segments they lie in. */
export function readSealedRange(master: Uint8Array, file: string, start: number, length: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const head = Buffer.alloc(SEALED_HEADER_BYTES);
    readExactly(fd, head, 0);
    const h = parseHeader(master, head);
    const plainSize = plainSizeOf(size, h.segment);
    if (start < 0 || length < 0 || start + length > plainSize) throw new SealedFileError('a range beyond the end of a sealed file');
    const n = segmentCount(size - SEALED_HEADER_BYTES, h.segment);
    const full = h.segment + TAG_BYTES;
    const out: Buffer[] = [];
    const first = Math.floor(start / h.segment);
    const end = start + length;
    for (let i = first; i < n && i * h.segment < end; i++) {
      const pos = SEALED_HEADER_BYTES + i * full;
      const buf = Buffer.alloc(Math.min(full, size - pos));
      readExactly(fd, buf, pos);
      const plain = openSegment(h, i, i === n - 1, buf);
      const from = Math.max(0, start - i * h.segment);
      const to = Math.min(plain.length, end - i * h.segment);
      out.push(plain.subarray(from, to));
    }
    return Buffer.concat(out);
  } finally {
    closeSync(fd);
  }
}

/** Every plain segment of a sealed file, in order, each authenticated (for hashing and copying). */
export async function* sealedSegments(master: Uint8Array, file: string, base = 0): AsyncGenerator<Buffer> {
  const fh = await openAsync(file, 'r');
  try {
    const size = (await fh.stat()).size - base;
    const head = Buffer.alloc(SEALED_HEADER_BYTES);
    if (size < SEALED_HEADER_BYTES || (await fh.read(head, 0, head.length, base)).bytesRead !== head.length) throw new SealedFileError('a sealed file is cut short');
    const h = parseHeader(master, head);
    const n = segmentCount(size - SEALED_HEADER_BYTES, h.segment);
    const full = h.segment + TAG_BYTES;
    for (let i = 0; i < n; i++) {
      const pos = base + SEALED_HEADER_BYTES + i * full;
      const buf = Buffer.alloc(Math.min(full, base + size - pos));
      let got = 0;
      while (got < buf.length) {
        const r = await fh.read(buf, got, buf.length - got, pos + got);
        if (r.bytesRead === 0) throw new SealedFileError('a sealed file is cut short');
        got += r.bytesRead;
      }
      yield openSegment(h, i, i === n - 1, buf);
    }
  } finally {
    await fh.close();
  }
}

/**
 * Writes a sealed file of a known plain size piece by piece, in order: full segments are
 * written as soon as they are complete, the last one when the size is reached. A file left
 * part-way (a download that stopped) is resumed from its last whole segment with
 * `SealedAppender.open`.
 */
export class SealedAppender {
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private index: number;

  private constructor(
    private readonly fd: number,
    private readonly h: Header,
    private readonly total: number,
    /** Plain bytes in whole segments on disk. */
    private written: number,
    /** Where the sealed stream starts in the file (after a header of the caller's own). */
    private readonly base = 0,
  ) {
    this.index = Math.floor(written / h.segment);
  }

  /** Plain bytes taken so far: those on disk (from an earlier try too) and those waiting for their segment to fill. */
  get have(): number {
    return this.written + this.pendingBytes;
  }

  /**
   * Open `file` to add to it up to `total` plain bytes: a sealed file in progress is kept up
   * to its last whole segment; anything else there is replaced.
   */
  static open(master: Uint8Array, file: string, total: number): SealedAppender {
    let fd: number | null = null;
    try {
      fd = openSync(file, 'r+');
      const size = fstatSync(fd).size;
      const head = Buffer.alloc(SEALED_HEADER_BYTES);
      if (size >= SEALED_HEADER_BYTES) {
        readExactly(fd, head, 0);
        if (isSealedHead(head)) {
          const h = parseHeader(master, head);
          const whole = Math.floor((size - SEALED_HEADER_BYTES) / (h.segment + TAG_BYTES));
          const have = whole * h.segment;
          // A whole segment at the end may be the last one (the file is complete): start that one again.
          const keep = have >= total ? Math.max(0, Math.ceil(total / h.segment) - 1) : whole;
          ftruncateSync(fd, SEALED_HEADER_BYTES + keep * (h.segment + TAG_BYTES));
          return new SealedAppender(fd, h, total, keep * h.segment);
        }
      }
      closeSync(fd);
      fd = null;
    } catch (err) {
      if (fd !== null) closeSync(fd);
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT' && !(err instanceof SealedFileError)) throw err;
    }
    const h = newHeader(master);
    const created = openSync(file, 'w');
    writeSync(created, h.bytes, 0, h.bytes.length, 0);
    return new SealedAppender(created, h, total, 0);
  }

  private position(): number {
    return this.base + SEALED_HEADER_BYTES + this.index * (this.h.segment + TAG_BYTES);
  }

  /**
   * A new sealed stream of `total` plain bytes at `base` in a file the caller has opened for
   * writing (an encrypted backup: its own header first). The caller closes the file.
   */
  static at(master: Uint8Array, fd: number, base: number, total: number, segment = SEGMENT_BYTES): SealedAppender {
    const h = newHeader(master, segment);
    writeSync(fd, h.bytes, 0, h.bytes.length, base);
    const w = new SealedAppender(fd, h, total, 0, base);
    w.ownsFd = false;
    return w;
  }

  private ownsFd = true;

  private emit(plain: Buffer, last: boolean): void {
    const sealed = sealSegment(this.h, this.index, last, plain);
    writeSync(this.fd, sealed, 0, sealed.length, this.position());
    this.index++;
  }

  /** Add the next plain bytes (never past the total). */
  write(bytes: Uint8Array): void {
    if (this.written + this.pendingBytes + bytes.byteLength > this.total) throw new SealedFileError('more bytes than the file holds');
    this.pending.push(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    this.pendingBytes += bytes.byteLength;
    let buf = Buffer.concat(this.pending);
    while (buf.length >= this.h.segment || (this.written + buf.length === this.total && buf.length > 0)) {
      const take = Math.min(this.h.segment, buf.length);
      const last = this.written + take === this.total;
      this.emit(buf.subarray(0, take), last);
      this.written += take;
      buf = buf.subarray(take);
    }
    this.pending = buf.length ? [Buffer.from(buf)] : [];
    this.pendingBytes = buf.length;
  }

  /** True once every byte is written (an empty file gets its one empty last segment here). */
  get complete(): boolean {
    return this.written === this.total && (this.total > 0 || this.index > 0);
  }

  /** Flush to disk and close; bytes short of a whole segment (not the last) are dropped and fetched again next time. */
  close(): void {
    try {
      if (this.total === 0 && this.index === 0) this.emit(Buffer.alloc(0), true);
      // fsync before the caller renames the file into place.
      fsyncSync(this.fd);
    } finally {
      if (this.ownsFd) closeSync(this.fd);
    }
  }
}
