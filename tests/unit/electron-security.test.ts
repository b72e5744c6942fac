// The desktop shell's security policy, driven through small hand-written fakes
// of Electron's web contents, session and app objects.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  createSecureWindow,
  hardenApp,
  hardenSession,
  hardenWebContents,
  isAllowedRequest,
  isAppUrl,
  isExternalHttpUrl,
  type HardenableContents,
  type HardenableSession,
  type NavigationEvent,
  type PermissionRequestHandler,
  type PreventableEvent,
} from '../../electron/security.ts';

type Listener = (event: never) => void;

class FakeContents implements HardenableContents {
  openHandler: ((details: { url: string }) => { action: 'deny' }) | undefined;
  readonly listeners = new Map<string, Listener[]>();
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void {
    this.openHandler = handler;
  }
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }
  /** Emits `event` the way Electron does; returns whether a listener called preventDefault(). */
  emit(event: string, url?: string): boolean {
    let prevented = false;
    const payload: NavigationEvent = { url: url ?? '', preventDefault: () => void (prevented = true) };
    for (const listener of this.listeners.get(event) ?? []) listener(payload as never);
    return prevented;
  }
}

class FakeShell {
  readonly opened: string[] = [];
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  }
}

class FakeSession implements HardenableSession {
  requestHandler: PermissionRequestHandler | undefined;
  checkHandler: ((contents: unknown, permission: string) => boolean) | undefined;
  beforeRequest: ((details: { url: string }, callback: (response: { cancel?: boolean }) => void) => void) | undefined;
  setPermissionRequestHandler(handler: PermissionRequestHandler): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: (contents: unknown, permission: string) => boolean): void {
    this.checkHandler = handler;
  }
  webRequest = {
    onBeforeRequest: (listener: NonNullable<FakeSession['beforeRequest']>) => {
      this.beforeRequest = listener;
    },
  };
  /** What the session's request filter answers for `url`. */
  request(url: string): { cancel?: boolean } {
    let answer: { cancel?: boolean } | undefined;
    this.beforeRequest!({ url }, (response) => (answer = response));
    assert.ok(answer, 'the request filter must answer synchronously');
    return answer;
  }
}

const quiet = () => {};

describe('URL predicates', () => {
  test('isAppUrl accepts the app origin only', () => {
    for (const url of ['app://fieldbook/', 'app://fieldbook/index.html', 'app://fieldbook/assets/x.js?v=1#h']) {
      assert.equal(isAppUrl(url), true, url);
    }
    for (const url of [
      'app://other/index.html',
      'app://fieldbook.evil.example/index.html',
      'app://fieldbook:8080/index.html',
      'app://user@fieldbook/index.html',
      'app://fieldbook@evil/index.html',
      'https://fieldbook/index.html',
      'file:///etc/passwd',
      'http://127.0.0.1:5173/',
      'javascript:alert(1)',
      'devtools://devtools/bundled/inspector.html',
      'not a url',
      '',
    ]) {
      assert.equal(isAppUrl(url), false, url);
    }
  });

  test('isExternalHttpUrl accepts http(s) only, without credentials', () => {
    assert.equal(isExternalHttpUrl('https://www.acleddata.com/data'), true);
    assert.equal(isExternalHttpUrl('http://example.org/'), true);
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'mailto:someone@example.org',
      'app://fieldbook/index.html',
      'https://user:pass@example.org/',
      'ms-msdt:/id',
      'not a url',
    ]) {
      assert.equal(isExternalHttpUrl(url), false, url);
    }
  });

  test('isAllowedRequest: own files and devtools only (plus data: and own blob:)', () => {
    assert.equal(isAllowedRequest('app://fieldbook/assets/index.js'), true);
    assert.equal(isAllowedRequest('devtools://devtools/bundled/inspector.html'), true);
    assert.equal(isAllowedRequest('data:image/png;base64,AAAA'), true);
    assert.equal(isAllowedRequest('blob:app://fieldbook/0b7c6a9e-1111-2222-3333-444455556666'), true);
    for (const url of [
      'https://tile.openstreetmap.org/1/1/1.png',
      'http://127.0.0.1:8080/api/stats.get',
      'ws://127.0.0.1:9229/',
      'file:///etc/passwd',
      'blob:https://evil.example/abc',
      'app://elsewhere/x.js',
    ]) {
      assert.equal(isAllowedRequest(url), false, url);
    }
  });
});

