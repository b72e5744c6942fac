// The Electron main process: starts the store in a utility process
// (store-process.ts), serves the renderer at app://fieldbook/, routes the API
// over IPC to the store, and keeps the windows locked down.
// Built by vite.electron.config.ts into dist/electron/main.js (next to
// preload.cjs; the renderer is in dist/renderer).
import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, screen, session, shell, utilityProcess, type WebContents } from 'electron';
import { APP_NAME } from '../db/paths.ts';
import type { StoreClient } from '../server/store-client.ts';
import { reportUncaughtErrors } from '../server/uncaught.ts';
import type { FieldbookCommand } from '../db/shared/window-bridge.ts';
import { APP_ENTRY_URL, APP_SCHEME, COMMAND_CHANNEL } from './channels.ts';
import { Flusher, guardClose, type CloseGuard } from './flush.ts';
import { registerIpc } from './ipc.ts';
import { startStoreProcess } from './store-launcher.ts';
import { buildMenuTemplate } from './menu.ts';
import { parseDataDirArg, windowTitle } from './options.ts';
import { createAppProtocolHandler } from './protocol.ts';
import { createSecureWindow, hardenApp, hardenSession } from './security.ts';
import { MIN_HEIGHT, MIN_WIDTH, placeWindow, readWindowState, trackWindowState, type WindowStateTracker } from './window-state.ts';

const HERE = import.meta.dirname;
const RENDERER_DIR = path.join(HERE, '..', 'renderer');
const PRELOAD = path.join(HERE, 'preload.cjs');
const STORE_PROCESS = path.join(HERE, 'store-process.js');

interface OpenWindow {
  window: BrowserWindow;
  contentsId: number;
  guard: CloseGuard;
  tracker: WindowStateTracker;
}

/** Says why Fieldbook cannot go on (on stderr, and in a dialog once one can be shown) and exits. */
function fail(title: string, error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  console.error(`fieldbook: ${title}: ${message}`);
  if (app.isReady()) dialog.showErrorBox(title, message);
  app.exit(1);
}

// --- Before ready -----------------------------------------------------------

protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();
app.setName(APP_NAME);

let dataArg: string | undefined;
let usageError: unknown;
try {
  dataArg = parseDataDirArg(process.argv);
} catch (error) {
  usageError = error;
}
// userData is the data folder: the store and Chromium's profile live together,
// as the README says (`--data`, or FIELDBOOK_DATA as for the CLI, moves both).
// The default is db/paths.ts's defaultDataDir: <appData>/Fieldbook.
const envData = process.env['FIELDBOOK_DATA'] || undefined;
const defaultDataDir = path.join(app.getPath('appData'), APP_NAME);
app.setPath('userData', path.resolve(dataArg ?? envData ?? defaultDataDir));
const dataDir = app.getPath('userData');
const title = windowTitle(APP_NAME, dataDir, defaultDataDir);

hardenApp(app, shell);

if (usageError !== undefined) {
  fail('Fieldbook cannot start', usageError);
} else if (!app.requestSingleInstanceLock()) {
  // Another Fieldbook already has this data folder open (Electron keeps the
  // lock in userData, which is the data folder): its window gets focused instead.
  app.quit();
} else {
  reportUncaughtErrors(dataDir, (line) => console.error(line));
  start();
}

// --- After ready ------------------------------------------------------------

/** What the main process holds: its windows and, once ready, the store and what talks to it. */
interface MainState {
  windows: Map<number, OpenWindow>;
  store: StoreClient | undefined;
  flusher: Flusher | undefined;
  unregisterIpc: (() => void) | undefined;
}

/** The focused window, else the first one opened. */
function targetWindow({ windows }: MainState): OpenWindow | undefined {
  const focused = BrowserWindow.getFocusedWindow();
  const all = [...windows.values()];
  return all.find((open) => open.window === focused) ?? all[0];
}

