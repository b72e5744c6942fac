// The body of `POST /api/sources.import`, parsed without turning its file into
// a string: a 50 MB file is 66 MB of base64 in one JSON string, which
// decoding and JSON.parse would copy twice on the HTTP thread (0.3 s and more
// on a busy machine, while every other request waits). Here the file's
// literal is found by its quotes (a native search), the rest of the body is
// parsed as JSON, and the literal's bytes are handed on as they are
// (db/import/import-payload.ts); the import worker checks that they are base64.
import { randomUUID } from 'node:crypto';
import { BYTES_FROM_CHARS } from '../db/import/import-payload.ts';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/** Whether the quote at `at` is escaped: an odd number of backslashes before it. */
function escaped(body: Uint8Array, at: number): boolean {
  let slashes = 0;
  while (at - slashes - 1 >= 0 && body[at - slashes - 1] === BACKSLASH) slashes++;
  return slashes % 2 === 1;
}

/** Where the longest string literal of a JSON text lies (between its quotes), or undefined when its quotes do not pair up. */
function longestString(body: Buffer): { start: number; end: number } | undefined {
  let longest = { start: 0, end: 0 };
  for (let from = 0; ;) {
    const open = body.indexOf(QUOTE, from);
    if (open === -1) return longest;
    let close = open;
    do {
      close = body.indexOf(QUOTE, close + 1);
      if (close === -1) return undefined;
    } while (escaped(body, close));
    if (close - open - 1 > longest.end - longest.start) longest = { start: open + 1, end: close };
    from = close + 1;
  }
}

/**
 * sources.import's input from its JSON body, with `contentBase64` as the
 * bytes of its literal; undefined when the body is not that simple case (a
 * short file, a literal with escapes, the long literal somewhere else), which
 * the caller parses whole. `parse` parses the rest (and throws on bad JSON).
 */
export function parseImportBody(body: Buffer, parse: (json: Buffer) => unknown): unknown {
  const literal = longestString(body);
  if (!literal || literal.end - literal.start < BYTES_FROM_CHARS) return undefined;
  const content = body.subarray(literal.start, literal.end);
  if (content.includes(BACKSLASH)) return undefined;
  // A stand-in no client can have sent: it says which field held the literal.
  const standIn = `file-${randomUUID()}`;
  const rest = Buffer.concat([body.subarray(0, literal.start), Buffer.from(standIn), body.subarray(literal.end)]);
  const input = parse(rest);
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return undefined;
  const fields = input as Record<string, unknown>;
  if (!Object.hasOwn(fields, 'contentBase64') || fields['contentBase64'] !== standIn) return undefined;
  return { ...fields, contentBase64: content };
}