describe('window options', () => {
  test('every window gets every hardening flag, with the given preload, whatever the options say', () => {
    const made: unknown[] = [];
    class FakeBrowserWindow {
      constructor(options: unknown) {
        made.push(options);
      }
    }
    const window = createSecureWindow(
      FakeBrowserWindow,
      { width: 800, height: 600, title: 'Fieldbook', ...({ webPreferences: { nodeIntegration: true } } as object) },
      '/app/dist/electron/preload.cjs',
    );
    assert.ok(window instanceof FakeBrowserWindow);
    assert.deepEqual(made, [
      {
        width: 800,
        height: 600,
        title: 'Fieldbook',
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
          spellcheck: false,
          preload: '/app/dist/electron/preload.cjs',
        },
      },
    ]);
  });
});

describe('web contents hardening', () => {
  const setup = () => {
    const contents = new FakeContents();
    const shell = new FakeShell();
    hardenWebContents(contents, shell, quiet);
    return { contents, shell };
  };

  test('window.open is always denied; http(s) links go to the system browser', () => {
    const { contents, shell } = setup();
    assert.deepEqual(contents.openHandler!({ url: 'https://www.acleddata.com/' }), { action: 'deny' });
    assert.deepEqual(contents.openHandler!({ url: 'http://example.org/report' }), { action: 'deny' });
    assert.deepEqual(shell.opened, ['https://www.acleddata.com/', 'http://example.org/report']);
  });

  test('window.open of anything but http(s) is denied and never reaches the shell', () => {
    const { contents, shell } = setup();
    for (const url of ['file:///etc/passwd', 'javascript:alert(1)', 'app://fieldbook/index.html', 'smb://host/share', 'about:blank']) {
      assert.deepEqual(contents.openHandler!({ url }), { action: 'deny' }, url);
    }
    assert.deepEqual(shell.opened, []);
  });

  for (const event of ['will-navigate', 'will-redirect', 'will-frame-navigate']) {
    test(`${event}: other origins are prevented, the app's own origin is allowed`, () => {
      const { contents, shell } = setup();
      assert.equal(contents.emit(event, 'https://evil.example/'), true);
      assert.equal(contents.emit(event, 'file:///etc/passwd'), true);
      assert.equal(contents.emit(event, 'app://other/index.html'), true);
      assert.equal(contents.emit(event, 'app://fieldbook/index.html'), false);
      assert.equal(contents.emit(event, 'app://fieldbook/notes/12'), false);
      assert.deepEqual(shell.opened, [], 'navigation never opens anything externally');
    });
  }

  test('<webview> attachment is prevented', () => {
    const { contents } = setup();
    assert.equal(contents.emit('will-attach-webview'), true);
  });

  test('hardenApp hardens every web contents created later', () => {
    let created: ((event: unknown, contents: HardenableContents) => void) | undefined;
    const app = {
      on(event: 'web-contents-created', listener: (event: unknown, contents: HardenableContents) => void) {
        assert.equal(event, 'web-contents-created');
        created = listener;
      },
    };
    hardenApp(app, new FakeShell(), quiet);
    const contents = new FakeContents();
    created!({}, contents);
    assert.ok(contents.openHandler, 'window open handler installed');
    assert.equal(contents.emit('will-navigate', 'https://evil.example/'), true);
    const prevented: PreventableEvent[] = [];
    for (const listener of contents.listeners.get('will-attach-webview') ?? []) {
      const event = { preventDefault: () => void prevented.push(event) };
      listener(event as never);
    }
    assert.equal(prevented.length, 1);
  });
});

describe('session hardening', () => {
  const setup = () => {
    const session = new FakeSession();
    hardenSession(session, quiet);
    return session;
  };

  test('every permission request is denied', () => {
    const session = setup();
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal', 'clipboard-read', 'fullscreen', 'unknown']) {
      const answers: boolean[] = [];
      session.requestHandler!({}, permission, (granted) => answers.push(granted));
      assert.deepEqual(answers, [false], permission);
    }
  });

  test('every permission check is refused', () => {
    const session = setup();
    for (const permission of ['media', 'geolocation', 'clipboard-sanitized-write', 'hid', 'serial']) {
      assert.equal(session.checkHandler!({}, permission), false, permission);
    }
  });

  test('remote requests are cancelled; the app origin and devtools are not', () => {
    const session = setup();
    assert.deepEqual(session.request('https://tile.openstreetmap.org/0/0/0.png'), { cancel: true });
    assert.deepEqual(session.request('http://127.0.0.1:3000/api/stats.get'), { cancel: true });
    assert.deepEqual(session.request('wss://example.org/socket'), { cancel: true });
    assert.deepEqual(session.request('file:///etc/hosts'), { cancel: true });
    assert.deepEqual(session.request('app://fieldbook/index.html'), {});
    assert.deepEqual(session.request('app://fieldbook/assets/index-abc123.js'), {});
    assert.deepEqual(session.request('devtools://devtools/bundled/devtools_app.html'), {});
  });
});
