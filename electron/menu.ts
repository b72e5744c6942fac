// The application menu. A pure template builder: main.ts turns it into a
// Menu; commands meant for the renderer go out through `send`.
import type { MenuItemConstructorOptions } from 'electron';
import type { FieldbookCommand } from '../db/shared/window-bridge.ts';

export interface MenuOptions {
  platform: NodeJS.Platform;
  /** Packaged builds get no developer tools entries. */
  isPackaged: boolean;
  appName: string;
  /** Sends a command to the focused Fieldbook window's renderer. */
  send: (command: FieldbookCommand) => void;
  /** Opens the folder that holds the store (Help menu). */
  showDataFolder?: () => void;
}

export function buildMenuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  // '&' marks a mnemonic (Alt+letter) on Windows and Linux; macOS has none.
  const l = (label: string) => (mac ? label.replace('&', '') : label);
  const command = (label: string, accelerator: string, name: FieldbookCommand): MenuItemConstructorOptions => ({
    label: l(label),
    accelerator,
    click: () => options.send(name),
  });

  const template: MenuItemConstructorOptions[] = [];
  if (mac) {
    template.push({
      label: options.appName,
      submenu: [
        { role: 'about' },
        { type: 'separator' },
        { role: 'services' },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit' },
      ],
    });
  }
  template.push({
    label: l('&File'),
    submenu: [
      command('&New Note', 'CmdOrCtrl+N', 'new-note'),
      { type: 'separator' },
      mac ? { role: 'close' } : { role: 'quit', label: options.platform === 'win32' ? 'E&xit' : '&Quit', accelerator: 'Ctrl+Q' },
    ],
  });
  template.push({
    label: l('&Edit'),
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'pasteAndMatchStyle' },
      { role: 'delete' },
      { type: 'separator' },
      { role: 'selectAll' },
    ],
  });
  const view: MenuItemConstructorOptions[] = [
    command('&Search…', 'CmdOrCtrl+K', 'search'),
    { type: 'separator' },
    { role: 'resetZoom' },
    { role: 'zoomIn' },
    { role: 'zoomOut' },
    { type: 'separator' },
    { role: 'togglefullscreen' },
  ];
  if (!options.isPackaged) {
    view.push({ type: 'separator' }, { role: 'reload' }, { role: 'forceReload' }, { role: 'toggleDevTools' });
  }
  template.push({ label: l('&View'), submenu: view });
  template.push({ role: 'windowMenu', label: l('&Window') });
  const help: MenuItemConstructorOptions[] = [];
  if (options.showDataFolder) help.push({ label: l('Show &Data Folder'), click: options.showDataFolder });
  if (!mac) {
    if (help.length > 0) help.push({ type: 'separator' });
    help.push({ role: 'about', label: `&About ${options.appName}` });
  }
  template.push({ role: 'help', label: l('&Help'), submenu: help });
  return template;
}
