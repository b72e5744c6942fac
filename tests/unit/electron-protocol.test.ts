// app://fieldbook/… serves the built renderer and nothing else.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { CONTENT_SECURITY_POLICY, createAppProtocolHandler, isInside, resolveAppPath } from '../../electron/protocol.ts';
import { tempDir } from '../helpers.ts';

const base = tempDir('fieldbook-protocol-');
const root = path.join(base, 'renderer');
fs.mkdirSync(path.join(root, 'assets'), { recursive: true });
fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>Fieldbook</title>');
fs.writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log("hi")');
fs.writeFileSync(path.join(root, 'assets', 'style.css'), 'body{}');
fs.writeFileSync(path.join(base, 'secret.txt'), 'outside the renderer');
fs.writeFileSync(path.join(base, 'renderer-evil.txt'), 'a sibling with a shared prefix');
let symlinked = true;
try {
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'assets', 'link.txt'));
} catch {
  symlinked = false;
}

const handler = createAppProtocolHandler(root);
const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app:// protocol', () => {
  test('serves index.html and assets with their types, the CSP and nosniff', async () => {
    const index = await get('app://fieldbook/index.html');
    assert.equal(index.status, 200);
    assert.equal(index.headers.get('content-type'), 'text/html; charset=utf-8');
    assert.equal(index.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal(index.headers.get('x-content-type-options'), 'nosniff');
    assert.match(await index.text(), /<title>Fieldbook<\/title>/);

    const script = await get('app://fieldbook/assets/index-abc.js');
    assert.equal(script.status, 200);
    assert.equal(script.headers.get('content-type'), 'text/javascript; charset=utf-8');
    assert.equal(script.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
    assert.equal((await get('app://fieldbook/assets/style.css')).headers.get('content-type'), 'text/css; charset=utf-8');
  });

  test('the CSP is exactly the one the design asks for', () => {
    assert.equal(
      CONTENT_SECURITY_POLICY,
      "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; object-src 'none'",
    );
  });

  test('the root and extension-less paths get index.html; missing files are 404', async () => {
    assert.match(await (await get('app://fieldbook/')).text(), /Fieldbook/);
    assert.match(await (await get('app://fieldbook/notes/42')).text(), /Fieldbook/);
    const missing = await get('app://fieldbook/assets/missing.js');
    assert.equal(missing.status, 404);
    assert.equal(missing.headers.get('content-security-policy'), CONTENT_SECURITY_POLICY);
  });

  test('HEAD has headers and no body; other methods are refused', async () => {
    const head = await get('app://fieldbook/index.html', 'HEAD');
    assert.equal(head.status, 200);
    assert.equal(await head.text(), '');
    assert.equal((await get('app://fieldbook/index.html', 'POST')).status, 405);
  });

  test('no path traversal, however it is spelled', async () => {
    for (const url of [
      'app://fieldbook/../secret.txt',
      'app://fieldbook/%2e%2e/secret.txt',
      'app://fieldbook/%2E%2E%2Fsecret.txt',
      'app://fieldbook/assets/..%2f..%2fsecret.txt',
      'app://fieldbook/..%5csecret.txt',
      'app://fieldbook/%2e%2e%5c%2e%2e%5csecret.txt',
      'app://fieldbook/../renderer-evil.txt',
      `app://fieldbook/${encodeURIComponent(path.join(base, 'secret.txt'))}`,
      'app://fieldbook/C:%5Cwindows%5Cwin.ini',
      'app://fieldbook/index.html%00.js',
      'app://fieldbook/%E0%A4%A',
    ]) {
      const resolved = resolveAppPath(root, url);
      assert.ok(typeof resolved !== 'string' || isInside(root, resolved), `${url} resolved to ${resolved}`);
      const response = await get(url);
      assert.ok(response.status === 404 || response.status === 400, `${url}: ${response.status}`);
      const body = await response.text();
      assert.doesNotMatch(body, /outside the renderer|shared prefix/, url);
    }
  });

  test('a symbolic link out of the renderer folder is not followed', { skip: !symlinked && 'cannot create symlinks here' }, async () => {
    assert.equal((await get('app://fieldbook/assets/link.txt')).status, 404);
  });

  test('other hosts, schemes and ports are not served', async () => {
    assert.equal(resolveAppPath(root, 'app://other/index.html'), 404);
    assert.equal(resolveAppPath(root, 'app://fieldbook:99/index.html'), 404);
    assert.equal(resolveAppPath(root, 'app://x@fieldbook/index.html'), 404);
    assert.equal(resolveAppPath(root, 'file:///index.html'), 404);
    assert.equal(resolveAppPath(root, 'app://fieldbook/assets/index-abc.js'), path.join(root, 'assets', 'index-abc.js'));
  });

  test('an unbuilt renderer gets a clear 404', async () => {
    const unbuilt = createAppProtocolHandler(path.join(base, 'no-such-dir'));
    const response = await unbuilt(new Request('app://fieldbook/index.html'));
    assert.equal(response.status, 404);
    assert.match(await response.text(), /npm run build/);
  });
});
