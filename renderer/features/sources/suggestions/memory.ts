// What the suggestions panel remembers: which sources show it (for this
// session), and per source, in localStorage, the names dismissed or already
// handled (accepted or merged), so they stay out of the list.

const shown = new Set<number>();

export function showSuggestionsFor(sourceId: number): void {
  shown.add(sourceId);
}

export function hideSuggestionsFor(sourceId: number): void {
  shown.delete(sourceId);
}

export function suggestionsShownFor(sourceId: number): boolean {
  return shown.has(sourceId);
}

/** Names compared the way a reader would: case, accents and spacing do not count. */
export function foldName(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').replace(/\s+/g, ' ').trim().toLowerCase();
}

export interface NameMemory {
  /** Hidden by Dismiss; can be shown again. */
  dismissed: string[];
  /** Accepted or merged: hidden because a record now stands for them. */
  handled: string[];
}

const key = (sourceId: number) => `fieldbook.suggestions.${sourceId}`;

export function readMemory(sourceId: number): NameMemory {
  try {
    const value = JSON.parse(localStorage.getItem(key(sourceId)) ?? '{}') as Partial<NameMemory>;
    const strings = (list: unknown) => (Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : []);
    return { dismissed: strings(value.dismissed), handled: strings(value.handled) };
  } catch {
    return { dismissed: [], handled: [] };
  }
}

function writeMemory(sourceId: number, memory: NameMemory): void {
  try {
    if (memory.dismissed.length === 0 && memory.handled.length === 0) localStorage.removeItem(key(sourceId));
    else localStorage.setItem(key(sourceId), JSON.stringify(memory));
  } catch {
    // Storage full or disabled: the choice holds until the page reloads.
  }
}

export function remember(sourceId: number, list: keyof NameMemory, name: string): void {
  const memory = readMemory(sourceId);
  const folded = foldName(name);
  if (!memory[list].includes(folded)) memory[list].push(folded);
  writeMemory(sourceId, memory);
}

export function forget(sourceId: number, list: keyof NameMemory, name?: string): void {
  const memory = readMemory(sourceId);
  memory[list] = name === undefined ? [] : memory[list].filter((n) => n !== foldName(name));
  writeMemory(sourceId, memory);
}
