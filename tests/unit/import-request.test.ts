import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importRequestBlob, importRequestParts } from '../../db/shared/import-request.ts';

test('the parts of an import request join into the JSON of its input, the base64 spliced in as it is', () => {
  const input = { fileName: 'report "final".md', contentBase64: 'SGVsbG8sIHdvcmxk+/==', importId: 'import-1' };
  const parts = importRequestParts(input);
  assert.equal(parts.length, 3);
  assert.equal(parts[1], input.contentBase64, 'the base64 string itself, not a copy made by JSON.stringify');
  assert.deepEqual(JSON.parse(parts.join('')), input);
  assert.deepEqual(JSON.parse(importRequestParts({ contentBase64: 'QQ==' }).join('')), { contentBase64: 'QQ==' });
});

test('a string that is not base64 (a quote, a backslash) is encoded whole, so it cannot break out of its literal', () => {
  for (const contentBase64 of ['QQ==", "importId": "other', 'QQ\\u0022==']) {
    const input = { fileName: 'x.md', contentBase64 };
    const parts = importRequestParts(input);
    assert.equal(parts.length, 1);
    assert.deepEqual(JSON.parse(parts.join('')), input);
  }
});

test('the Blob built a piece at a time holds the same JSON, with a pause between pieces', async () => {
  const contentBase64 = Buffer.alloc(3 * 1024 * 1024 + 5, 9).toString('base64'); // four pieces
  const input = { fileName: 'long.md', contentBase64, importId: 'import-2' };
  let pauses = 0;
  const blob = await importRequestBlob(input, async () => {
    pauses++;
  });
  assert.equal(blob.type, 'application/json');
  assert.deepEqual(JSON.parse(await blob.text()), input);
  assert.equal(pauses, Math.ceil(contentBase64.length / (1 << 20)));
});
