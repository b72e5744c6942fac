// Routes `fieldbook:call` from the renderer to the API in db/api.ts, after
// checking who is calling. The one way into the store from a window.
import type { ApiCaller } from '../db/api.ts';
import { ApiError } from '../db/shared/errors.ts';
import type { CallReply } from '../db/shared/window-bridge.ts';
import { APP_ORIGIN, CALL_CHANNEL } from './channels.ts';
import { isAppUrl, originOf } from './security.ts';

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface SenderFrame {
  readonly url: string;
  readonly parent: unknown;
}

/** The parts of Electron's IpcMainInvokeEvent the sender check reads. */
export interface CallEvent<Contents = unknown> {
  readonly sender: Contents;
  readonly senderFrame: SenderFrame | null;
}

export interface IpcMainLike<Contents = unknown> {
  handle(channel: string, listener: (event: CallEvent<Contents>, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcOptions<Contents> {
  /** Whether these web contents belong to one of our windows. */
  isOurContents: (contents: Contents) => boolean;
  log?: (message: string, error?: unknown) => void;
}

/** Thrown back to a caller that is not the app's own main frame. The store is never touched. */
export class ForbiddenSenderError extends Error {
  override name = 'ForbiddenSenderError';
}

/** Why this event's sender may not call the API, or undefined when it may. */
export function senderRefusal<Contents>(event: CallEvent<Contents>, isOurContents: (contents: Contents) => boolean): string | undefined {
  const frame = event.senderFrame;
  if (!frame) return 'the sending frame is gone';
  if (!isAppUrl(frame.url)) return `a frame from ${originOf(frame.url) ?? 'an unknown origin'} is not ${APP_ORIGIN}`;
  if (frame.parent !== null) return 'a subframe may not call the API';
  if (!isOurContents(event.sender)) return 'the sender is not one of our windows';
  return undefined;
}

const INTERNAL = { code: 'internal', message: 'internal error', issues: [] } as const;

/** Runs one call: the envelope the renderer gets back. Never throws. */
export async function runCall(
  api: ApiCaller,
  method: unknown,
  input: unknown,
  log: IpcOptions<unknown>['log'] = defaultLog,
): Promise<CallReply> {
  if (typeof method !== 'string') {
    const message = 'method must be a string';
    return { ok: false, error: { code: 'invalid_input', message, issues: [{ path: 'method', message }] } };
  }
  try {
    return { ok: true, result: await api.call(method, input) };
  } catch (error) {
    if (error instanceof ApiError) return { ok: false, error: error.toJSON() };
    log(`${CALL_CHANNEL} ${method.slice(0, 100)} failed`, error);
    return { ok: false, error: { ...INTERNAL, issues: [] } };
  }
}

function defaultLog(message: string, error?: unknown): void {
  console.error(`fieldbook: ${message}`, error ?? '');
}

/** The `fieldbook:call` handler: refuses unexpected senders (by throwing), else runs the call. */
export function createCallHandler<Contents>(
  api: ApiCaller,
  options: IpcOptions<Contents>,
): (event: CallEvent<Contents>, method?: unknown, input?: unknown) => Promise<CallReply> {
  const log = options.log ?? defaultLog;
  return async (event, method, input) => {
    const refusal = senderRefusal(event, options.isOurContents);
    if (refusal !== undefined) {
      log(`${CALL_CHANNEL} refused: ${refusal}`);
      throw new ForbiddenSenderError(`${CALL_CHANNEL} refused: ${refusal}`);
    }
    return runCall(api, method, input, log);
  };
}

/** Registers the handler; returns a function that unregisters it. */
export function registerIpc<Contents>(ipcMain: IpcMainLike<Contents>, api: ApiCaller, options: IpcOptions<Contents>): () => void {
  const handler = createCallHandler(api, options);
  ipcMain.handle(CALL_CHANNEL, (event, method, input) => handler(event, method, input));
  return () => ipcMain.removeHandler(CALL_CHANNEL);
}
