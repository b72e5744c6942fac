// The desktop shell's security policy, as plain functions over small
// interfaces that Electron's own objects satisfy (and the unit tests' fakes
// too). Nothing here loads electron at run time.
import type { BrowserWindowConstructorOptions } from 'electron';
import { APP_HOST, APP_ORIGIN, APP_SCHEME } from './channels.ts';

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * The origin of a URL as Chromium computes it for our standard scheme. (Node's
 * WHATWG URL gives 'null' as the origin of any non-special scheme, app: included.)
 */
export function originOf(url: string): string | undefined {
  const parsed = parse(url);
  if (!parsed) return undefined;
  if (parsed.username || parsed.password) return undefined;
  return `${parsed.protocol}//${parsed.host}`;
}

/** Whether `url` is one of the app's own pages or files: app://fieldbook/… */
export function isAppUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== undefined &&
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.port === '' &&
    parsed.username === '' &&
    parsed.password === '' &&
    originOf(url) === APP_ORIGIN
  );
}

/** Whether `url` is a web page we may hand to the system browser: http(s) only, no credentials. */
export function isExternalHttpUrl(url: string): boolean {
  const parsed = parse(url);
  return (
    parsed !== undefined &&
    (parsed.protocol === 'http:' || parsed.protocol === 'https:') &&
    parsed.hostname !== '' &&
    parsed.username === '' &&
    parsed.password === ''
  );
}

export function isDevtoolsUrl(url: string): boolean {
  return parse(url)?.protocol === 'devtools:';
}

/**
 * Whether the renderer may load `url` at all. Only the app's own files and the
 * developer tools: no remote content. `data:` and the app's own `blob:` URLs
 * (images the CSP allows) never leave the process; they are allowed too.
 */
export function isAllowedRequest(url: string): boolean {
  if (isAppUrl(url) || isDevtoolsUrl(url)) return true;
  if (url.startsWith('data:')) return true;
  if (url.startsWith('blob:')) return isAppUrl(url.slice('blob:'.length));
  return false;
}

export type SecureWindowOptions = Omit<BrowserWindowConstructorOptions, 'webPreferences'>;

/**
 * Creates a Fieldbook window: `options` for its size and look, and these web
 * preferences, always. The literal stays inside the `new BrowserWindow(…)`
 * call on purpose: that is where static scanners (electronegativity) look.
 */
export function createSecureWindow<W>(
  BrowserWindow: new (options: BrowserWindowConstructorOptions) => W,
  options: SecureWindowOptions,
  preload: string,
): W {
  return new BrowserWindow({
    ...options,
    webPreferences: {
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      // Chromium downloads spellcheck dictionaries on Linux and Windows: nothing may leave the machine.
      spellcheck: false,
      preload,
    },
  });
}

// ---------------------------------------------------------------------------
// The smallest shapes of Electron's objects the hardening needs.

export interface PreventableEvent {
  preventDefault(): void;
}
export interface NavigationEvent extends PreventableEvent {
  url: string;
}

export interface HardenableContents {
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
  on(event: 'will-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-redirect', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-frame-navigate', listener: (event: NavigationEvent) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: PreventableEvent) => void): unknown;
}

export interface ExternalOpener {
  openExternal(url: string): Promise<void>;
}

export type PermissionRequestHandler = (contents: unknown, permission: string, callback: (granted: boolean) => void) => void;

export interface HardenableSession {
  setPermissionRequestHandler(handler: PermissionRequestHandler): void;
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void;
  webRequest: {
    onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void): void;
  };
}

export interface HardenableApp {
  on(event: 'web-contents-created', listener: (event: unknown, contents: HardenableContents) => void): unknown;
}

type Log = (message: string) => void;
const defaultLog: Log = (message) => console.warn(`fieldbook: ${message}`);

function short(url: string): string {
  return url.length > 200 ? `${url.slice(0, 200)}…` : url;
}

/**
 * Locks down one web contents: no new windows (http(s) links go to the
 * system browser instead), no navigation or redirect away from the app's own
 * origin, no <webview>.
 */
export function hardenWebContents(contents: HardenableContents, shell: ExternalOpener, log: Log = defaultLog): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isExternalHttpUrl(url)) {
      shell.openExternal(url).catch((error: unknown) => log(`could not open ${short(url)}: ${String(error)}`));
    } else {
      log(`blocked a new window for ${short(url)}`);
    }
    return { action: 'deny' };
  });
  const stayHome = (kind: string) => (event: NavigationEvent) => {
    if (isAppUrl(event.url)) return;
    event.preventDefault();
    log(`blocked ${kind} to ${short(event.url)}`);
  };
  contents.on('will-navigate', stayHome('navigation'));
  contents.on('will-frame-navigate', stayHome('frame navigation'));
  contents.on('will-redirect', stayHome('redirect'));
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('blocked a <webview>');
  });
}

/** Denies every permission and cancels every request that is not for the app's own files. */
export function hardenSession(session: HardenableSession, log: Log = defaultLog): void {
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    log(`denied permission "${permission}"`);
    callback(false);
  });
  session.setPermissionCheckHandler(() => false);
  session.webRequest.onBeforeRequest((details, callback) => {
    if (isAllowedRequest(details.url)) {
      callback({});
    } else {
      log(`cancelled a request for ${short(details.url)}`);
      callback({ cancel: true });
    }
  });
}

/** Hardens every web contents the app ever creates (windows, devtools, anything else). */
export function hardenApp(app: HardenableApp, shell: ExternalOpener, log: Log = defaultLog): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, shell, log));
}
