// What a save that returned survives: the process killed at once, again and again (issue 11).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import { once } from 'node:events';
import { describe, test } from 'node:test';
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

/** One try: a writer is killed once it has acknowledged 1 to 5 notes (by `attempt`); each acknowledged note must be in the store. */
async function killAcknowledgedWriter(attempt: number): Promise<void> {
  const dataDir = tempDir();
  const child = spawn(process.execPath, [path.join(ROOT, 'tests/fixtures/write-continuously.ts'), dataDir, 'ack'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  child.stdout.setEncoding('utf8');
  const wanted = 1 + (attempt % 5);
  for await (const chunk of child.stdout) {
    output += chunk;
    if ((output.match(/^saved /gm) ?? []).length >= wanted) break;
  }
  child.kill('SIGKILL');
  await once(child, 'exit');
  const acknowledged = [...output.matchAll(/^saved (\d+)$/gm)].map((m) => Number(m[1]));
  assert.ok(acknowledged.length >= wanted);
  const fieldbook = openFieldbook(dataDir, { seed: false });
  try {
    const ids = new Set((callMethod(fieldbook.db, 'notes.list', { limit: 1000 }) as { id: number }[]).map((n) => n.id));
    for (const id of acknowledged) assert.ok(ids.has(id), `try ${attempt}: note ${id} was acknowledged, then lost`);
  } finally {
    fieldbook.close();
  }
}

describe('durability', () => {
  test('no acknowledged write is lost when the writer is killed: 50 tries', async () => {
    // Five writers at a time, each in its own folder: a writer takes seconds to start on a loaded
    // machine, and fifty in a row could outlast the runner's time limit for this file.
    for (let first = 0; first < 50; first += 5) {
      // Settled, all five, before a failure is reported: no writer is left running.
      const tries = await Promise.allSettled([0, 1, 2, 3, 4].map((i) => killAcknowledgedWriter(first + i)));
      const failed = tries.find((t): t is PromiseRejectedResult => t.status === 'rejected');
      if (failed) throw failed.reason;
    }
  });
});
