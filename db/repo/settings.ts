// The analyst's preferences that belong to the store (so they hold in the
// desktop app and the browser shell alike), kept in the meta table.
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import type { Settings } from '../shared/records.ts';

const KEYS: Record<keyof Settings, string> = { welcomeDismissed: 'setting.welcome_dismissed' };

export function getSettings(db: Db): Settings {
  const value = (key: keyof Settings) =>
    (cached(db, 'SELECT value FROM meta WHERE key = ?').get(KEYS[key]) as { value: string } | undefined)?.value;
  return { welcomeDismissed: value('welcomeDismissed') === 'true' };
}

export function updateSettings(db: Db, changes: Partial<Settings>): Settings {
  const write = cached(db, 'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  for (const key of Object.keys(KEYS) as (keyof Settings)[]) {
    const value = changes[key];
    if (value !== undefined) write.run(KEYS[key], String(value));
  }
  return getSettings(db);
}
