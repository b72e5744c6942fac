// The body of POST /api/sources.import (server/import-body.ts): the file's
// literal is taken as bytes without parsing it, the rest parsed as JSON; any
// body that is not that simple case is left to the whole-body parse.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BYTES_FROM_CHARS } from '../../db/import/import-payload.ts';
import { parseImportBody } from '../../server/import-body.ts';

const parse = (json: Buffer) => JSON.parse(json.toString('utf8')) as unknown;
const base64 = 'QUJD'.repeat(BYTES_FROM_CHARS / 2);

test("the file's literal becomes its bytes; the other fields are parsed as JSON, escapes included", () => {
  const body = Buffer.from(JSON.stringify({ fileName: 'r\u00e9port "final".md', contentBase64: base64, importId: 'import-0001' }));
  const input = parseImportBody(body, parse) as Record<string, unknown>;
  assert.ok(input['contentBase64'] instanceof Uint8Array);
  assert.equal(Buffer.from(input['contentBase64']).toString('latin1'), base64);
  assert.equal((input['contentBase64'] as Uint8Array).buffer, body.buffer, 'a view of the body: nothing copied');
  assert.deepEqual({ ...input, contentBase64: null }, { fileName: 'r\u00e9port "final".md', contentBase64: null, importId: 'import-0001' });
  // With spaces around, and the file first.
  const spaced = Buffer.from(`{ "contentBase64" : "${base64}" ,\n "fileName": "a.md" }`);
  assert.equal((parseImportBody(spaced, parse) as { fileName: string }).fileName, 'a.md');
});

test('bodies that are not the simple case are left to the whole parse', () => {
  const none = (text: string) => assert.equal(parseImportBody(Buffer.from(text), parse), undefined, text.slice(0, 80));
  none(JSON.stringify({ fileName: 'a.md', contentBase64: 'aGVsbG8=' })); // short
  none(`{"fileName":"a.md","contentBase64":"\\u0051${base64}"}`); // an escape inside
  none(JSON.stringify({ fileName: base64, contentBase64: 'aGVsbG8=' })); // the long literal elsewhere
  none(JSON.stringify({ nested: { contentBase64: base64 } }));
  none(JSON.stringify([base64]));
  none(`{"fileName":"a.md","contentBase64":"${base64}`); // quotes that never close
  // The last of two keys counts, as in JSON.parse: here the short one.
  none(`{"contentBase64":"${base64}","contentBase64":"aGVsbG8="}`);
});

test('a body that is not JSON outside the literal is refused by the parse it is given', () => {
  assert.throws(() => parseImportBody(Buffer.from(`{"fileName":"a.md",,"contentBase64":"${base64}"}`), parse), SyntaxError);
});
