/**
 * The part of a tesseract language file (.traineddata) that LSTM-only OCR reads.
 *
 * A .traineddata is a container: an int32 count of components, that many int64 offsets (-1 for
 * a component that is not there), then the components one after the other, each running to the
 * next present one (the last to the end of the file). Tesseract reads the whole file into
 * memory and keeps a copy of every component, used or not. The English file shipped in
 * @tesseract.js-data/eng (4.0.0, 23 MB) holds the legacy engine's components too (a 16 MB bigram
 * dictionary among them) that the LSTM-only engine never reads; the LSTM components are 5 MB.
 * Passing only those, byte for byte as they are, gives the same model and the same text.
 */

/** Components 17 to 23: lstm, lstm-punc-dawg, lstm-system-dawg, lstm-number-dawg, lstm-unicharset, lstm-recoder, version. */
const FIRST_LSTM_COMPONENT = 17;
const MAX_COMPONENTS = 64;

/**
 * The same container with only the LSTM components (and the version string) kept, unchanged.
 * Null when the bytes are not a container this reads, or when it holds no LSTM model.
 */
export function lstmOnlyTraineddata(data: Uint8Array): Uint8Array | null {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.byteLength < 4) return null;
  const count = view.getInt32(0, true);
  if (count <= FIRST_LSTM_COMPONENT || count > MAX_COMPONENTS) return null;
  const headerBytes = 4 + 8 * count;
  if (data.byteLength < headerBytes) return null;
  const offsets: number[] = [];
  for (let i = 0; i < count; i++) {
    const offset = Number(view.getBigInt64(4 + 8 * i, true));
    if (offset >= 0 && (offset < headerBytes || offset > data.byteLength)) return null;
    offsets.push(offset);
  }
  const kept: { index: number; bytes: Uint8Array }[] = [];
  let previous = -1;
  for (let i = 0; i < count; i++) {
    const start = offsets[i]!;
    if (start < 0) continue;
    // Components are stored in order: one out of order means this is not a file this reads.
    if (start < previous) return null;
    previous = start;
    if (i < FIRST_LSTM_COMPONENT) continue;
    const next = offsets.slice(i + 1).find((o) => o >= 0);
    kept.push({ index: i, bytes: data.subarray(start, next ?? data.byteLength) });
  }
  if (!kept.some((k) => k.index === FIRST_LSTM_COMPONENT && k.bytes.byteLength > 0)) return null;

  const out = new Uint8Array(headerBytes + kept.reduce((n, k) => n + k.bytes.byteLength, 0));
  const head = new DataView(out.buffer);
  head.setInt32(0, count, true);
  for (let i = 0; i < count; i++) head.setBigInt64(4 + 8 * i, -1n, true);
  let at = headerBytes;
  for (const k of kept) {
    head.setBigInt64(4 + 8 * k.index, BigInt(at), true);
    out.set(k.bytes, at);
    at += k.bytes.byteLength;
  }
  return out;
}
