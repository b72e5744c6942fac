// `fieldbook backup` asks the running app for the copy, and `fieldbook
// restore` refuses to replace a store an app has open (issue 11), through the
// owner-only control socket in the data folder.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { verifyBackup } from '../../db/store/backup.ts';
import { CONTROL_SOCKET } from '../../server/control.ts';
import { callApi, startShell } from '../e2e/browser-shell.ts';
import { CLI, tempDir } from '../helpers.ts';

const noteBody = (text: string) => ({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
const runCli = (args: string[]) => spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000 });
const mode = (file: string) => fs.statSync(file).mode & 0o777;

/** Sends one line to the socket and returns the line it answers. */
function ask(socket: string, line: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const connection = net.connect(socket, () => connection.write(line));
    let received = '';
    connection.setEncoding('utf8');
    connection.on('data', (chunk: string) => (received += chunk));
    connection.once('error', reject);
    connection.once('close', () => resolve(received));
  });
}

describe('the control socket of a running app', () => {
  test('backup goes to the running app; restore is refused while it runs; a bad request changes nothing', async () => {
    const dir = path.join(tempDir(), 'data');
    const shell = await startShell(dir);
    try {
      const socket = path.join(dir, CONTROL_SOCKET);
      assert.ok(fs.statSync(socket).isSocket());
      assert.equal(mode(socket), 0o600);
      await callApi(shell, 'notes.create', { title: 'Written just now', body: noteBody('in the running app') });

      const target = path.join(tempDir(), 'copy.sqlite');
      const backup = runCli(['backup', target, '--data', dir]);
      assert.equal(backup.status, 0, backup.stderr);
      assert.match(backup.stdout, /backed up by the running Fieldbook to .*copy\.sqlite/);
      verifyBackup(target);
      assert.equal(mode(target), 0o600);
      const copy = new Database(target, { readonly: true });
      try {
        assert.equal((copy.prepare("SELECT count(*) AS n FROM notes WHERE title = 'Written just now'").get() as { n: number }).n, 1);
      } finally {
        copy.close();
      }
      // The app refuses to overwrite an existing file, and says why.
      const again = runCli(['backup', target, '--data', dir]);
      assert.equal(again.status, 1);
      assert.match(again.stderr, /the running Fieldbook could not make the backup/);

      const restore = runCli(['restore', target, '--data', dir]);
      assert.equal(restore.status, 1);
      assert.match(restore.stderr, /Fieldbook is running on this data folder; nothing was restored/);
      assert.equal(fs.readdirSync(path.join(dir, 'backups')).filter((f) => f.startsWith('before-restore')).length, 0);

      for (const line of ['not json\n', '{"command":"delete-everything"}\n', '{"command":"backup","file":"relative.sqlite"}\n']) {
        const reply = JSON.parse(await ask(socket, line)) as { ok: boolean };
        assert.equal(reply.ok, false, line);
      }
      assert.equal(fs.existsSync('relative.sqlite'), false);
      const notes = await callApi<{ title: string }[]>(shell, 'notes.list');
      assert.ok(notes.some((n) => n.title === 'Written just now'));
    } finally {
      await shell.stop();
    }
    assert.equal(fs.existsSync(path.join(dir, CONTROL_SOCKET)), false, 'a clean stop removes the socket');
  });

  test('after a crash the socket left behind answers nothing: backup opens the store itself, and a new app takes the socket over', async () => {
    const dir = path.join(tempDir(), 'data');
    const crashed = await startShell(dir);
    await crashed.kill();
    assert.ok(fs.existsSync(path.join(dir, CONTROL_SOCKET)), 'SIGKILL leaves the socket file');

    const target = path.join(tempDir(), 'copy.sqlite');
    const backup = runCli(['backup', target, '--data', dir]);
    assert.equal(backup.status, 0, backup.stderr);
    assert.match(backup.stdout, /^backed up to /);

    const next = await startShell(dir);
    try {
      const second = path.join(tempDir(), 'second.sqlite');
      const viaApp = runCli(['backup', second, '--data', dir]);
      assert.equal(viaApp.status, 0, viaApp.stderr);
      assert.match(viaApp.stdout, /by the running Fieldbook/);
    } finally {
      await next.stop();
    }
  });
});