function createWindow(state: MainState): void {
  const displays = screen.getAllDisplays().map((display) => display.workArea);
  const placement = placeWindow(readWindowState(dataDir), displays, screen.getPrimaryDisplay().workArea);
  const window = createSecureWindow(
    BrowserWindow,
    {
      ...(placement.x !== undefined && placement.y !== undefined ? { x: placement.x, y: placement.y } : {}),
      width: placement.width,
      height: placement.height,
      minWidth: MIN_WIDTH,
      minHeight: MIN_HEIGHT,
      title,
      show: false,
    },
    PRELOAD,
  );
  if (placement.maximized) window.maximize();
  if (placement.fullScreen) window.setFullScreen(true);

  // The page's <title> would replace the data folder in the title bar.
  window.on('page-title-updated', (event) => event.preventDefault());
  const contents = window.webContents;
  const contentsId = contents.id;
  const tracker = trackWindowState(window, dataDir);
  const guard = guardClose(
    window,
    () => (state.flusher ? state.flusher.request(contents) : Promise.resolve()),
    () => tracker.save(),
  );
  state.windows.set(contentsId, { window, contentsId, guard, tracker });
  window.on('closed', () => {
    tracker.dispose();
    state.windows.delete(contentsId);
  });

  const show = () => {
    if (!window.isDestroyed() && !window.isVisible()) window.show();
  };
  window.once('ready-to-show', show);
  contents.once('did-fail-load', show);
  contents.on('render-process-gone', (_event, details) => {
    console.error(`fieldbook: the renderer stopped (${details.reason})`);
  });
  void window.loadURL(APP_ENTRY_URL);
}

/**
 * Quitting: flush every window first, then quit for real (a close prevented
 * during a quit would otherwise cancel the quit).
 */
function handleQuit(state: MainState): void {
  let quitReady = false;
  let quitFlushing = false;
  app.on('before-quit', (event) => {
    if (quitReady) return;
    event.preventDefault();
    if (quitFlushing) return;
    quitFlushing = true;
    void Promise.all([...state.windows.values()].map((open) => open.guard.flush()))
      .then(() => state.store?.close())
      .catch((error: unknown) => console.error('fieldbook: the store did not close cleanly:', error))
      .finally(() => {
        state.store = undefined;
        quitReady = true;
        app.quit();
      });
  });

  app.on('will-quit', () => {
    state.unregisterIpc?.();
    state.flusher?.dispose();
    void state.store?.close();
    state.store = undefined;
  });
}

/** Once ready: the store process, the app:// protocol, IPC, the menu and the first window. */
async function whenReady(state: MainState): Promise<void> {
  let opened: StoreClient;
  try {
    opened = await startStoreProcess(utilityProcess, STORE_PROCESS, dataDir, (line) => console.error(line));
  } catch (error) {
    fail('Fieldbook cannot open its store', error);
    return;
  }
  state.store = opened;
  hardenSession(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler(RENDERER_DIR));
  const isOurContents = (contents: WebContents) => {
    const open = state.windows.get(contents.id);
    return open !== undefined && !open.window.isDestroyed();
  };
  state.unregisterIpc = registerIpc(ipcMain, opened, { isOurContents });
  for (const warning of opened.warnings) console.warn(`fieldbook: warning: ${warning}`);
  state.flusher = new Flusher(ipcMain);
  const send = (command: FieldbookCommand) => {
    const open = targetWindow(state);
    if (open && !open.window.isDestroyed()) open.window.webContents.send(COMMAND_CHANNEL, command);
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        isPackaged: app.isPackaged,
        appName: APP_NAME,
        send,
        showDataFolder: () => void shell.openPath(dataDir),
      }),
    ),
  );
  createWindow(state);
  app.on('activate', () => {
    if (state.windows.size === 0) createWindow(state);
  });
}

function start(): void {
  const state: MainState = { windows: new Map(), store: undefined, flusher: undefined, unregisterIpc: undefined };
  handleQuit(state);

  app.on('second-instance', () => {
    const open = targetWindow(state);
    if (!open) return;
    if (open.window.isMinimized()) open.window.restore();
    open.window.focus();
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });

  app.on('session-created', (created) => hardenSession(created));

  app
    .whenReady()
    .then(() => whenReady(state))
    .catch((error: unknown) => fail('Fieldbook failed to start', error));
}
