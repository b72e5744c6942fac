// The built desktop shell, without Electron: vite.electron.config.ts builds
// main.js and preload.cjs into a temp dist/ laid out like the real one; the
// bundled main then boots under Node with a fake 'electron' module (so db/
// and the seed files must resolve from the bundle), and the preload runs in
// a vm with a fake contextBridge wired to the real IPC handler.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import vm from 'node:vm';
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { callerFor, callMethod } from '../../db/api.ts';
import { openFieldbook } from '../../db/fieldbook.ts';
import type { FieldbookBridge } from '../../db/shared/window-bridge.ts';
import { CALL_CHANNEL, COMMAND_CHANNEL, FLUSH_CHANNEL, FLUSHED_CHANNEL } from '../../electron/channels.ts';
import { createCallHandler } from '../../electron/ipc.ts';
import { ROOT, tempDir, tempFieldbook } from '../helpers.ts';

const base = tempDir('fieldbook-electron-build-');
const outDir = path.join(base, 'dist', 'electron');
const rendererDir = path.join(base, 'dist', 'renderer');

before(() => {
  const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
  const built = spawnSync(process.execPath, [vite, 'build', '--app', '-c', 'vite.electron.config.ts'], {
    cwd: ROOT,
    env: { ...process.env, FIELDBOOK_ELECTRON_OUT_DIR: outDir },
    encoding: 'utf8',
  });
  assert.equal(built.status, 0, `vite build failed:\n${built.stdout}\n${built.stderr}`);
  // The rest of the app's layout: resources/ and node_modules/ beside dist/, a renderer in dist/renderer.
  fs.symlinkSync(path.join(ROOT, 'resources'), path.join(base, 'resources'), 'junction');
  fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(base, 'node_modules'), 'junction');
  fs.mkdirSync(rendererDir, { recursive: true });
  fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Fieldbook test renderer</title>');
});

