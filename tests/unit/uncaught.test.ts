// An error nothing caught (in a timer, a rejected promise) no longer ends a
// long-running process: it is logged to errors.log (owner-only) and stderr,
// and the process goes on.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { ROOT, tempDir } from '../helpers.ts';

test('an uncaught error and an unhandled rejection are logged and the process keeps running', () => {
  const dir = tempDir();
  const script = `
    import { reportUncaughtErrors } from ${JSON.stringify(path.join(ROOT, 'server/uncaught.ts'))};
    reportUncaughtErrors(${JSON.stringify(dir)}, (line) => console.error(line));
    setTimeout(() => { throw new Error('thrown in a timer'); }, 0);
    setTimeout(() => void Promise.reject(new Error('rejected in a timer')), 10);
    setTimeout(() => console.log('still running'), 50);
  `;
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), 'still running');
  assert.match(run.stderr, /uncaught error \(kept running; details in .*errors\.log\): thrown in a timer/);
  assert.match(run.stderr, /unhandled rejection .*: rejected in a timer/);
  const log = path.join(dir, 'errors.log');
  assert.equal(fs.statSync(log).mode & 0o777, 0o600);
  const text = fs.readFileSync(log, 'utf8');
  assert.match(text, /uncaught error: Error: thrown in a timer\n\s+at /);
  assert.match(text, /unhandled rejection: Error: rejected in a timer/);
});
