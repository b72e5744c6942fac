import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { callerFor, callMethod } from '../../db/api.ts';
import { openFieldbook } from '../../db/fieldbook.ts';
import { MAX_BODY_BYTES } from '../../server/api-route.ts';
import { LOGIN_CODE_TTL_MS, LoginCodes } from '../../server/guards.ts';
import { startLoopbackServer, type LoopbackServer } from '../../server/loopback.ts';
import { CONTENT_SECURITY_POLICY } from '../../server/respond.ts';
import { storeDigest, tempDir, tempFieldbook } from '../helpers.ts';

const { db } = tempFieldbook();

// The static folder sits next to a file that must never be served.
const base = tempDir();
const staticDir = path.join(base, 'renderer');
fs.mkdirSync(path.join(staticDir, 'assets'), { recursive: true });
const INDEX = '<!doctype html><title>Fieldbook</title><script type="module" src="/assets/app.js"></script>';
fs.writeFileSync(path.join(staticDir, 'index.html'), INDEX);
fs.writeFileSync(path.join(staticDir, 'assets', 'app.js'), 'console.log("fieldbook");');
fs.writeFileSync(path.join(staticDir, 'assets', 'app.css'), 'body { margin: 0 }');
fs.writeFileSync(path.join(staticDir, '.secret'), 'hidden');
fs.writeFileSync(path.join(base, 'outside.txt'), 'SECRET OUTSIDE THE STATIC FOLDER');

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  remoteAddress: string | undefined;
}

interface Request {
  method?: string;
  path: string;
  /** The Host header; null sends none. Defaults to 127.0.0.1:PORT. */
  host?: string | null;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

let server: LoopbackServer;
const importedAs: string[] = [];
const replies: Reply[] = [];

/** Every response of this shell carries the security headers and no CORS header. */
function checkHeaders(reply: Reply): void {
  const cors = Object.keys(reply.headers).filter((name) => name.startsWith('access-control-'));
  assert.deepEqual(cors, [], `no Access-Control-* header (status ${reply.status})`);
  assert.equal(reply.headers['content-security-policy'], CONTENT_SECURITY_POLICY);
  assert.equal(reply.headers['x-content-type-options'], 'nosniff');
  assert.equal(reply.headers['referrer-policy'], 'no-referrer');
  assert.equal(reply.headers['cross-origin-opener-policy'], 'same-origin');
}

function send(request: Request, port = server.port): Promise<Reply> {
  const headers: Record<string, string> = { ...request.headers };
  if (request.host !== null) headers['host'] = request.host ?? `127.0.0.1:${port}`;
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: request.method ?? 'GET', path: request.path, headers, setHost: false, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const reply = {
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
            remoteAddress: res.socket.remoteAddress,
          };
          replies.push(reply);
          checkHeaders(reply);
          resolve(reply);
        });
      },
    );
    req.on('error', reject);
    req.end(request.body);
  });
}

const bearer = () => ({ authorization: `Bearer ${server.token}` });
const cookie = () => ({ cookie: `fieldbook_token_${server.port}=${server.token}` });
const JSON_TYPE = { 'content-type': 'application/json' };

function api(method: string, input?: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return send({
    method: 'POST',
    path: `/api/${method}`,
    headers: { ...bearer(), ...JSON_TYPE, ...headers },
    ...(input === undefined ? {} : { body: JSON.stringify(input) }),
  });
}

const json = (reply: Reply) =>
  JSON.parse(reply.body) as { result?: unknown; error?: { code: string; message: string; issues: { path: string }[] } };

