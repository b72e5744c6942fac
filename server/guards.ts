// The loopback shell's request guards, in the order they run:
//   1. Host allowlist (DNS-rebinding defence, as Jupyter does): the Host
//      header must name this server: its per-launch host name
//      (fb-RANDOM.localhost, which browsers resolve to loopback), or
//      127.0.0.1 / localhost for clients that are not browsers.
//   2. Token: a per-launch secret, carried by an HttpOnly SameSite=Strict
//      cookie or an `Authorization: Bearer` header. It never appears in an
//      address: a browser logs in with a single-use login code, valid for one
//      minute, that `GET /?login=CODE` on the per-launch host name exchanges
//      for the cookie. The cookie belongs to that host name alone, so no other
//      local service (on 127.0.0.1, any port) ever receives it.
//   3. For the API only: the Origin, when sent, must be this server, and the
//      body must be declared JSON, so that no cross-site form can post.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Browsers scope cookies by host, not port: the port in the name keeps two Fieldbooks (or another local service) apart. */
export function cookieName(port: number): string {
  return `fieldbook_token_${port}`;
}

/** A fresh per-launch token: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** A token must be safe in a URL query and a cookie value, and not trivially guessable. */
export function assertValidToken(token: string): void {
  if (!/^[A-Za-z0-9_-]{16,512}$/.test(token)) {
    throw new TypeError('the token must be 16 to 512 characters of A-Z, a-z, 0-9, "_" and "-"');
  }
}

/** Constant-time comparison; hashing first hides the expected length too. */
export function tokensEqual(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given, 'utf8').digest();
  const b = createHash('sha256').update(expected, 'utf8').digest();
  return timingSafeEqual(a, b);
}

/** A per-launch host name under .localhost, which browsers resolve to loopback themselves. */
export function newAppHostName(): string {
  return `fb-${randomBytes(8).toString('hex')}.localhost`;
}

/** The exact Host header values this server answers to. */
export function allowedHosts(port: number, appHostName: string): Set<string> {
  return new Set([`${appHostName}:${port}`, `127.0.0.1:${port}`, `localhost:${port}`]);
}

/** The exact Origin header values the API accepts (when an Origin is sent at all). */
export function allowedOrigins(port: number, appHostName: string): Set<string> {
  return new Set([`http://${appHostName}:${port}`, `http://127.0.0.1:${port}`, `http://localhost:${port}`]);
}

export const LOGIN_CODE_TTL_MS = 60_000;

/** Single-use login codes, each valid for LOGIN_CODE_TTL_MS. */
export class LoginCodes {
  private readonly codes = new Map<string, number>();
  private readonly now: () => number;

  constructor(now: () => number = Date.now) {
    this.now = now;
  }

  issue(): string {
    const code = randomBytes(32).toString('base64url');
    this.codes.set(code, this.now() + LOGIN_CODE_TTL_MS);
    return code;
  }

  /** True once for a code issued less than a minute ago; the code is spent either way. */
  redeem(given: string): boolean {
    let found: string | undefined;
    // Compare with every outstanding code (no early exit): timing says nothing about which.
    for (const code of this.codes.keys()) if (tokensEqual(given, code)) found = code;
    const now = this.now();
    for (const [code, expires] of this.codes) if (expires <= now) this.codes.delete(code);
    if (found === undefined || !this.codes.has(found)) return false;
    this.codes.delete(found);
    return true;
  }
}

export function hostAllowed(req: IncomingMessage, hosts: Set<string>): boolean {
  const host = req.headers.host;
  return typeof host === 'string' && hosts.has(host);
}

export function originAllowed(req: IncomingMessage, origins: Set<string>): boolean {
  const origin = req.headers.origin;
  return origin === undefined || origins.has(origin);
}

/** Every value of the named cookie in the request's Cookie header(s). */
export function cookieValues(req: IncomingMessage, name: string): string[] {
  const header = req.headers.cookie;
  if (!header) return [];
  const values: string[] = [];
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() !== name) continue;
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    values.push(value);
  }
  return values;
}

/** The token the request carries, by Bearer header or cookie, matches. */
export function requestAuthorized(req: IncomingMessage, token: string, port: number): boolean {
  const authorization = req.headers.authorization;
  if (authorization !== undefined) {
    const match = /^Bearer +(\S+) *$/i.exec(authorization);
    if (match && tokensEqual(match[1]!, token)) return true;
  }
  let ok = false;
  // Check every candidate (no early exit) so timing says nothing about which matched.
  for (const value of cookieValues(req, cookieName(port))) ok = tokensEqual(value, token) || ok;
  return ok;
}

/** The Set-Cookie value that logs a browser in. */
export function loginCookie(token: string, port: number): string {
  return `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}

/** `application/json`, optionally with `charset=utf-8`: the only body the API reads. */
export function isJsonContentType(req: IncomingMessage): boolean {
  const header = req.headers['content-type'];
  if (!header) return false;
  const [type, ...params] = header.split(';').map((p) => p.trim().toLowerCase());
  if (type !== 'application/json') return false;
  return params.every((p) => p === '' || p === 'charset=utf-8' || p === 'charset="utf-8"');
}
