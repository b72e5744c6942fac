// The part of the bridge that runs in the page's own ("main") world. The
// preload hands `installBridge` to contextBridge.executeInMainWorld, which
// serializes it to source text: it must refer to nothing outside itself (no
// imports, no module-level names; types only).
import type { CallReply, FieldbookCommand } from '../db/shared/window-bridge.ts';

/** What the preload's isolated world hands over: `call` answers with the raw envelope. */
export interface RawBridge {
  call(method: unknown, input: unknown): Promise<CallReply>;
  onCommand(callback: (command: FieldbookCommand) => void): () => void;
  onFlushRequest(callback: () => Promise<void>): void;
}

/**
 * Defines a frozen, non-writable, non-configurable `window.fieldbook` whose
 * `call` resolves with the result or rejects with an Error carrying the
 * ApiError's `code`, `message` and `issues`.
 */
export function installBridge(rawBridge: RawBridge): void {
  const bridge = Object.freeze({
    call(method: unknown, input: unknown): Promise<unknown> {
      return rawBridge.call(method, input).then((reply) => {
        if (reply && reply.ok === true) return reply.result;
        const details = (reply && reply.ok === false && reply.error) || { code: 'internal', message: 'internal error', issues: [] };
        const error = new Error(String(details.message)) as Error & { code: unknown; issues: unknown };
        error.name = 'ApiError';
        error.code = details.code;
        error.issues = details.issues;
        throw error;
      });
    },
    onCommand(callback: (command: FieldbookCommand) => void): () => void {
      return rawBridge.onCommand(callback);
    },
    onFlushRequest(callback: () => Promise<void>): void {
      rawBridge.onFlushRequest(callback);
    },
    platform: 'electron',
  });
  Object.defineProperty(globalThis, 'fieldbook', { value: bridge, enumerable: true, writable: false, configurable: false });
}
