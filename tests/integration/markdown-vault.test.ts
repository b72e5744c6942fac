import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { main } from '../../bin/cli.ts';
import { callMethod } from '../../db/api.ts';
import { openFieldbook } from '../../db/fieldbook.ts';
import { tempDir } from '../helpers.ts';
import type { MethodName, MethodResult } from '../../db/shared/contract.ts';

/** Runs the CLI in-process, collecting what it prints. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const stream = (append: (text: string) => void) => ({ write: (text: string) => (append(text), true), isTTY: false }) as never;
  const code = await main(
    argv,
    stream((t) => (out += t)),
    stream((t) => (err += t)),
  );
  return { code, out, err };
}

test('fieldbook export markdown: a note with front matter and a [[link]] to its actor’s page, which has aliases, facts and evidence quotes', async () => {
  const home = tempDir();
  const data = path.join(home, 'data');
  const fieldbook = openFieldbook(data);
  const call = <M extends MethodName>(method: M, input: unknown) => callMethod(fieldbook.db, method, input) as MethodResult<M>;
  const actor = call('actors.list', { limit: 1000 }).find((a) => a.name === 'Africa Corps')!;
  const evidence = call('actors.get', { id: actor.id }).evidence[0]!;
  const note = call('notes.create', {
    title: 'Who runs: the corps?',
    body: {
      type: 'doc',
      content: [
        { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'Summary' }] },
        {
          type: 'paragraph',
          content: [
            { type: 'text', text: 'Ties to ', marks: [{ type: 'bold' }] },
            { type: 'mention', attrs: { kind: 'actor', id: actor.id, label: actor.name } },
            { type: 'text', text: ' #sahel' },
          ],
        },
      ],
    },
  });
  fieldbook.close();

  const vault = path.join(home, 'vault');
  const exported = await cli('export', 'markdown', vault, '--data', data);
  assert.equal(exported.code, 0, exported.err);
  assert.match(exported.out, /exported a Markdown vault of \d+ pages to .*vault/);
  assert.equal(fs.statSync(vault).mode & 0o777, 0o700);
  assert.equal(fs.statSync(path.join(vault, 'Notes')).mode & 0o777, 0o700);

  const notePage = fs.readFileSync(path.join(vault, 'Notes', 'Who runs the corps.md'), 'utf8');
  assert.equal(fs.statSync(path.join(vault, 'Notes', 'Who runs the corps.md')).mode & 0o777, 0o600);
  const front = /^---\n([\s\S]*?)\n---\n/.exec(notePage)![1]!;
  assert.match(front, /^title: "Who runs: the corps\?"$/m);
  assert.match(front, /^created: "\d{4}-\d{2}-\d{2}T/m);
  assert.match(front, /^updated: "\d{4}-\d{2}-\d{2}T/m);
  assert.match(front, /^tags:\n {2}- "sahel"$/m);
  assert.match(front, new RegExp(`^id: "${note.uuid}"$`, 'm'));
  assert.match(notePage, /^## Summary$/m);
  const linked = /\*\*Ties to\*\* \[\[([^|\]]+)\|Africa Corps\]\]/.exec(notePage);
  assert.ok(linked, notePage);
  const actorPage = fs.readFileSync(path.join(vault, `${linked[1]}.md`), 'utf8');
  assert.equal(linked[1], 'Actors/Africa Corps');
  assert.match(actorPage, /^aliases:\n {2}- "Wagner Group"$/m);
  assert.match(actorPage, /^## Facts$/m);
  assert.match(actorPage, /^- Kind: armed group$/m);
  assert.ok(actorPage.includes(`> ${evidence.quote.split('\n')[0]}`), 'each evidence quote is a blockquote');
  const citation = new RegExp(`^> — \\[\\[(Sources/[^|\\]]+)\\|[^\\]]+\\]\\].*credibility ${evidence.credibility}`, 'm').exec(actorPage);
  assert.ok(citation, 'the quote cites its source');
  assert.ok(fs.existsSync(path.join(vault, `${citation[1]}.md`)), 'the cited source has its page');

  // Never into an existing folder.
  const again = await cli('export', 'markdown', vault, '--data', data);
  assert.equal(again.code, 1);
  assert.match(again.err, /already exists; nothing was written/);
});
