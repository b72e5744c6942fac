// The loopback browser shell (transport #2 of the API, see DESIGN.md "One API,
// three transports"): serves the built renderer and `POST /api/<method>` on
// 127.0.0.1 only, behind an exact Host allowlist, a per-launch token and, for
// the API, an Origin check and a JSON-only body.
//
// Routing, after the guards in guards.ts:
//   GET /?login=CODE    log in (on the per-launch host name only): a single-use
//                       code for the token cookie, then a page that goes on to `/`
//   /api/<method>       the API (api-route.ts)
//   GET|HEAD anything   a file of the built renderer (static.ts)
// Transport-level refusals (401, 403, 405, 415) are short plain text; the
// API's own answers are JSON. No response carries an Access-Control-* header.
import fs from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiCaller } from '../db/api.ts';
import { handleApi } from './api-route.ts';
import {
  allowedHosts,
  allowedOrigins,
  assertValidToken,
  hostAllowed,
  loginCookie,
  LoginCodes,
  newAppHostName,
  newToken,
  requestAuthorized,
} from './guards.ts';
import { sendText, setSecurityHeaders } from './respond.ts';
import { serveStatic } from './static.ts';

export const LOOPBACK_HOST = '127.0.0.1';

export interface LoopbackOptions {
  /** Where API calls go: the store service (store-client.ts), or a store in this thread (callerFor). */
  api: ApiCaller;
  /** The built renderer: a folder with index.html at its root. */
  staticDir: string;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Defaults to 32 fresh random bytes, base64url. */
  token?: string;
}

export interface LoopbackServer {
  /** The login address to open in a browser: `http://fb-RANDOM.localhost:PORT/?login=CODE`, the code single-use, for one minute. */
  url: string;
  /** A new login address, with a new code: for opening another window. */
  loginUrl(): string;
  /** `http://fb-RANDOM.localhost:PORT`: the app in a browser, the only host its cookie is sent to. */
  appOrigin: string;
  /** `http://127.0.0.1:PORT`: for clients that are not browsers, with the token as a Bearer header. */
  origin: string;
  port: number;
  /** The session token: the cookie's value, and the Bearer token. */
  token: string;
  /** Stops listening, drops open connections, and resolves once the server is closed. */
  close(): Promise<void>;
}

interface Context {
  api: ApiCaller;
  root: string;
  token: string;
  logins: LoginCodes;
  appHost: string;
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

  // 2. Login: a single-use code for the cookie, on the per-launch host name only
  //    (a cookie set for 127.0.0.1 would go to every local service).
  if (pathname === '/' && query.has('login') && req.method === 'GET') {
    if (req.headers.host !== ctx.appHost) {
      sendText(res, 403, `forbidden: log in at http://${ctx.appHost}/, the address Fieldbook printed`);
      return;
    }
    if (!ctx.logins.redeem(query.get('login') ?? '')) {
      sendText(res, 401, 'unauthorized: this login code is wrong, used or older than a minute; start Fieldbook again for a new one');
      return;
    }
    // Not a 302: the login page is usually reached from a file (serve --open), a
    // cross-site navigation whose redirect would not carry the SameSite=Strict
    // cookie. A page of our own sends the browser on instead, same-site.
    const page = '<!doctype html><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/"><title>Fieldbook</title>\n';
    res.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Set-Cookie': loginCookie(ctx.token, ctx.port),
      'Cache-Control': 'no-store',
      'Content-Length': Buffer.byteLength(page),
    });
    res.end(page);
    return;
  }
  // 3. Everything else needs the token, by cookie or Bearer header.
  if (!requestAuthorized(req, ctx.token, ctx.port)) {
    sendText(res, 401, 'unauthorized: open the address Fieldbook printed (its login code works once, for a minute)');
    return;
  }

  if (isApi) {
    await handleApi(req, res, ctx.api, pathname.slice('/api/'.length), ctx.origins);
    return;
  }
  await serveStatic(req, res, ctx.root, pathname);
}

/** Starts the loopback shell on 127.0.0.1; resolves once it is listening. */
export async function startLoopbackServer(options: LoopbackOptions): Promise<LoopbackServer> {
  const { api, staticDir, port = 0 } = options;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new RangeError(`port must be an integer 0-65535, not ${port}`);
  const token = options.token ?? newToken();
  assertValidToken(token);
  const root = await fs.promises.realpath(staticDir);
  if (!(await fs.promises.stat(root)).isDirectory()) throw new Error(`${staticDir} is not a folder`);

  const appHostName = newAppHostName();
  const logins = new LoginCodes();
  const ctx: Context = { api, root, token, logins, appHost: '', hosts: new Set(), origins: new Set(), port: 0 };
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
  ctx.hosts = allowedHosts(bound, appHostName);
  ctx.origins = allowedOrigins(bound, appHostName);
  ctx.appHost = `${appHostName}:${bound}`;
  ctx.port = bound;
  const origin = `http://${LOOPBACK_HOST}:${bound}`;
  const appOrigin = `http://${ctx.appHost}`;
  const loginUrl = () => `${appOrigin}/?login=${logins.issue()}`;

  let closing: Promise<void> | undefined;
  return {
    url: loginUrl(),
    loginUrl,
    appOrigin,
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
