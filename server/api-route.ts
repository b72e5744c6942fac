// `POST /api/<method>`: the API contract over loopback HTTP. The body is the
// method's input as JSON (an empty body is `{}`); the answer is
// `{"result": …}` or `{"error": {code, message, issues}}`.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiCaller } from '../db/api.ts';
import { MAX_IMPORT_BASE64_CHARS } from '../db/shared/schemas.ts';
import { ApiError, type ApiErrorCode } from '../db/shared/errors.ts';
import { BYTES_FROM_CHARS } from '../db/import/import-payload.ts';
import { isJsonContentType, originAllowed } from './guards.ts';
import { parseImportBody } from './import-body.ts';
import { sendJson, sendText } from './respond.ts';

/** A 50 MB import arrives as base64 (4/3 larger), inside a JSON envelope. */
export const MAX_BODY_BYTES = MAX_IMPORT_BASE64_CHARS + 1024 * 1024;

const STATUS: Record<ApiErrorCode, number> = {
  invalid_input: 400,
  not_found: 404,
  unknown_method: 404,
  conflict: 409,
  disk_full: 507,
  locked: 503,
  read_only: 503,
  damaged: 500,
  store_moved: 410,
  cancelled: 409,
  internal: 500,
};

const INTERNAL = { code: 'internal', message: 'internal error', issues: [] } as const;

class BodyTooLarge extends Error {}

/** Reads the whole body, refusing (before reading further) anything over `limit` bytes. */
function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = req.headers['content-length'];
    if (declared !== undefined && Number(declared) > limit) {
      reject(new BodyTooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    // A declared length: the body is copied in as it comes, no copy of it whole at the end (66 MB for a large import).
    const expected = declared !== undefined && /^\d+$/.test(declared) ? Number(declared) : undefined;
    const whole = expected !== undefined && expected >= BYTES_FROM_CHARS ? Buffer.allocUnsafeSlow(expected) : undefined;
    const onData = (chunk: Buffer) => {
      if (size + chunk.length > limit || (whole && size + chunk.length > whole.length)) {
        cleanup();
        chunks.length = 0;
        reject(new BodyTooLarge());
        return;
      }
      if (whole) whole.set(chunk, size);
      else chunks.push(chunk);
      size += chunk.length;
    };
    const onEnd = () => {
      cleanup();
      resolve(whole ? whole.subarray(0, size) : Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * After a 413: throw away what the client still sends, without keeping it, so
 * that it can read the answer (closing a socket with unread data would reset
 * the connection and lose the answer); past `cap` more bytes, hang up.
 */
function discardRest(req: IncomingMessage, cap: number): void {
  let discarded = 0;
  req.on('error', () => {}); // the client hanging up is expected here
  req.on('data', (chunk: Buffer) => {
    discarded += chunk.length;
    if (discarded > cap) req.destroy();
  });
  req.resume();
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** The parsed JSON body, or an ApiError for a body that is not UTF-8 JSON. */
function parseJson(body: Buffer): unknown {
  if (body.length === 0) return {};
  try {
    return JSON.parse(decoder.decode(body));
  } catch (error) {
    throw new ApiError('invalid_input', `the request body is not valid JSON (${(error as Error).message})`, [
      { path: '', message: 'not valid JSON' },
    ]);
  }
}

/** The method's input: a large file to import is not parsed here (import-body.ts). */
function parseBody(method: string, body: Buffer): unknown {
  return (method === 'sources.import' ? parseImportBody(body, parseJson) : undefined) ?? parseJson(body);
}

/**
 * Handles a request to `/api/<method>` that already passed the Host and token
 * guards. `method` is the still-encoded path after `/api/`.
 */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  api: ApiCaller,
  rawMethod: string,
  origins: Set<string>,
): Promise<void> {
  if (req.method !== 'POST') {
    sendText(res, 405, 'method not allowed: the API takes POST', { Allow: 'POST' });
    return;
  }
  if (!originAllowed(req, origins)) {
    sendText(res, 403, 'forbidden: cross-origin request');
    return;
  }
  if (!isJsonContentType(req)) {
    sendText(res, 415, 'unsupported media type: send Content-Type: application/json');
    return;
  }

  let body: Buffer;
  try {
    body = await readBody(req, MAX_BODY_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLarge) {
      discardRest(req, MAX_BODY_BYTES);
      sendJson(res, 413, { error: new ApiError('invalid_input', `the request body is larger than ${MAX_BODY_BYTES} bytes`).toJSON() });
    } else {
      req.destroy();
    }
    return;
  }

  let method: string;
  try {
    method = decodeURIComponent(rawMethod);
  } catch {
    method = rawMethod;
  }
  try {
    const input = parseBody(method, body);
    const result = await api.call(method, input);
    sendJson(res, 200, { result: result ?? null });
  } catch (error) {
    if (error instanceof ApiError) {
      sendJson(res, STATUS[error.code] ?? 500, { error: error.toJSON() });
    } else {
      console.error(`fieldbook: ${method} failed:`, error);
      sendJson(res, 500, { error: INTERNAL });
    }
  }
}
