// Hash routes: #/notes, #/notes/12, #/notes?q=word&sort=title&tag=border, #/tags?tag=border,
// #/actors/5, #/sources/1?at=120, #/timeline?actor=5, #/map?type=Battles, #/chart?focus=actor:5, #/trash, #/trash?kind=note&id=3 (one entry), #/merges.

export const SECTIONS = [
  'notes',
  'tags',
  'actors',
  'places',
  'events',
  'timeline',
  'map',
  'chart',
  'sources',
  'highlights',
  'duplicates',
  'trash',
  'merges',
  'backups',
] as const;
export type Section = (typeof SECTIONS)[number];

export interface Route {
  section: Section;
  id: number | null;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const [section, id] = path.split('/');
  const known = (SECTIONS as readonly string[]).includes(section ?? '') ? (section as Section) : 'notes';
  const numeric = id && /^\d+$/.test(id) ? Number(id) : null;
  return { section: known, id: numeric, params: new URLSearchParams(query) };
}

export function href(section: Section, id?: number | null, params?: Record<string, string | number>): string {
  const query = params ? `?${new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]))}` : '';
  return `#/${section}${id ? `/${id}` : ''}${query}`;
}

export function navigate(section: Section, id?: number | null, params?: Record<string, string | number>): void {
  location.hash = href(section, id, params);
}

/** The list section for a kind of record. */
export function sectionOf(kind: string): Section {
  return (
    (
      { actor: 'actors', place: 'places', event: 'events', source: 'sources', note: 'notes', annotation: 'sources' } as Record<
        string,
        Section
      >
    )[kind] ?? 'notes'
  );
}

/** Where a trashed item is shown: its entry in the Trash. */
export function trashHref(kind: string, id: number): string {
  return href('trash', null, { kind, id });
}
