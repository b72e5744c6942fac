// The sandboxed preload: exposes `window.fieldbook` (see bridge.ts) and
// nothing else. Built into one CommonJS file that requires only 'electron'.
//
// Why the bridge object is built in the page's own world: an Error that
// crosses the context bridge arrives as a new Error carrying only its message
// (electron/electron#25596), so a rejection built here would lose `code` and
// `issues`. contextBridge.executeInMainWorld runs `installBridge`
// (main-world.ts) in the main world instead, where it wraps the raw,
// envelope-returning call and throws Errors that keep every field. Where that
// API is missing or refuses, the bridge is exposed from here and its errors
// keep only their message.
import { contextBridge, ipcRenderer } from 'electron';
import type { CallReply, FieldbookBridge, FieldbookCommand } from '../db/shared/window-bridge.ts';
import { CALL_CHANNEL, COMMAND_CHANNEL, COMMANDS, FLUSH_CHANNEL, FLUSHED_CHANNEL } from './channels.ts';
import { installBridge, type RawBridge } from './main-world.ts';

const commandListeners = new Set<(command: FieldbookCommand) => void>();
let flushCallback: (() => Promise<void>) | undefined;

ipcRenderer.on(COMMAND_CHANNEL, (_event, command: unknown) => {
  if (!(COMMANDS as readonly unknown[]).includes(command)) return;
  for (const listener of [...commandListeners]) {
    try {
      listener(command as FieldbookCommand);
    } catch (error) {
      console.error('fieldbook: a command listener failed', error);
    }
  }
});

ipcRenderer.on(FLUSH_CHANNEL, (_event, token: unknown) => {
  if (typeof token !== 'string') return;
  const ack = () => ipcRenderer.send(FLUSHED_CHANNEL, token);
  const callback = flushCallback;
  if (!callback) {
    ack();
    return;
  }
  Promise.resolve()
    .then(() => callback())
    .then(ack, (error: unknown) => {
      console.error('fieldbook: saving before close failed', error);
      ack();
    });
});

function requireFunction(value: unknown, name: string): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') throw new TypeError(`${name} needs a function`);
}

const raw: RawBridge = {
  call: (method, input) => ipcRenderer.invoke(CALL_CHANNEL, method, input) as Promise<CallReply>,
  onCommand(callback) {
    requireFunction(callback, 'onCommand');
    const listener = (command: FieldbookCommand) => callback(command);
    commandListeners.add(listener);
    return () => {
      commandListeners.delete(listener);
    };
  },
  onFlushRequest(callback) {
    requireFunction(callback, 'onFlushRequest');
    flushCallback = callback;
  },
};

/** The same bridge built in the isolated world: used only when executeInMainWorld is unavailable. */
function isolatedBridge(): FieldbookBridge {
  return {
    call: ((method: unknown, input: unknown) =>
      raw.call(method, input).then((reply) => {
        if (reply.ok) return reply.result;
        throw Object.assign(new Error(reply.error.message), { name: 'ApiError', code: reply.error.code, issues: reply.error.issues });
      })) as FieldbookBridge['call'],
    onCommand: (callback) => raw.onCommand(callback),
    onFlushRequest: (callback) => raw.onFlushRequest(callback),
    platform: 'electron',
  };
}

function expose(): void {
  try {
    if (typeof contextBridge.executeInMainWorld === 'function') {
      contextBridge.executeInMainWorld({ func: installBridge, args: [raw] });
      return;
    }
  } catch (error) {
    console.warn('fieldbook: executeInMainWorld failed; exposing the bridge from the preload instead', error);
  }
  contextBridge.exposeInMainWorld('fieldbook', isolatedBridge());
}

expose();
