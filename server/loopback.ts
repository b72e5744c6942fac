// The loopback browser shell (transport #2 of the API, see DESIGN.md "One API,
// three transports"): serves the built renderer and `POST /api/<method>` on
// 127.0.0.1 only, behind an exact Host allowlist, a per-launch token and, for
// the API, an Origin check and a JSON-only body.
//
// Routing, after the guards in guards.ts:
//   GET /?token=TOKEN   log in: set the token cookie, redirect to `/`
//   /api/<method>       the API (api-route.ts)
//   GET|HEAD anything   a file of the built renderer (static.ts)
// Transport-level refusals (401, 403, 405, 415) are short plain text; the
// API's own answers are JSON. No response carries an Access-Control-* header.
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Db } from '../db/store/open.ts';
import { handleApi } from './api-route.ts';
import {
  allowedHosts,
  allowedOrigins,
  assertValidToken,
  hostAllowed,
  loginCookie,
  newToken,
  requestAuthorized,
  tokensEqual,
} from './guards.ts';
import { sendText, setSecurityHeaders } from './respond.ts';
import { serveStatic } from './static.ts';

export const LOOPBACK_HOST = '127.0.0.1';

export interface LoopbackOptions {
  db: Db;
  /** The built renderer: a folder with index.html at its root. */
  staticDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 32 fresh random bytes, base64url. */
  token?: string;
}

export interface LoopbackServer {
  /** The login address to open in a browser: `http://127.0.0.1:PORT/?token=TOKEN`. */
  url: string;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  port: number;
  token: string;
  /** Stops listening, drops open connections, and resolves once the server is closed. */
  close(): Promise<void>;
}

interface Context {
  db: Db;
  root: string;
  token: string;
  hosts: Set<string>;
  origins: Set<string>;
  port: number;
}

async function route(req: IncomingMessage, res: ServerResponse, ctx: Context): Promise<void> {
  setSecurityHeaders(res);

  // 1. DNS-rebinding defence: checked before anything else.
  if (!hostAllowed(req, ctx.hosts)) {
    sendText(res, 403, 'forbidden: unexpected Host header');
    return;
  }
  const target = req.url ?? '';
  if (!target.startsWith('/')) {
    sendText(res, 400, 'bad request');
    return;
  }
  const queryAt = target.indexOf('?');
  const pathname = queryAt === -1 ? target : target.slice(0, queryAt);
  const query = new URLSearchParams(queryAt === -1 ? '' : target.slice(queryAt + 1));
  const isApi = pathname === '/api' || pathname.startsWith('/api/');

  if (!isApi && req.method !== 'GET' && req.method !== 'HEAD') {
    sendText(res, 405, 'method not allowed', { Allow: 'GET, HEAD' });
    return;
  }
  if (isApi && req.method === 'OPTIONS') {
    sendText(res, 405, 'method not allowed', { Allow: 'POST' });
    return;
  }

  // 2. Login: the one request that may carry the token in its address.
  if (pathname === '/' && query.has('token') && req.method === 'GET') {
    if (!tokensEqual(query.get('token') ?? '', ctx.token)) {
      sendText(res, 401, 'unauthorized: wrong token');
      return;
    }
    res.writeHead(302, {
      Location: '/',
      'Set-Cookie': loginCookie(ctx.token, ctx.port),
      'Cache-Control': 'no-store',
      'Content-Length': '0',
    });
    res.end();
    return;
  }

  // 3. Everything else needs the token, by cookie or Bearer header.
  if (!requestAuthorized(req, ctx.token, ctx.port)) {
    sendText(res, 401, 'unauthorized: open the address Fieldbook printed, with its token');
    return;
  }

  if (isApi) {
    await handleApi(req, res, ctx.db, pathname.slice('/api/'.length), ctx.origins);
    return;
  }
  await serveStatic(req, res, ctx.root, pathname);
}

/** Starts the loopback shell on 127.0.0.1; resolves once it is listening. */
export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  const { db, staticDir, port = 0 } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be an integer 0-65535, not ${port}`);
  const token = options.token ?? newToken();
  assertValidToken(token);
  const root = await fs.promises.realpath(staticDir);
  if (!(await fs.promises.stat(root)).isDirectory()) throw new Error(`${staticDir} is not a folder`);

  const ctx: Context = { db, root, token, hosts: new Set(), origins: new Set(), port: 0 };
  // requireHostHeader: false, so that a request without Host reaches the Host guard (403, with our headers).
  const server = http.createServer({ requireHostHeader: false }, (req, res) => {
    route(req, res, ctx).catch((error: unknown) => {
      console.error('fieldbook: loopback request failed:', error);
      if (!res.headersSent) sendText(res, 500, 'internal error');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: LOOPBACK_HOST, port, exclusive: true }, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const bound = (server.address() as AddressInfo).port;
  ctx.hosts = allowedHosts(bound);
  ctx.origins = allowedOrigins(bound);
  ctx.port = bound;
  const origin = `http://${LOOPBACK_HOST}:${bound}`;

  let closing: Promise<void> | undefined;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    port: bound,
    token,
    close() {
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
