// How a file to import travels from a shell (the HTTP thread, Electron's main
// process) through the store's thread to the import worker: its base64 text
// as bytes, in a buffer handed over without a copy, never as one string. A
// 50 MB file is 66 MB of base64: as a string it is copied and read on every
// thread it crosses (over 100 ms each on the store's thread, which must go on
// answering searches). Only the import worker turns the bytes back into the
// text that sources.import's schema checks.

/** sources.import's input may carry its `contentBase64` as these bytes (ASCII) between the app's own threads. */
export type Base64Bytes = Uint8Array;

/** A base64 text shorter than this travels as a string: copying it costs nothing worth a buffer. */
export const BYTES_FROM_CHARS = 64 * 1024;

function record(input: unknown): Record<string, unknown> | undefined {
  return input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : undefined;
}

/** The bytes `input` carries as its contentBase64, if it carries bytes. */
export function base64BytesOf(input: unknown): Base64Bytes | undefined {
  const content = record(input)?.['contentBase64'];
  return content instanceof Uint8Array ? content : undefined;
}

/**
 * `input` with its contentBase64 as text, as sources.import's schema reads it.
 * Read as Latin-1, byte for byte: a byte that is not base64 stays a character
 * that is not base64, and the schema refuses it.
 */
export function withBase64Text(input: unknown): unknown {
  const bytes = base64BytesOf(input);
  if (!bytes) return input;
  return { ...record(input), contentBase64: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1') };
}

/**
 * A long contentBase64 string as its bytes, in a buffer of its own that can
 * be transferred; `undefined` when it stays a string (short, not a string, or
 * not ASCII, which the schema refuses as it is).
 */
export function base64TextAsBytes(content: unknown): Base64Bytes | undefined {
  if (typeof content !== 'string' || content.length < BYTES_FROM_CHARS) return undefined;
  if (Buffer.byteLength(content, 'utf8') !== content.length) return undefined; // a character beyond ASCII
  return Buffer.from(content, 'latin1');
}

/**
 * The buffer to transfer for `bytes`: its own when the bytes are large (a
 * large Buffer never lies in Node's shared pool), else a copy (a small one may).
 */
export function transferableBytes(bytes: Base64Bytes): Base64Bytes {
  if (bytes.byteLength >= BYTES_FROM_CHARS && !(bytes.buffer instanceof SharedArrayBuffer)) return bytes;
  return new Uint8Array(bytes);
}
