import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { describe, test } from 'node:test';
import { appWindowArgs, findChromium, writeLoginPage } from '../../server/browser.ts';
import { CLI, tempDir } from '../helpers.ts';

const run = promisify(execFile);

const staticDir = tempDir();
fs.writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>Fieldbook</title>');

const env = (extra: Record<string, string> = {}) => ({ ...process.env, FIELDBOOK_DATA: '', FIELDBOOK_STATIC_DIR: staticDir, ...extra });

async function fieldbook(args: string[], extraEnv: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [CLI, ...args], { env: env(extraEnv) });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

function post(url: URL, method: string, token: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      new URL(`/api/${method}`, url),
      { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

/** A GET with the given Host header; the status and the first Set-Cookie. */
function get(port: number, target: string, host: string): Promise<{ status: number; cookie: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: target, headers: { host }, setHost: false, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, cookie: res.headers['set-cookie']?.[0] }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('fieldbook serve', () => {
  test('serves the API on the printed address until SIGTERM, then exits 0', { timeout: 60_000 }, async () => {
    const data = path.join(tempDir(), 'data');
    const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--data', data], { env: env(), stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.once('exit', (code, signal) => resolve({ code, signal })),
    );
    let stdout = '';
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const line = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk;
        const end = stdout.indexOf('\n');
        if (end !== -1) resolve(stdout.slice(0, end));
      });
      void exited.then(({ code }) => reject(new Error(`serve exited early (${code}): ${stderr}`)));
    });

    const match = /^Fieldbook at (http:\/\/(fb-[0-9a-f]{16}\.localhost):(\d+)\/\?login=([A-Za-z0-9_-]{43}))$/.exec(line);
    assert.ok(match, `printed line: ${line}`);
    const login = new URL(match[1]!);
    const port = Number(match[3]);
    assert.ok(port > 0);
    // The printed code, redeemed as the browser would (on the per-launch host name), gives the session token.
    const redeemed = await get(port, `${login.pathname}${login.search}`, login.host);
    assert.equal(redeemed.status, 200);
    const token = /^fieldbook_token_\d+=([A-Za-z0-9_-]+);/.exec(redeemed.cookie ?? '')?.[1];
    assert.ok(token, 'a session cookie');
    assert.notEqual(token, match[4], 'the printed code is not the session token');
    assert.equal((await get(port, `${login.pathname}${login.search}`, login.host)).status, 401, 'the printed code works once');

    const url = new URL(`http://127.0.0.1:${port}/`);
    const stats = await post(url, 'stats.get', token);
    assert.equal(stats.status, 200, stats.body);
    assert.equal((JSON.parse(stats.body) as { result: { sources: number } }).result.sources, 5);
    assert.equal((await post(url, 'stats.get', 'wrong-token')).status, 401);

    child.kill('SIGTERM');
    assert.deepEqual(await exited, { code: 0, signal: null }, stderr);
    assert.equal(stdout, `${line}\n`, 'exactly one line on stdout');
    assert.equal(stderr, '');
    assert.ok(fs.existsSync(path.join(data, 'fieldbook.sqlite')));
  });

  test('SIGINT stops it cleanly too', { timeout: 60_000 }, async () => {
    const child = spawn(process.execPath, [CLI, 'serve', '--data', tempDir()], { env: env(), stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) => child.stdout.setEncoding('utf8').once('data', () => resolve()));
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  });

  test('a --port that is not 0-65535 is a usage error (exit 2)', async () => {
    for (const port of ['99999', '65536', '-1', 'abc', '80.5', '']) {
      const result = await fieldbook(['serve', `--port=${port}`, '--data', tempDir()]);
      assert.equal(result.code, 2, `--port=${port}: ${result.stderr}`);
      assert.match(result.stderr, /port/);
      assert.equal(result.stdout, '');
    }
  });

  test('without a built renderer it exits 1 and says how to build it', async () => {
    const result = await fieldbook(['serve', '--data', tempDir()], { FIELDBOOK_STATIC_DIR: tempDir() });
    assert.equal(result.code, 1);
    assert.match(result.stderr, /the renderer is not built: run "npm run build" first/);
    assert.equal(result.stdout, '');
  });

  test('--open: the login code is on no command line, only in a login page its owner alone can read', () => {
    const profile = path.join(tempDir(), 'browser-profile');
    const page = writeLoginPage(profile, 'http://fb-0123456789abcdef.localhost:4000/?login=SECRETCODE');
    assert.equal(fs.statSync(page).mode & 0o777, 0o600);
    assert.equal(fs.statSync(profile).mode & 0o777, 0o700);
    assert.match(
      fs.readFileSync(page, 'utf8'),
      /http-equiv="refresh" content="0;url=http:\/\/fb-0123456789abcdef\.localhost:4000\/\?login=SECRETCODE"/,
    );
    const args = appWindowArgs(pathToFileURL(page).href, profile);
    assert.ok(
      args.every((arg) => !arg.includes('SECRETCODE')),
      'the code is not an argument',
    );
  });

  test('--open: finds Chromium or Chrome on PATH, and opens an app window with its own profile', () => {
    const bin = tempDir();
    assert.equal(findChromium({ PATH: bin }, 'linux'), undefined);
    const notExecutable = path.join(bin, 'chromium');
    fs.writeFileSync(notExecutable, '');
    fs.chmodSync(notExecutable, 0o644);
    assert.equal(findChromium({ PATH: bin }, 'linux'), undefined, 'a file that is not executable is skipped');
    const chrome = path.join(bin, 'google-chrome-stable');
    fs.writeFileSync(chrome, '#!/bin/sh\n');
    fs.chmodSync(chrome, 0o755);
    assert.equal(findChromium({ PATH: `/nonexistent${path.delimiter}${bin}` }, 'linux'), chrome);
    assert.deepEqual(appWindowArgs('http://127.0.0.1:1/?token=t', '/data/browser-profile'), [
      '--app=http://127.0.0.1:1/?token=t',
      '--user-data-dir=/data/browser-profile',
      '--no-first-run',
      '--no-default-browser-check',
      '--disable-background-networking',
      '--disable-sync',
      '--disable-component-update',
    ]);
  });
});
