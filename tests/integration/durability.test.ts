import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { once } from 'node:events';
import { test } from 'node:test';
import { callMethod } from '../../db/api.ts';
import { openFieldbook } from '../../db/fieldbook.ts';
import { ROOT, tempDir } from '../helpers.ts';

test('a note whose save returned survives SIGKILL of the process right after', async () => {
  const dataDir = tempDir();
  const marker = `kill-test-${process.pid}`;
  const child = spawn(process.execPath, [path.join(ROOT, 'tests/fixtures/save-note-then-wait.ts'), dataDir, marker], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  for await (const chunk of child.stdout) {
    output += chunk;
    if (output.includes('\n')) break;
  }
  const match = /^saved (\d+)$/m.exec(output);
  assert.ok(match, `the child reported a save, got ${JSON.stringify(output)}`);
  child.kill('SIGKILL');
  const [, signal] = await once(child, 'exit');
  assert.equal(signal, 'SIGKILL');

  const fieldbook = openFieldbook(dataDir, { seed: false });
  try {
    const note = callMethod(fieldbook.db, 'notes.get', { id: Number(match[1]) }) as { title: string; text: string };
    assert.equal(note.title, marker);
    assert.equal(note.text, `durable ${marker}`);
  } finally {
    fieldbook.close();
  }
});
