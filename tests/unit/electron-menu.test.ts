// The application menu: what a desktop user expects, and the commands it
// sends to the renderer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import type { FieldbookCommand } from '../../db/shared/window-bridge.ts';
import { buildMenuTemplate } from '../../electron/menu.ts';

type Item = MenuItemConstructorOptions;

function build(platform: NodeJS.Platform, isPackaged: boolean) {
  const sent: FieldbookCommand[] = [];
  let shownDataFolder = 0;
  const template = buildMenuTemplate({
    platform,
    isPackaged,
    appName: 'Fieldbook',
    send: (command) => void sent.push(command),
    showDataFolder: () => void shownDataFolder++,
  });
  return { template, sent, shownDataFolder: () => shownDataFolder };
}

const bare = (label: string | undefined) => label?.replace('&', '');
const menu = (template: Item[], label: string) => {
  const found = template.find((item) => bare(item.label) === label);
  assert.ok(found, `no ${label} menu`);
  return found;
};
const items = (item: Item) => item.submenu as Item[];
const roles = (item: Item) =>
  items(item)
    .map((entry) => entry.role)
    .filter(Boolean);
const find = (item: Item, label: string) => items(item).find((entry) => bare(entry.label) === label);
const click = (item: Item | undefined) => (item!.click as () => void)();

for (const platform of ['linux', 'win32', 'darwin'] as const) {
  describe(`menu on ${platform}`, () => {
    const { template, sent, shownDataFolder } = build(platform, false);
    const mac = platform === 'darwin';

    test('File > New Note (Ctrl/Cmd+N) sends new-note; File has Quit (or Close on macOS, Quit in the app menu)', () => {
      const file = menu(template, 'File');
      const newNote = find(file, 'New Note');
      assert.equal(newNote?.accelerator, 'CmdOrCtrl+N');
      click(newNote);
      assert.deepEqual(sent, ['new-note']);
      if (mac) {
        assert.deepEqual(roles(file), ['close']);
        assert.ok(roles(menu(template, 'Fieldbook')).includes('quit'));
      } else {
        assert.deepEqual(roles(file), ['quit']);
      }
    });

    test('Edit has undo, redo, cut, copy, paste and select all', () => {
      const edit = roles(menu(template, 'Edit'));
      for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']) assert.ok(edit.includes(role as never), role);
    });

    test('View > Search… (Ctrl/Cmd+K) sends search; zoom and full screen roles; devtools while unpackaged', () => {
      const view = menu(template, 'View');
      const search = find(view, 'Search…');
      assert.equal(search?.accelerator, 'CmdOrCtrl+K');
      sent.length = 0;
      click(search);
      assert.deepEqual(sent, ['search']);
      const viewRoles = roles(view);
      for (const role of ['resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen', 'toggleDevTools']) {
        assert.ok(viewRoles.includes(role as never), role);
      }
    });

    test('Window and Help menus', () => {
      assert.equal(menu(template, 'Window').role, 'windowMenu');
      const help = menu(template, 'Help');
      assert.equal(help.role, 'help');
      click(find(help, 'Show Data Folder'));
      assert.equal(shownDataFolder(), 1);
      assert.notEqual(items(help)[0]?.type, 'separator');
    });

    test(mac ? 'labels carry no & mnemonics on macOS' : 'top-level labels have & mnemonics', () => {
      for (const item of template) {
        if (!item.label || item.label === 'Fieldbook') continue;
        assert.equal(item.label.includes('&'), !mac, item.label);
      }
    });
  });
}

test('a packaged build has no developer tools or reload entries', () => {
  const { template } = build('linux', true);
  const viewRoles = roles(menu(template, 'View'));
  for (const role of ['toggleDevTools', 'reload', 'forceReload']) assert.equal(viewRoles.includes(role as never), false, role);
  assert.ok(viewRoles.includes('togglefullscreen'));
});
