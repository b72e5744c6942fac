// Note bodies the editor could not show (issue 12) are refused by the API
// with a clear message and leave the store as it was; a huge paragraph of
// mentions saves in one pass.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { ApiError } from '../../db/shared/errors.ts';
import { MAX_DEPTH } from '../../db/shared/editor-schema.ts';
import { storeDigest, tempFieldbook } from '../helpers.ts';

const { db } = tempFieldbook();
const paragraph = (text: string) => ({ type: 'paragraph', content: [{ type: 'text', text }] });

function refusedBody(body: unknown, message: RegExp): void {
  const before = storeDigest(db);
  assert.throws(
    () => callMethod(db, 'notes.create', { title: 'hostile', body }),
    (error: unknown) => error instanceof ApiError && error.code === 'invalid_input' && message.test(error.message),
  );
  assert.equal(storeDigest(db), before);
}

describe('note bodies the editor could not show', () => {
  test('a body nested 1,000 levels deep is refused (no stack overflow), and so is one just past the limit', () => {
    let deep: Record<string, unknown> = paragraph('bottom');
    for (let i = 0; i < 1000; i++) deep = { type: 'blockquote', content: [deep] };
    refusedBody({ type: 'doc', content: [deep] }, new RegExp(`body: nests deeper than ${MAX_DEPTH} levels`));
    let limit: Record<string, unknown> = paragraph('bottom');
    for (let i = 0; i < MAX_DEPTH; i++) limit = { type: 'blockquote', content: [limit] };
    refusedBody({ type: 'doc', content: [limit] }, /nests deeper/);
  });

  test('a node or mark type the editor does not know is refused, not dropped later', () => {
    refusedBody(
      { type: 'doc', content: [{ type: 'spreadsheet', content: [] }] },
      /body: is not a document the editor can show: Unknown node type: spreadsheet/,
    );
    refusedBody(
      { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'glow' }] }] }] },
      /no mark type glow/,
    );
    refusedBody({ type: 'doc', content: [{ type: 'text', text: 'loose text' }] }, /Invalid content for node doc/);
  });

  test('what the editor writes is accepted: lists, tasks, tables, marks, links and mentions', () => {
    const body = {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Plan' }] },
        { type: 'bulletList', content: [{ type: 'listItem', content: [paragraph('one')] }] },
        { type: 'taskList', content: [{ type: 'taskItem', attrs: { checked: true }, content: [paragraph('done')] }] },
        {
          type: 'table',
          content: [{ type: 'tableRow', content: [{ type: 'tableCell', content: [paragraph('cell')] }] }],
        },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'bold', marks: [{ type: 'bold' }] },
            { type: 'text', text: ' link', marks: [{ type: 'link', attrs: { href: 'https://example.org' } }] },
            { type: 'mention', attrs: { kind: 'actor', id: 1, label: 'Libya' } },
          ],
        },
      ],
    };
    const note = callMethod(db, 'notes.create', { title: 'Rich', body }) as { id: number; links: unknown[] };
    assert.equal(note.links.length, 1);
  });
});

describe('saving is linear in the size of the note', () => {
  test('one paragraph of 20,000 mentions saves, each with the sentence around it', () => {
    const content: unknown[] = [];
    for (let i = 0; i < 20_000; i++) {
      content.push({ type: 'text', text: `Sentence ${i} names ` });
      content.push({ type: 'mention', attrs: { kind: 'actor', id: 1 + (i % 50), label: `A${i}` } });
      content.push({ type: 'text', text: '. ' });
    }
    const note = callMethod(db, 'notes.create', { title: 'Many', body: { type: 'doc', content: [{ type: 'paragraph', content }] } }) as {
      id: number;
      links: { context: string }[];
    };
    assert.equal(note.links.length, 20_000, 'one link per mention');
    assert.equal(note.links[0]!.context, 'Sentence 0 names A0.');
    assert.equal(note.links[12_345]!.context, 'Sentence 12345 names A12345.');
    assert.equal(note.links[19_999]!.context, 'Sentence 19999 names A19999.');
  });
});
