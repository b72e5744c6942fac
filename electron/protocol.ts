// Serves the built renderer (dist/renderer) at app://fieldbook/…: a plain
// function from Request to Response, registered by main.ts with
// protocol.handle. Nothing outside the renderer folder is ever served.
import fs from 'node:fs/promises';
import path from 'node:path';
import { CONTENT_SECURITY_POLICY, CONTENT_TYPES } from '../server/serving-policy.ts';
import { APP_HOST, APP_SCHEME } from './channels.ts';

export { CONTENT_SECURITY_POLICY };

export function mimeType(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function headers(contentType: string): Headers {
  return new Headers({
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-cache',
  });
}

function plain(status: number, text: string): Response {
  return new Response(text, { status, headers: headers('text/plain; charset=utf-8') });
}

/** Whether `child` is `parent` or lies inside it. Both must be absolute and normalized. */
export function isInside(parent: string, child: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

async function realpathOrUndefined(file: string): Promise<string | undefined> {
  try {
    return await fs.realpath(file);
  } catch {
    return undefined;
  }
}

/**
 * The file under `root` that `requestUrl` names, or a status code. Refuses
 * other schemes and hosts, encoded NULs and separators that escape `root`
 * (`..`, `%2e%2e`, `%2f`, `\`, absolute paths).
 */
export function resolveAppPath(root: string, requestUrl: string): string | 400 | 404 {
  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return 400;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password || url.port) return 404;
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.pathname);
  } catch {
    return 400;
  }
  if (pathname.includes('\0')) return 400;
  const segments = pathname.split(/[/\\]+/).filter((segment) => segment !== '');
  if (segments.some((segment) => segment === '..' || segment === '.')) return 404;
  if (segments.some((segment) => path.isAbsolute(segment) || /^[a-zA-Z]:/.test(segment))) return 404;
  const file = path.resolve(root, ...segments);
  return isInside(root, file) ? file : 404;
}

/**
 * A protocol.handle handler serving `rootDir`. Paths without an extension
 * that name no file get index.html (the renderer routes them itself).
 */
export function createAppProtocolHandler(rootDir: string): (request: Request) => Promise<Response> {
  const root = path.resolve(rootDir);
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, 'method not allowed');
    const resolved = resolveAppPath(root, request.url);
    if (resolved === 400) return plain(400, 'bad request');
    if (resolved === 404) return plain(404, 'not found');

    const realRoot = await realpathOrUndefined(root);
    if (realRoot === undefined) {
      return plain(404, `Fieldbook's renderer is not built (no ${root}): run "npm run build".`);
    }
    let file = resolved;
    let stat = await fs.stat(file).catch(() => undefined);
    if (stat?.isDirectory()) {
      file = path.join(file, 'index.html');
      stat = await fs.stat(file).catch(() => undefined);
    }
    if (!stat && path.extname(file) === '') {
      file = path.join(root, 'index.html');
      stat = await fs.stat(file).catch(() => undefined);
    }
    if (!stat?.isFile()) return plain(404, 'not found');
    // Symbolic links must not lead out of the renderer folder either.
    const real = await realpathOrUndefined(file);
    if (real === undefined || !isInside(realRoot, real)) return plain(404, 'not found');

    const body = request.method === 'HEAD' ? null : await fs.readFile(real);
    return new Response(body, { status: 200, headers: headers(mimeType(real)) });
  };
}
