// Static files for the loopback shell: the built renderer, read-only, never
// outside its folder.
import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { CONTENT_TYPES } from './serving-policy.ts';
import { sendText } from './respond.ts';

export function contentTypeFor(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The path segments of a request path, decoded, or undefined if the path is
 * one we refuse: malformed escapes, `.` or `..` segments (encoded or not),
 * hidden files, backslashes, NUL or empty segments in the middle.
 */
export function safeSegments(pathname: string): string[] | undefined {
  if (!pathname.startsWith('/')) return undefined;
  const raw = pathname.slice(1).split('/');
  const segments: string[] = [];
  for (const [i, part] of raw.entries()) {
    let segment: string;
    try {
      segment = decodeURIComponent(part);
    } catch {
      return undefined;
    }
    if (segment === '') {
      if (i === raw.length - 1) continue; // a trailing slash
      return undefined;
    }
    if (segment.startsWith('.') || /[\\/\0]/.test(segment) || segment.includes(':')) return undefined;
    segments.push(segment);
  }
  return segments;
}

/** The real file inside `root` that the segments name (a folder's index.html), or undefined. */
async function resolveFile(root: string, segments: string[]): Promise<{ file: string; size: number } | undefined> {
  let candidate = path.resolve(root, ...segments);
  if (candidate !== root && !candidate.startsWith(root + path.sep)) return undefined;
  try {
    let stat = await fs.promises.stat(candidate);
    if (stat.isDirectory()) {
      candidate = path.join(candidate, 'index.html');
      stat = await fs.promises.stat(candidate);
    }
    if (!stat.isFile()) return undefined;
    // Follow symlinks and check again: the real file must be inside the real root.
    const real = await fs.promises.realpath(candidate);
    if (!real.startsWith(root + path.sep)) return undefined;
    return { file: real, size: stat.size };
  } catch {
    return undefined;
  }
}

/**
 * Serves GET and HEAD of files under `root` (an absolute, real path).
 * Anything else, or anything not found, is a 404.
 */
export async function serveStatic(req: IncomingMessage, res: ServerResponse, root: string, pathname: string): Promise<void> {
  const segments = safeSegments(pathname);
  const found = segments && (await resolveFile(root, segments));
  if (!found) {
    sendText(res, 404, 'not found');
    return;
  }
  const type = contentTypeFor(found.file);
  res.writeHead(200, {
    'Content-Type': type,
    'Content-Length': String(found.size),
    // Everything is local and small: never cache, so a rebuilt renderer is picked up at once.
    'Cache-Control': 'no-store',
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  try {
    await pipeline(fs.createReadStream(found.file), res);
  } catch {
    res.destroy();
  }
}