describe('loopback shell', () => {
  before(async () => {
    const store = callerFor({ db });
    // What the API receives as a file to import: bytes (read from the body as they are) or a string.
    const recording = {
      call: (method: string, input: unknown) => {
        const content = (input as { contentBase64?: unknown } | null)?.contentBase64;
        if (method === 'sources.import') importedAs.push(content instanceof Uint8Array ? 'bytes' : typeof content);
        return store.call(method, input);
      },
    };
    server = await startLoopbackServer({ api: recording, staticDir });
  });
  after(() => server.close());

  test('listens on 127.0.0.1 only, on the port it reports, with a fresh base64url token', async () => {
    assert.equal(server.origin, `http://127.0.0.1:${server.port}`);
    assert.match(server.appOrigin, new RegExp(`^http://fb-[0-9a-f]{16}\\.localhost:${server.port}$`));
    assert.match(server.url, new RegExp(`^${server.appOrigin}/\\?login=[A-Za-z0-9_-]{43}$`));
    assert.ok(!server.url.includes(server.token), 'the session token is in no address');
    assert.ok(server.port > 0);
    assert.match(server.token, /^[A-Za-z0-9_-]{43}$/);
    const reply = await send({ path: '/', headers: bearer() });
    assert.equal(reply.status, 200);
    assert.equal(reply.remoteAddress, '127.0.0.1');
    // Not reachable on any other interface of this machine.
    const external = Object.values(os.networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (external) {
      await assert.rejects(
        new Promise((resolve, reject) => {
          const req = http.request({ host: external.address, port: server.port, path: '/', agent: false }, resolve);
          req.on('error', reject);
          req.end();
        }),
        { code: 'ECONNREFUSED' },
      );
    }
  });

  test('a passed token is used; a malformed one is refused', async () => {
    const other = await startLoopbackServer({ api: callerFor({ db }), staticDir, token: 'a-fixed-test-token_0123456789' });
    try {
      assert.equal(other.token, 'a-fixed-test-token_0123456789');
      assert.equal((await send({ path: '/', headers: { authorization: `Bearer ${other.token}` } }, other.port)).status, 200);
    } finally {
      await other.close();
    }
    await assert.rejects(startLoopbackServer({ api: callerFor({ db }), staticDir, token: 'short' }), TypeError);
    await assert.rejects(startLoopbackServer({ api: callerFor({ db }), staticDir, token: 'has; a semicolon and spaces' }), TypeError);
  });

  test('no token: 401 with a short plain-text body, for pages and the API', async () => {
    for (const reply of [
      await send({ path: '/' }),
      await send({ path: '/assets/app.js' }),
      await api('stats.get', {}, { authorization: '' }),
    ]) {
      assert.equal(reply.status, 401);
      assert.match(String(reply.headers['content-type']), /^text\/plain/);
      assert.ok(reply.body.length > 0 && reply.body.length < 200);
      assert.ok(!reply.body.includes(server.token));
    }
  });

  test('a wrong token: 401, by cookie or Bearer header; the token itself is no login code', async () => {
    const wrong = server.token.slice(0, -1) + (server.token.endsWith('A') ? 'B' : 'A');
    const appHost = new URL(server.appOrigin).host;
    const replies = [
      await send({ path: `/?token=${server.token}` }),
      await send({ path: `/?login=${server.token}`, host: appHost }),
      await send({ path: '/?login=', host: appHost }),
      await send({ path: '/', headers: { cookie: `fieldbook_token_${server.port}=${wrong}` } }),
      await send({ path: '/', headers: { authorization: `Bearer ${wrong}` } }),
      await send({ path: '/', headers: { authorization: `Basic ${server.token}` } }),
      await api('stats.get', {}, { authorization: `Bearer ${wrong}` }),
    ];
    for (const reply of replies) {
      assert.equal(reply.status, 401);
      assert.equal(reply.headers['set-cookie'], undefined);
    }
  });

  test('/?login=CODE on the per-launch host name sets an HttpOnly SameSite=Strict cookie, once', async () => {
    const login = new URL(server.loginUrl());
    const first = await send({ path: `${login.pathname}${login.search}`, host: login.host });
    assert.equal(first.status, 200);
    assert.match(first.body, /<meta http-equiv="refresh" content="0;url=\/">/, 'then on to the app, same-site');
    assert.deepEqual(first.headers['set-cookie'], [`fieldbook_token_${server.port}=${server.token}; HttpOnly; SameSite=Strict; Path=/`]);
    assert.equal(first.headers['cache-control'], 'no-store');
    const again = await send({ path: `${login.pathname}${login.search}`, host: login.host });
    assert.equal(again.status, 401, 'a login code works once');
    assert.match(again.body, /wrong, used or older than a minute/);
  });

  test('a login code is refused on 127.0.0.1 or localhost, where its cookie would reach every local service', async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`]) {
      const login = new URL(server.loginUrl());
      const reply = await send({ path: `${login.pathname}${login.search}`, host });
      assert.equal(reply.status, 403);
      assert.equal(reply.headers['set-cookie'], undefined);
      assert.match(reply.body, /log in at http:\/\/fb-/);
    }
  });

  test('a login code expires after a minute', () => {
    let now = 1_000_000;
    const codes = new LoginCodes(() => now);
    const code = codes.issue();
    now += LOGIN_CODE_TTL_MS + 1;
    assert.equal(codes.redeem(code), false);
    const fresh = codes.issue();
    now += LOGIN_CODE_TTL_MS - 1;
    assert.equal(codes.redeem(fresh), true);
    assert.equal(codes.redeem(fresh), false);
  });

  test('the cookie and the Bearer header both work, for pages and the API', async () => {
    for (const auth of [cookie(), bearer(), { cookie: `other=1; fieldbook_token_${server.port}=${server.token}; theme=dark` }]) {
      const page = await send({ path: '/', headers: auth });
      assert.equal(page.status, 200);
      assert.equal(page.body, INDEX);
      assert.equal(page.headers['content-type'], 'text/html; charset=utf-8');
      assert.equal(page.headers['cache-control'], 'no-store');
      const stats = await api('stats.get', {}, auth);
      assert.equal(stats.status, 200);
    }
  });

  test('static files: correct types, index.html for /, 404 for unknown paths and hidden files', async () => {
    const js = await send({ path: '/assets/app.js', headers: cookie() });
    assert.equal(js.status, 200);
    assert.equal(js.headers['content-type'], 'text/javascript; charset=utf-8');
    assert.equal(js.body, 'console.log("fieldbook");');
    const css = await send({ path: '/assets/app.css?v=1', headers: cookie() });
    assert.equal(css.headers['content-type'], 'text/css; charset=utf-8');
    assert.equal((await send({ path: '/index.html', headers: cookie() })).body, INDEX);
    const head = await send({ method: 'HEAD', path: '/', headers: cookie() });
    assert.equal(head.status, 200);
    assert.equal(head.body, '');
    for (const missing of ['/nope.js', '/assets/', '/assets/nope/', '/.secret', '/assets//app.js']) {
      assert.equal((await send({ path: missing, headers: cookie() })).status, 404, missing);
    }
    const post = await send({ method: 'POST', path: '/', headers: cookie() });
    assert.equal(post.status, 405);
  });

  test('path traversal, encoded or not, is a 404', async () => {
    const attempts = [
      '/../package.json',
      '/%2e%2e/package.json',
      '/%2E%2E/%2e%2e/package.json',
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/%2e%2e%2foutside.txt',
      '/..%2foutside.txt',
      '/assets/../../outside.txt',
      '/assets/%2e%2e/%2e%2e/outside.txt',
      '/..%5coutside.txt',
      '/%2e./outside.txt',
      '/assets/..',
      `/${encodeURIComponent(path.join(base, 'outside.txt'))}`,
      '/%ff%fe',
      '/app.js%00.html',
    ];
    for (const attempt of attempts) {
      const reply = await send({ path: attempt, headers: cookie() });
      assert.equal(reply.status, 404, attempt);
      assert.ok(!reply.body.includes('SECRET'), attempt);
    }
  });

  test('a Host header other than its own host name, 127.0.0.1:PORT or localhost:PORT is a 403, token or not', async () => {
    const appHost = new URL(server.appOrigin).host;
    const hosts = [
      'evil.example',
      `fb-0000000000000000.localhost:${server.port}`,
      appHost.replace(`:${server.port}`, `:${server.port + 1}`),
      `evil.example:${server.port}`,
      `127.0.0.1:${server.port + 1}`,
      '127.0.0.1',
      `127.0.0.2:${server.port}`,
      `localhost.evil.example:${server.port}`,
      null,
    ];
    for (const host of hosts) {
      for (const request of [
        { path: '/', host, headers: bearer() },
        { path: new URL(server.loginUrl()).search.replace(/^/, '/'), host },
        { method: 'POST', path: '/api/stats.get', host, headers: { ...bearer(), ...JSON_TYPE }, body: '{}' },
      ]) {
        const reply = await send(request);
        assert.equal(reply.status, 403, `Host ${host}`);
        assert.equal(reply.headers['set-cookie'], undefined);
      }
    }
    assert.equal((await send({ path: '/', host: `localhost:${server.port}`, headers: bearer() })).status, 200);
  });

  test('an API call from another Origin is a 403 and writes nothing', async () => {
    const digest = storeDigest(db);
    for (const origin of ['http://evil.example', `http://127.0.0.1:${server.port + 1}`, 'null', `https://127.0.0.1:${server.port}`]) {
      const reply = await api('notes.create', { title: 'planted' }, { ...cookie(), origin });
      assert.equal(reply.status, 403, origin);
    }
    assert.equal(storeDigest(db), digest);
    for (const origin of [`http://127.0.0.1:${server.port}`, `http://localhost:${server.port}`]) {
      assert.equal((await api('stats.get', {}, { origin })).status, 200, origin);
    }
  });

  test('an API call without Content-Type: application/json is a 415 and writes nothing', async () => {
    const digest = storeDigest(db);
    const body = JSON.stringify({ title: 'planted' });
    for (const type of [
      'text/plain',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/json; charset=latin1',
      undefined,
    ]) {
      const headers: Record<string, string> = { ...bearer(), ...(type === undefined ? {} : { 'content-type': type }) };
      const reply = await send({ method: 'POST', path: '/api/notes.create', headers, body });
      assert.equal(reply.status, 415, String(type));
    }
    assert.equal(storeDigest(db), digest);
    assert.equal((await api('stats.get', {}, { 'content-type': 'application/json; charset=UTF-8' })).status, 200);
  });

  test('stats.get answers what callMethod answers; an empty body is {}', async () => {
    const expected = callMethod(db, 'stats.get', {});
    const reply = await api('stats.get', {});
    assert.equal(reply.status, 200);
    assert.equal(reply.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal(reply.headers['cache-control'], 'no-store');
    assert.deepEqual(json(reply), { result: expected });
    assert.deepEqual(json(await api('stats.get')), { result: expected });
    assert.equal((expected as { sources: number }).sources, 5);
  });

  test('a write goes through: notes.create, then notes.get by the same transport', async () => {
    const created = json(await api('notes.create', { title: 'From the browser shell' })).result as { id: number; title: string };
    assert.equal(created.title, 'From the browser shell');
    const fetched = json(await api('notes.get', { id: created.id }));
    assert.deepEqual(fetched.result, callMethod(db, 'notes.get', { id: created.id }));
  });

  test('an invalid actors.create is a 400 naming the field, and changes nothing', async () => {
    const digest = storeDigest(db);
    const reply = await api('actors.create', { name: 'Nobody', kind: 'not-a-kind' });
    assert.equal(reply.status, 400);
    const { error } = json(reply);
    assert.equal(error?.code, 'invalid_input');
    assert.ok(
      error?.issues.some((issue) => issue.path === 'kind'),
      JSON.stringify(error),
    );
    assert.equal(storeDigest(db), digest);
  });

  test('not_found is a 404, an unknown method a 404 with unknown_method', async () => {
    const missing = await api('actors.get', { id: 999_999 });
    assert.equal(missing.status, 404);
    assert.equal(json(missing).error?.code, 'not_found');
    for (const method of ['nope.nothing', 'constructor', '__proto__', '', 'stats.get/extra']) {
      const reply = await api(method, {});
      assert.equal(reply.status, 404, method);
      assert.equal(json(reply).error?.code, 'unknown_method', method);
    }
  });

  test('malformed JSON is a 400 invalid_input, shaped like every API error', async () => {
    const digest = storeDigest(db);
    for (const body of ['{"title":', 'not json', ' ', Buffer.from([0x7b, 0xff, 0x7d])]) {
      const reply = await send({ method: 'POST', path: '/api/notes.create', headers: { ...bearer(), ...JSON_TYPE }, body });
      assert.equal(reply.status, 400);
      const { error } = json(reply);
      assert.equal(error?.code, 'invalid_input');
      assert.equal(typeof error?.message, 'string');
      assert.ok(Array.isArray(error?.issues));
    }
    assert.equal(storeDigest(db), digest);
  });

  test('other HTTP methods on /api, and OPTIONS anywhere, are a 405', async () => {
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const reply = await send({ method, path: '/api/stats.get', headers: bearer() });
      assert.equal(reply.status, 405, method);
      assert.equal(reply.headers.allow, 'POST');
    }
    for (const p of ['/api/stats.get', '/', '/assets/app.js']) {
      const preflight = await send({
        method: 'OPTIONS',
        path: p,
        headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
      });
      assert.equal(preflight.status, 405, p);
    }
  });

  test('a body over the limit (a 50 MB import in base64, plus room) is a 413, declared or streamed, without being read to the end', async () => {
    const tooLarge = (headers: Record<string, string>, stream: boolean) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: server.port,
            method: 'POST',
            path: '/api/notes.create',
            headers: { host: `127.0.0.1:${server.port}`, ...bearer(), ...JSON_TYPE, ...headers },
            agent: false,
          },
          (res) => {
            const reply = { status: res.statusCode ?? 0, headers: res.headers, body: '', remoteAddress: undefined };
            checkHeaders(reply);
            res.resume();
            req.destroy();
            resolve(reply.status);
          },
        );
        // Once the server answers it drops the connection: writes after that may fail.
        req.on('error', (error) => (req.destroyed ? undefined : reject(error)));
        if (!stream) {
          req.flushHeaders();
          return;
        }
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        let sent = 0;
        const pump = () => {
          while (sent * chunk.length <= MAX_BODY_BYTES && !req.destroyed) {
            sent += 1;
            if (!req.write(chunk)) {
              req.once('drain', pump);
              return;
            }
          }
        };
        pump();
      });
    const digest = storeDigest(db);
    assert.equal(await tooLarge({ 'content-length': String(MAX_BODY_BYTES + 1) }, false), 413);
    assert.equal(await tooLarge({}, true), 413);
    assert.equal(storeDigest(db), digest);
  });

  test('a large file to import reaches the API as the bytes of its body, not parsed as one string, and is stored', async () => {
    const text = 'Convoys crossed the border near Agadez at dawn.\n\n'.repeat(3000); // 150 KB, 200 KB of base64
    const contentBase64 = Buffer.from(`# Border report\n\n${text}`).toString('base64');
    importedAs.length = 0;
    const stored = json(await api('sources.import', { fileName: 'border.md', contentBase64, reliability: 'B' }));
    assert.deepEqual(importedAs, ['bytes']);
    const source = stored.result as { id: number; title: string; reliability: string };
    assert.equal(source.title, 'Border report');
    assert.equal(source.reliability, 'B');
    const read = callMethod(db, 'sources.get', { id: source.id }) as { text: string };
    assert.equal(read.text.split('Convoys crossed the border').length - 1, 3000, 'the whole file was read');

    // A literal with escapes (legal JSON) is parsed whole, as any body: the same file, its first letter escaped.
    const escaped = JSON.stringify({ fileName: 'escaped.md', contentBase64: Buffer.from(`# Escaped\n\n${text}`).toString('base64') });
    importedAs.length = 0;
    const body = escaped.replace('"contentBase64":"I', '"contentBase64":"\\u0049');
    assert.notEqual(body, escaped);
    const reply = await send({ method: 'POST', path: '/api/sources.import', headers: { ...bearer(), ...JSON_TYPE }, body });
    assert.equal(reply.status, 200, reply.body);
    assert.equal((json(reply).result as { title: string }).title, 'Escaped');
    assert.deepEqual(importedAs, ['string']);

    // Bytes that are not base64 are refused as before, naming the field, and nothing is written.
    const digest = storeDigest(db);
    const bad = Buffer.from(JSON.stringify({ fileName: 'bad.md', contentBase64: 'QUJD'.repeat(40_000) }));
    bad[bad.indexOf('QUJD') + 100] = 0xc3; // a byte beyond ASCII inside the file's literal
    const refused = await send({ method: 'POST', path: '/api/sources.import', headers: { ...bearer(), ...JSON_TYPE }, body: bad });
    assert.equal(refused.status, 400);
    assert.deepEqual(
      json(refused).error?.issues.map((i) => i.path),
      ['contentBase64'],
    );
    assert.equal(storeDigest(db), digest);
  });

  test('any other failure is a 500 with a generic body; the real error goes to stderr', async (t) => {
    const opened = openFieldbook(tempDir(), { seed: false });
    t.after(() => opened.close());
    // A store whose every statement throws a plain TypeError, not an ApiError.
    const broken = new Proxy(opened.db, {
      get: (target, property) =>
        property === 'prepare'
          ? () => {
              throw new TypeError('a bug');
            }
          : Reflect.get(target, property),
    });
    const other = await startLoopbackServer({ api: callerFor({ db: broken }), staticDir });
    const logged = t.mock.method(console, 'error', () => {});
    try {
      const reply = await send(
        { method: 'POST', path: '/api/stats.get', headers: { authorization: `Bearer ${other.token}`, ...JSON_TYPE } },
        other.port,
      );
      assert.equal(reply.status, 500);
      assert.deepEqual(JSON.parse(reply.body), { error: { code: 'internal', message: 'internal error', issues: [] } });
      assert.equal(logged.mock.callCount(), 1);
      assert.match(String(logged.mock.calls[0]?.arguments.join(' ')), /stats\.get/);
    } finally {
      await other.close();
    }
  });

  test('no response carried an Access-Control-* header; all carried the CSP', () => {
    assert.ok(replies.length > 50);
    for (const reply of replies) checkHeaders(reply);
  });

  test('close() stops the server', async () => {
    const other = await startLoopbackServer({ api: callerFor({ db }), staticDir });
    await other.close();
    await assert.rejects(send({ path: '/' }, other.port), { code: 'ECONNREFUSED' });
  });
});
