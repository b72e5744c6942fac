// The end-to-end tests' browser: a browser that cannot start stops the run
// at once with the reason, and leaves nothing running behind it.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { openApp } from '../e2e/browser-shell.ts';
import { chooseChromium } from '../e2e/chromium.ts';
import { ROOT, tempDir } from '../helpers.ts';

const PREFLIGHT = path.join(ROOT, 'tests', 'e2e', 'preflight.ts');

function preflight(env: NodeJS.ProcessEnv) {
  return spawnSync(process.execPath, [PREFLIGHT], {
    env: { ...process.env, ...env },
    encoding: 'utf8',
    timeout: 90_000, // the preflight gives up by itself within a minute; this only guards the guard
    killSignal: 'SIGKILL',
  });
}

/** Command lines of the running processes that mention `needle` (Linux's /proc). */
function processesMentioning(needle: string): string[] {
  return fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const cmdline = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
        return cmdline.includes(needle) ? [cmdline] : [];
      } catch {
        return []; // gone meanwhile
      }
    });
}

describe('choosing the browser', () => {
  test('CHROMIUM_PATH wins, and must be an executable file', async () => {
    const choice = await chooseChromium({ ...process.env, CHROMIUM_PATH: '/bin/sh' });
    assert.equal(choice.executable, '/bin/sh');
    await assert.rejects(
      chooseChromium({ ...process.env, CHROMIUM_PATH: '/nonexistent/chrome' }),
      /CHROMIUM_PATH=\/nonexistent\/chrome is not an executable file/,
    );
  });

  test(
    'with no system browser on PATH, the Chromium packaged on npm is used (Linux)',
    { skip: process.platform !== 'linux' && 'the packaged Chromium is for Linux only' },
    async () => {
      const choice = await chooseChromium({ PATH: tempDir(), HOME: tempDir() });
      assert.match(choice.origin, /@sparticuz\/chromium/);
      assert.ok(fs.statSync(choice.executable).mode & 0o100, 'executable');
      assert.equal(fs.statSync(path.dirname(choice.executable)).mode & 0o077, 0, 'unpacked into a folder only its owner can use');
    },
  );
});

describe('a browser that cannot start', () => {
  test('the preflight names the browser and fails, for one that exits at once', () => {
    const run = preflight({ CHROMIUM_PATH: '/bin/false' });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /e2e browser: the end-to-end browser, CHROMIUM_PATH \(\/bin\/false\), could not start/);
  });

  test('the preflight gives up on one that hangs, and the hung process is stopped', () => {
    const bin = tempDir();
    const marker = `fieldbook-hung-browser-${process.pid}`;
    const hanging = path.join(bin, 'chromium');
    fs.writeFileSync(hanging, `#!/bin/sh\nexec sleep 600 # ${marker}\n`, { mode: 0o755 });
    const run = preflight({ CHROMIUM_PATH: hanging, E2E_LAUNCH_TIMEOUT_MS: '2000' });
    assert.equal(run.signal, null, 'it ended by itself');
    assert.equal(run.status, 1);
    assert.match(run.stderr, /could not start: .*Timeout 2000ms exceeded/);
    assert.deepEqual(processesMentioning(hanging), []);
  });

  test('openApp stops the server it started when the browser fails, so no test file can hang on it', async () => {
    const data = tempDir();
    const previous = process.env['CHROMIUM_PATH'];
    process.env['CHROMIUM_PATH'] = '/bin/false';
    try {
      await assert.rejects(openApp(data), /could not start/);
    } finally {
      if (previous === undefined) delete process.env['CHROMIUM_PATH'];
      else process.env['CHROMIUM_PATH'] = previous;
    }
    assert.deepEqual(processesMentioning(data), [], 'no `fieldbook serve` left on that data folder');
  });
});
