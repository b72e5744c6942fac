// The renderer's only door to the store: the same contract over Electron IPC
// (window.fieldbook, from the preload) or the loopback shell (POST /api/...).
import type { MethodInput, MethodName, MethodResult } from '../../db/shared/contract.ts';
import type { ApiErrorCode, ApiIssue } from '../../db/shared/errors.ts';
import { importRequestBlob } from '../../db/shared/import-request.ts';
import type { FieldbookWindow } from '../../db/shared/window-bridge.ts';

/** What a failed call (or anything thrown) says, for the form or panel that shows it. */
export const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

export class CallError extends Error {
  readonly code: ApiErrorCode | 'internal';
  readonly issues: ApiIssue[];
  constructor(code: ApiErrorCode | 'internal', message: string, issues: ApiIssue[] = []) {
    super(message);
    this.code = code;
    this.issues = issues;
  }
}

const bridge = (window as unknown as FieldbookWindow).fieldbook;

/** A file's import goes as a Blob built a piece at a time (db/shared/import-request.ts): JSON.stringify of its 66 MB of base64 held the window for half a second. */
function requestBody(method: string, input: unknown): Promise<string | Blob> {
  if (method === 'sources.import' && typeof (input as { contentBase64?: unknown } | null)?.contentBase64 === 'string')
    return importRequestBlob(input as { contentBase64: string }, () => new Promise((resolve) => setTimeout(resolve, 0)));
  return Promise.resolve(JSON.stringify(input ?? {}));
}

async function overHttp(method: string, input: unknown, keepalive = false): Promise<unknown> {
  const response = await fetch(`/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: await requestBody(method, input),
    credentials: 'same-origin',
    keepalive,
  });
  const body = (await response.json().catch(() => ({}))) as {
    result?: unknown;
    error?: { code: ApiErrorCode; message: string; issues: ApiIssue[] };
  };
  if (!response.ok || body.error) {
    const error = body.error ?? { code: 'internal' as const, message: `the app answered ${response.status}`, issues: [] };
    throw new CallError(error.code, error.message, error.issues);
  }
  return body.result;
}

export async function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>> {
  if (bridge) {
    try {
      return await bridge.call(method, input);
    } catch (error) {
      const e = error as { code?: ApiErrorCode; message?: string; issues?: ApiIssue[] };
      throw new CallError(e.code ?? 'internal', e.message ?? String(error), e.issues ?? []);
    }
  }
  return (await overHttp(method, input)) as MethodResult<M>;
}

/** A write that must outlive the page (sent while it unloads). */
export function callOnUnload<M extends MethodName>(method: M, input: MethodInput<M>): void {
  if (bridge) void bridge.call(method, input);
  else void overHttp(method, input, true).catch(() => undefined);
}

export function onMenuCommand(callback: (command: 'new-note' | 'search') => void): void {
  bridge?.onCommand(callback);
}

export function onFlushRequest(callback: () => Promise<void>): void {
  bridge?.onFlushRequest(callback);
}
