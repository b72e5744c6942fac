// The JSON body of a sources.import request, in pieces: the file's base64 is
// spliced in as it is rather than copied through JSON.stringify, which took
// half a second for a 50 MB file (66 MB of base64) on the thread that sends it
// (in the browser shell, the window's). Base64 needs no escaping in JSON; a
// string holding a quote or a backslash is not base64 and goes through
// JSON.stringify like any other, for the server to refuse.

/** The body as strings to join (a Blob of them, in the window), read by the server as the JSON of `input`. */
export function importRequestParts(input: { contentBase64: string } & Record<string, unknown>): string[] {
  const { contentBase64, ...rest } = input;
  if (contentBase64.includes('"') || contentBase64.includes('\\')) return [JSON.stringify(input)];
  const head = JSON.stringify(rest).slice(0, -1);
  return [`${head}${head === '{' ? '' : ','}"contentBase64":"`, contentBase64, '"}'];
}
