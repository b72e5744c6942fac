// The JSON body of a sources.import request, in pieces: the file's base64 is
// spliced in as it is rather than copied through JSON.stringify, which took
// half a second for a 50 MB file (66 MB of base64) on the thread that sends it
// (in the browser shell, the window's), and is put into a Blob a piece at a
// time, with a pause between pieces, so that no step of the sending thread is
// long (one Blob of the whole string took 0.12 s). Base64 needs no escaping in JSON; a
// string holding a quote or a backslash is not base64 and goes through
// JSON.stringify like any other, for the server to refuse.

/** The body as strings to join (a Blob of them, in the window), read by the server as the JSON of `input`. */
export function importRequestParts(input: { contentBase64: string } & Record<string, unknown>): string[] {
  const { contentBase64, ...rest } = input;
  if (contentBase64.includes('"') || contentBase64.includes('\\')) return [JSON.stringify(input)];
  const head = JSON.stringify(rest).slice(0, -1);
  return [`${head}${head === '{' ? '' : ','}"contentBase64":"`, contentBase64, '"}'];
}

/** Characters of base64 per piece of the Blob (1 MB: a few milliseconds to encode). */
const PIECE = 1 << 20;

/** The body as a Blob built a piece at a time; `pause` lets the sending thread do other work between pieces. */
export async function importRequestBlob(
  input: { contentBase64: string } & Record<string, unknown>,
  pause: () => Promise<void>,
): Promise<Blob> {
  const parts = importRequestParts(input);
  const type = 'application/json';
  if (parts.length === 1) return new Blob(parts, { type });
  const [head, base64, tail] = parts as [string, string, string];
  let blob = new Blob([head]);
  for (let at = 0; at < base64.length; at += PIECE) {
    blob = new Blob([blob, base64.slice(at, at + PIECE)]);
    await pause();
  }
  return new Blob([blob, tail], { type });
}
