// The type of `window.fieldbook` as the preload exposes it in Electron. Types
// only: the renderer may import this file without pulling in electron (or any
// Node code) at run time.
import type { FieldbookApi, MethodInput, MethodName, MethodResult } from './contract.ts';
import type { ApiErrorCode, ApiIssue } from './errors.ts';

/** A command from the application menu (or its keyboard shortcut) for the renderer to carry out. */
export type FieldbookCommand = 'new-note' | 'search';

/** What `call` rejects with when the API refuses a call: an Error carrying the ApiError's fields. */
export interface FieldbookCallError extends Error {
  name: 'ApiError';
  code: ApiErrorCode;
  issues: ApiIssue[];
}

export interface FieldbookBridge extends FieldbookApi {
  /**
   * Runs one API method in the main process. Resolves with its result; rejects
   * with a FieldbookCallError (`code`, `message`, `issues`) when the API
   * refuses the call.
   */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
  /** Listens for menu commands; returns a function that stops listening. */
  onCommand(callback: (command: FieldbookCommand) => void): () => void;
  /**
   * Registers the one function that saves pending edits. The main process
   * calls it before a window closes or the app quits and waits (boundedly) for
   * the promise it returns. A later registration replaces an earlier one.
   */
  onFlushRequest(callback: () => Promise<void>): void;
  readonly platform: 'electron';
}

/** The envelope main sends back on `fieldbook:call`. */
export type CallReply = { ok: true; result: unknown } | { ok: false; error: { code: ApiErrorCode; message: string; issues: ApiIssue[] } };

/** `window` as seen by renderer code that may run inside Electron (the bridge is absent in the browser shell). */
export interface FieldbookWindow {
  fieldbook?: FieldbookBridge;
}