describe('the build', () => {
  test('writes main.js, store-process.js and the extract, import and suggest workers (ESM), and preload.cjs', () => {
    assert.ok(fs.statSync(path.join(outDir, 'main.js')).isFile());
    assert.ok(fs.statSync(path.join(outDir, 'preload.cjs')).isFile());
    assert.deepEqual(
      fs
        .readdirSync(outDir)
        .filter((name) => /\.(c|m)?js$/.test(name))
        .sort(),
      ['extract-worker.js', 'import-worker.js', 'main.js', 'preload.cjs', 'store-process.js', 'suggest-worker.js'],
      'one file each: no chunks',
    );
  });

  test('the bundled suggest worker finds a known name in a text', async () => {
    const known = {
      targets: [{ kind: 'actor', id: 7, name: 'Libyan National Army' }],
      labels: ['Libyan National Army', 'LNA'],
      owners: [0, 0],
    };
    const worker = new Worker(path.join(outDir, 'suggest-worker.js'), { workerData: { known, text: 'The LNA retook the crossing.' } });
    const [reply] = (await once(worker, 'message')) as [{ known: { id: number; occurrences: { text: string }[] }[] }];
    await worker.terminate();
    assert.deepEqual(
      reply.known.map((k) => [k.id, k.occurrences.map((o) => o.text)]),
      [[7, ['LNA']]],
    );
  });

  test('the bundled import worker reads a file in its own thread', async () => {
    const worker = new Worker(path.join(outDir, 'extract-worker.js'), {
      workerData: { fileName: 'brief.md', bytes: new TextEncoder().encode('# Brief\n\nConvoys crossed `the pass`.') },
    });
    const [reply] = (await once(worker, 'message')) as [{ type: string; document: { title: string; text: string } }];
    await worker.terminate();
    assert.equal(reply.type, 'done');
    assert.equal(reply.document.title, 'Brief');
    assert.match(reply.document.text, /Convoys crossed the pass\./);
  });

  test('the bundled store import worker reads a file (in the bundled sandbox) and stores it with its own connection', async () => {
    const fieldbook = tempFieldbook({ seed: false });
    const stat = fs.statSync(fieldbook.file);
    const content = new TextEncoder().encode(Buffer.from('# Brief\n\nConvoys crossed the pass at dawn.').toString('base64'));
    const worker = new Worker(path.join(outDir, 'import-worker.js'), {
      workerData: {
        file: fieldbook.file,
        identity: { dev: stat.dev, ino: stat.ino },
        indexing: { chunkChars: 128, inlineChars: 16, pauseMs: 0 },
        input: { fileName: 'brief.md' },
        content,
      },
      transferList: [content.buffer],
    });
    const [reply] = (await once(worker, 'message')) as [{ type: string; source: { id: number; title: string } }];
    await once(worker, 'exit');
    assert.equal(reply.type, 'created');
    assert.equal(reply.source.title, 'Brief');
    const [hit] = callMethod(fieldbook.db, 'search', { query: 'convoys pass', kinds: ['source'] }) as { id: number }[];
    assert.equal(hit?.id, reply.source.id, 'indexed by the worker too');
  });

  test('main.js imports only electron and Node built-ins; the store is in store-process.js', () => {
    const importsOf = (file: string) =>
      [...fs.readFileSync(path.join(outDir, file), 'utf8').matchAll(/^import\s+(?:[^'"]*?\s+from\s+)?["']([^"']+)["']/gm)].map(
        (match) => match[1]!,
      );
    const imports = importsOf('main.js');
    assert.ok(imports.includes('electron'));
    for (const specifier of imports) assert.ok(specifier === 'electron' || specifier.startsWith('node:'), specifier);
    const storeImports = importsOf('store-process.js');
    assert.ok(storeImports.includes('better-sqlite3'));
    for (const specifier of storeImports) assert.ok(specifier === 'better-sqlite3' || specifier.startsWith('node:'), specifier);
    const source = fs.readFileSync(path.join(outDir, 'main.js'), 'utf8');
    // Code only: a library's doc comment may show require().
    assert.doesNotMatch(source, /^(?!\s*(?:\*|\/\/))[^\n]*\brequire\(/m, 'no CommonJS require left in the ESM bundle');
  });

  test('preload.cjs is one CommonJS script that requires only electron', () => {
    const source = fs.readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
    assert.doesNotThrow(() => new vm.Script(source), 'a classic script: no import/export statements');
    const required = [...source.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]);
    assert.deepEqual([...new Set(required)], ['electron']);
    assert.doesNotMatch(source, /\bimport\s*\(/, 'no dynamic import');
  });
});

describe('the built preload, in a fake sandbox wired to the real IPC handler', () => {
  const { db } = tempFieldbook();
  const appFrame = { url: 'app://fieldbook/index.html', parent: null };
  const contents = { id: 7 };
  const handle = createCallHandler<typeof contents>(callerFor({ db }), { isOurContents: (c) => c === contents, log: () => {} });

  function load(options: { executeInMainWorld: boolean }) {
    const listeners = new Map<string, ((event: unknown, ...args: unknown[]) => void)[]>();
    const sent: unknown[][] = [];
    const required: string[] = [];
    const mainWorld = vm.createContext({});
    let exposed: unknown;
    const electron = {
      ipcRenderer: {
        invoke: async (channel: string, ...args: unknown[]) => {
          assert.equal(channel, CALL_CHANNEL);
          return handle({ sender: contents, senderFrame: appFrame }, args[0], args[1]);
        },
        on: (channel: string, listener: (event: unknown, ...args: unknown[]) => void) => {
          listeners.set(channel, [...(listeners.get(channel) ?? []), listener]);
        },
        send: (...args: unknown[]) => void sent.push(args),
      },
      contextBridge: {
        ...(options.executeInMainWorld
          ? {
              // As Electron does: the function travels as source text and runs in the other world.
              executeInMainWorld: ({ func, args }: { func: (...a: unknown[]) => unknown; args: unknown[] }) =>
                vm.runInContext(`(${func.toString()})`, mainWorld)(...args),
            }
          : {}),
        exposeInMainWorld: (key: string, api: unknown) => {
          assert.equal(key, 'fieldbook');
          exposed = api;
        },
      },
    };
    const source = fs.readFileSync(path.join(outDir, 'preload.cjs'), 'utf8');
    const module = { exports: {} };
    const sandboxRequire = (name: string) => {
      required.push(name);
      if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`);
      return electron;
    };
    vm.runInNewContext(`(function (require, module, exports) {${source}\n})`, { console })(sandboxRequire, module, module.exports);
    const fieldbook = (options.executeInMainWorld ? vm.runInContext('globalThis.fieldbook', mainWorld) : exposed) as FieldbookBridge;
    const emit = (channel: string, ...args: unknown[]) => {
      for (const listener of listeners.get(channel) ?? []) listener({ senderId: 0 }, ...args);
    };
    return { fieldbook, sent, required, emit };
  }

  test('window.fieldbook.call reaches the store: stats.get says 5 sources', async () => {
    const { fieldbook, required } = load({ executeInMainWorld: true });
    assert.deepEqual(required, ['electron']);
    assert.equal(fieldbook.platform, 'electron');
    const stats = await fieldbook.call('stats.get', {});
    assert.equal(stats.sources, 5);
  });

  test('a refused call rejects with an Error carrying code, message and issues', async () => {
    const { fieldbook } = load({ executeInMainWorld: true });
    await assert.rejects(fieldbook.call('notes.get', { id: 0 }), (error: Error & { code?: string; issues?: unknown[] }) => {
      assert.equal(error.name, 'ApiError');
      assert.equal(error.code, 'invalid_input');
      assert.ok(Array.isArray(error.issues) && error.issues.length > 0);
      return true;
    });
    await assert.rejects(fieldbook.call('no.such' as never, {} as never), { code: 'unknown_method' });
  });

  test('without executeInMainWorld the bridge is exposed from the preload and still works', async () => {
    const { fieldbook } = load({ executeInMainWorld: false });
    assert.equal((await fieldbook.call('stats.get', {})).sources, 5);
    await assert.rejects(fieldbook.call('notes.get', { id: 999_999 }), { code: 'not_found' });
  });

  test('menu commands reach onCommand listeners (unknown ones do not); unsubscribing stops them', () => {
    const { fieldbook, emit } = load({ executeInMainWorld: true });
    const seen: string[] = [];
    const stop = fieldbook.onCommand((command) => seen.push(command));
    emit(COMMAND_CHANNEL, 'new-note');
    emit(COMMAND_CHANNEL, 'search');
    emit(COMMAND_CHANNEL, 'format-disk');
    stop();
    emit(COMMAND_CHANNEL, 'new-note');
    assert.deepEqual(seen, ['new-note', 'search']);
  });

  test('a flush request runs the registered callback, then acks with the same token', async () => {
    const { fieldbook, emit, sent } = load({ executeInMainWorld: true });
    emit(FLUSH_CHANNEL, 'token-1');
    assert.deepEqual(sent, [[FLUSHED_CHANNEL, 'token-1']], 'nothing registered: acked at once');

    let release!: () => void;
    const saving = new Promise<void>((resolve) => (release = resolve));
    fieldbook.onFlushRequest(() => saving);
    emit(FLUSH_CHANNEL, 'token-2');
    await new Promise((resolve) => setImmediate(resolve));
    assert.equal(sent.length, 1, 'no ack while the save is pending');
    release();
    await saving;
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(sent.at(-1), [FLUSHED_CHANNEL, 'token-2']);
  });
});

// The fake 'electron' the bundled main.js runs against. It records what main
// does, then plays a short session (serve index.html, call the API, try a
// foreign frame, navigate away, use the menu, quit) and prints a report.
const FAKE_ELECTRON = String.raw`
import { EventEmitter } from 'node:events';
import path from 'node:path';

import { fork } from 'node:child_process';

const report = { calls: [], sent: [] };
const paths = { appData: process.env.FAKE_APP_DATA };
const handlers = new Map();
const windows = [];
let menuTemplate;
let nextId = 1;

class FakeWebContents extends EventEmitter {
  id = nextId++;
  send(channel, ...args) {
    report.sent.push([channel, ...args]);
    // The renderer's preload acks a flush on the next turn.
    if (channel === 'fieldbook:flush') setImmediate(() => ipcMain.emit('fieldbook:flushed', { sender: this }, args[0]));
  }
  setWindowOpenHandler(handler) { this.openHandler = handler; }
  isDestroyed() { return false; }
  isCrashed() { return false; }
}

export const app = new (class extends EventEmitter {
  isPackaged = false;
  setName(name) { report.name = name; }
  enableSandbox() { report.sandboxEnabled = true; }
  getPath(name) { return paths[name]; }
  setPath(name, value) { paths[name] = value; }
  requestSingleInstanceLock() { return process.env.FAKE_LOCK_HELD !== '1'; }
  whenReady() { return Promise.resolve(); }
  isReady() { return true; }
  exit(code) { report.exitCode = code; finish(); }
  quit() {
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    report.calls.push(prevented ? 'quit-held' : 'quit');
    if (prevented) return;
    for (const window of [...windows]) window.close();
    this.emit('will-quit', { preventDefault() {} });
    finish();
  }
})();

// A utility process is a Node child here, given the parentPort Electron gives it.
export const utilityProcess = {
  fork(modulePath, args, options) {
    report.calls.push('utilityProcess:' + path.basename(modulePath) + ':' + options.serviceName);
    // Structured clone, as Electron's postMessage: a file to import crosses as bytes.
    const child = fork(modulePath, args, { env: options.env, execArgv: ['--import', process.env.FAKE_PARENT_PORT], stdio: 'inherit', serialization: 'advanced' });
    return {
      postMessage: (message) => child.send(message),
      on(event, listener) {
        if (event === 'message') child.on('message', listener);
        else if (event === 'exit') child.on('exit', (code) => listener(code ?? 1));
        return this;
      },
      kill: () => child.kill(),
    };
  },
};

export const protocol = {
  registerSchemesAsPrivileged(schemes) { report.schemes = schemes; },
  handle(scheme, handler) { handlers.set('protocol:' + scheme, handler); },
};

export const ipcMain = new (class extends EventEmitter {
  handle(channel, listener) { handlers.set('ipc:' + channel, listener); }
  removeHandler(channel) { handlers.delete('ipc:' + channel); report.calls.push('removeHandler:' + channel); }
})();

function fakeSession() {
  const made = {
    setPermissionRequestHandler(handler) { made.permissionRequest = handler; },
    setPermissionCheckHandler(handler) { made.permissionCheck = handler; },
    webRequest: { onBeforeRequest(listener) { made.beforeRequest = listener; } },
  };
  return made;
}
export const session = { defaultSession: fakeSession() };

/** What a session's request filter answers for each of the urls (it must answer at once). */
function filtered(which, urls) {
  return Object.fromEntries(urls.map((url) => {
    let answer = 'no answer';
    which.beforeRequest({ url }, (response) => (answer = response.cancel ? 'cancelled' : 'allowed'));
    return [url, answer];
  }));
}

export const shell = { openExternal: async (url) => report.calls.push('openExternal:' + url), openPath: async () => '' };
export const dialog = { showErrorBox(title, message) { report.error = title + ': ' + message; } };
export const screen = {
  getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }],
  getPrimaryDisplay: () => ({ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }),
};
export const Menu = {
  buildFromTemplate(template) { menuTemplate = template; return { template }; },
  setApplicationMenu() {},
};

export class BrowserWindow extends EventEmitter {
  static getFocusedWindow() { return windows[0] ?? null; }
  destroyed = false;
  constructor(options) {
    super();
    report.windowOptions = options;
    this.webContents = new FakeWebContents();
    windows.push(this);
    app.emit('web-contents-created', {}, this.webContents);
  }
  getNormalBounds() { return { x: 40, y: 30, width: 1200, height: 800 }; }
  isMaximized() { return false; }
  isFullScreen() { return false; }
  isMinimized() { return false; }
  isVisible() { return true; }
  isDestroyed() { return this.destroyed; }
  maximize() {}
  setFullScreen() {}
  show() {}
  focus() { report.calls.push('focus'); }
  restore() {}
  close() {
    let prevented = false;
    this.emit('close', { preventDefault: () => (prevented = true) });
    report.calls.push(prevented ? 'close-held' : 'closed');
    if (prevented) return;
    this.destroyed = true;
    windows.splice(windows.indexOf(this), 1);
    this.emit('closed');
  }
  async loadURL(url) {
    report.loadedURL = url;
    setImmediate(() => session_(this).catch((error) => { report.error = String(error && error.stack || error); finish(); }));
  }
}

async function session_(window) {
  const serve = handlers.get('protocol:app');
  const index = await serve(new Request('app://fieldbook/index.html'));
  report.index = { status: index.status, csp: index.headers.get('content-security-policy'), body: await index.text() };
  const traversal = await serve(new Request('app://fieldbook/%2e%2e/%2e%2e/package.json'));
  report.traversalStatus = traversal.status;

  const call = handlers.get('ipc:fieldbook:call');
  const frame = { url: 'app://fieldbook/index.html', parent: null };
  report.stats = await call({ sender: window.webContents, senderFrame: frame }, 'stats.get', {});
  try {
    await call({ sender: window.webContents, senderFrame: { url: 'https://evil.example/', parent: null } }, 'trash.empty', {});
    report.foreign = 'answered';
  } catch (error) {
    report.foreign = error.message;
  }

  let prevented = false;
  window.webContents.emit('will-navigate', { url: 'https://evil.example/', preventDefault: () => (prevented = true) });
  report.navigationPrevented = prevented;
  report.windowOpen = window.webContents.openHandler({ url: 'https://example.org/' });
  const cancelled = [];
  session.defaultSession.beforeRequest({ url: 'https://tiles.example/1.png' }, (r) => cancelled.push(r));
  report.remoteRequest = cancelled[0];
  // Every request a window could make, through the default session's filter and a session made later.
  const urls = JSON.parse(process.env.FAKE_REQUEST_URLS);
  report.requests = filtered(session.defaultSession, urls);
  const later = fakeSession();
  app.emit('session-created', later);
  report.laterSessionRequests = later.beforeRequest ? filtered(later, urls) : 'not hardened';

  // A file large enough to go as bytes, through IPC and the utility process, imported in its worker.
  const text = 'Convoys crossed the border near Agadez at dawn.\n\n'.repeat(3000);
  const contentBase64 = Buffer.from('# Border report\n\n' + text).toString('base64');
  report.imported = await call({ sender: window.webContents, senderFrame: frame }, 'sources.import', { fileName: 'border.md', contentBase64 });
  session.defaultSession.permissionRequest(window.webContents, 'media', (granted) => (report.permission = granted), {});

  let titleKept = false;
  window.emit('page-title-updated', { preventDefault: () => (titleKept = true) }, 'Fieldbook');
  report.titleKept = titleKept;
  app.emit('second-instance', {}, ['fieldbook'], '/');

  report.menu = menuTemplate.map((item) => item.label ?? item.role);
  const file = menuTemplate.find((item) => (item.label ?? '').replace('&', '') === 'File');
  file.submenu[0].click();

  app.quit();
}

let finished = false;
function finish() {
  if (finished) return;
  finished = true;
  report.paths = paths;
  process.stdout.write('REPORT ' + JSON.stringify(report) + '\n');
  process.exit(0);
}
`;

const HOOKS = String.raw`
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';
const fake = pathToFileURL(process.env.FAKE_ELECTRON).href;
registerHooks({
  resolve(specifier, context, next) {
    return specifier === 'electron' ? { url: fake, format: 'module', shortCircuit: true } : next(specifier, context);
  },
});
`;

/** What Electron gives a utility process: process.parentPort, here over the child's IPC channel. */
const PARENT_PORT = String.raw`
process.parentPort = {
  postMessage: (message) => process.send(message),
  on: (event, listener) => process.on('message', (data) => listener({ data })),
};
`;

/** Requests a window could make, and what the main process's filter must answer: only the app's own protocol leaves the page. */
const REQUESTS: Record<string, 'allowed' | 'cancelled'> = {
  'app://fieldbook/index.html': 'allowed',
  'app://fieldbook/assets/index-abc123.js': 'allowed',
  'app://fieldbook/assets/map-tiles/0/0/0.png': 'allowed',
  'data:image/png;base64,iVBORw0KGgo=': 'allowed',
  'blob:app://fieldbook/0b7c6a9e-1111-2222-3333-444455556666': 'allowed',
  'devtools://devtools/bundled/devtools_app.html': 'allowed',
  'https://tile.openstreetmap.org/3/4/2.png': 'cancelled',
  'https://redirector.gvt1.com/edgedl/chrome/dict/en-us-10-1.bdic': 'cancelled', // a spellcheck dictionary
  'http://127.0.0.1:8080/api/stats.get': 'cancelled',
  'ws://127.0.0.1:9229/': 'cancelled',
  'file:///etc/hosts': 'cancelled',
  'app://evil/index.html': 'cancelled',
  'app://fieldbook:8080/index.html': 'cancelled',
  'blob:https://evil.example/0b7c6a9e-1111-2222-3333-444455556666': 'cancelled',
  'chrome-extension://abcdefghijklmnop/script.js': 'cancelled',
};

/** Runs the built main.js under the fake electron with `--data dataDir`; returns the fake's report. */
function runMain(dataDir: string, env: NodeJS.ProcessEnv = {}): Record<string, any> {
  const fakeDir = path.join(base, 'fake');
  fs.mkdirSync(fakeDir, { recursive: true });
  fs.writeFileSync(path.join(fakeDir, 'electron.mjs'), FAKE_ELECTRON);
  fs.writeFileSync(path.join(fakeDir, 'hooks.mjs'), HOOKS);
  fs.writeFileSync(path.join(fakeDir, 'parent-port.mjs'), PARENT_PORT);
  const run = spawnSync(process.execPath, ['--import', path.join(fakeDir, 'hooks.mjs'), path.join(outDir, 'main.js'), '--data', dataDir], {
    cwd: base,
    env: {
      ...process.env,
      FAKE_ELECTRON: path.join(fakeDir, 'electron.mjs'),
      FAKE_PARENT_PORT: path.join(fakeDir, 'parent-port.mjs'),
      FAKE_APP_DATA: path.join(base, 'appData'),
      FAKE_REQUEST_URLS: JSON.stringify(Object.keys(REQUESTS)),
      FIELDBOOK_DATA: '',
      ...env,
    },
    encoding: 'utf8',
    timeout: 60_000,
  });
  const line = run.stdout.split('\n').find((l) => l.startsWith('REPORT '));
  assert.ok(line, `no report (status ${run.status}):\n${run.stdout}\n${run.stderr}`);
  return JSON.parse(line.slice('REPORT '.length));
}

describe('the built main process, under a fake electron', () => {
  test('boots, seeds the store in --data, serves the renderer, answers only its own frame, flushes and closes the store on quit', () => {
    const dataDir = path.join(base, 'data');
    const report = runMain(dataDir);
    assert.equal(report.error, undefined, report.error);

    // Before ready.
    assert.deepEqual(report.schemes, [{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    assert.equal(report.sandboxEnabled, true);
    assert.equal(report.name, 'Fieldbook');
    assert.equal(report.paths.userData, dataDir, '--data is the user-data folder');

    // The window: titled with its data folder (not the default one), kept so when the page sets its title.
    assert.equal(report.loadedURL, 'app://fieldbook/index.html');
    assert.equal(report.windowOptions.title, `Fieldbook — ${dataDir}`);
    assert.equal(report.titleKept, true);
    // A second launch on the same folder focuses this window.
    assert.ok(report.calls.includes('focus'), 'second-instance focuses the window');
    const prefs = report.windowOptions.webPreferences;
    assert.equal(prefs.preload, path.join(outDir, 'preload.cjs'));
    assert.ok(fs.existsSync(prefs.preload));
    for (const [key, value] of Object.entries({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      webviewTag: false,
    })) {
      assert.equal(prefs[key], value, key);
    }

    // Serving, IPC, hardening.
    assert.equal(report.index.status, 200);
    assert.match(report.index.body, /Fieldbook test renderer/);
    assert.match(report.index.csp, /^default-src 'none'; script-src 'self';/);
    assert.equal(report.traversalStatus, 404);
    assert.equal(report.stats.ok, true);
    assert.equal(report.stats.result.sources, 5);
    assert.ok(report.calls.includes('utilityProcess:store-process.js:Fieldbook store'), 'the store runs in a utility process');
    assert.match(report.foreign, /refused/);
    assert.equal(report.navigationPrevented, true);
    assert.deepEqual(report.windowOpen, { action: 'deny' });
    assert.ok(report.calls.includes('openExternal:https://example.org/'));
    assert.deepEqual(report.remoteRequest, { cancel: true });
    assert.deepEqual(report.requests, REQUESTS, 'the default session lets only the app protocol through');
    assert.deepEqual(report.laterSessionRequests, REQUESTS, 'so does any session created later');
    // A file large enough to travel as bytes goes through IPC and the store process into a source.
    assert.equal(report.imported.ok, true, JSON.stringify(report.imported));
    assert.equal(report.imported.result.title, 'Border report');
    assert.equal(report.permission, false);
    assert.deepEqual(
      report.menu.map((label: string) => label.replace('&', '')),
      ['File', 'Edit', 'View', 'Window', 'Help'],
    );
    assert.deepEqual(report.sent[0], [COMMAND_CHANNEL, 'new-note']);

    // Quit: held for the flush, then for real; the window closes and the store is closed.
    assert.deepEqual(report.sent[1]?.[0], FLUSH_CHANNEL);
    const quit = report.calls.filter((call: string) => /quit|close|removeHandler/.test(call));
    assert.deepEqual(quit, ['quit-held', 'quit', 'closed', `removeHandler:${CALL_CHANNEL}`]);

    // The data folder: a seeded store (closed cleanly: its WAL checkpointed away) and the window state.
    assert.equal(fs.existsSync(path.join(dataDir, 'fieldbook.sqlite-wal')), false, 'the store was closed');
    assert.deepEqual(JSON.parse(fs.readFileSync(path.join(dataDir, 'window-state.json'), 'utf8')), {
      x: 40,
      y: 30,
      width: 1200,
      height: 800,
      maximized: false,
      fullScreen: false,
    });
    const reopened = openFieldbook(dataDir, { seed: false });
    try {
      assert.equal((callMethod(reopened.db, 'stats.get', {}) as { sources: number }).sources, 6, 'the seeded five and the imported one');
    } finally {
      reopened.close();
    }
  });
  test('a second launch on a folder another Fieldbook holds opens no window and no store: it quits', () => {
    const dataDir = path.join(base, 'data-held');
    const report = runMain(dataDir, { FAKE_LOCK_HELD: '1' });
    assert.equal(report.error, undefined, report.error);
    assert.equal(report.windowOptions, undefined, 'no window');
    assert.ok(report.calls.includes('quit'));
    assert.equal(fs.existsSync(path.join(dataDir, 'fieldbook.sqlite')), false, 'the store is left to the first instance');
  });
});
