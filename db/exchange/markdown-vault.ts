// The store as a Markdown vault (a folder Obsidian and other writing tools
// open): one page per note, with YAML front matter (title, created, updated,
// tags, id) and its body written by tiptap's own Markdown serializer
// (@tiptap/markdown) over the shared note schema, each mention a [[wiki
// link]]; one page per actor, place and event with its aliases, facts and
// each evidence quote as a blockquote citing its source's page; one page per
// source with its metadata. Pure: the files as paths and texts; the CLI writes
// them to a folder (markdown-files.ts), the app zips them.
import { MarkdownManager } from '@tiptap/markdown';
import { getActorDetail } from '../repo/actors.ts';
import { getEventDetail } from '../repo/events.ts';
import { getNote } from '../repo/notes.ts';
import { getPlaceDetail } from '../repo/places.ts';
import { getSource } from '../repo/sources.ts';
import { RecordMention, noteSchemaExtensions } from '../shared/editor-schema.ts';
import type { ActorDetail, Alias, Evidence, PlaceDetail, Relation } from '../shared/records.ts';
import type { DocNode } from '../shared/schemas.ts';
import type { Db } from '../store/db.ts';
import type { VaultFile } from '../shared/exchange-results.ts';

type PageKind = 'note' | 'actor' | 'place' | 'event' | 'source';

/** Which records go into an export; every live record of the kinds listed (scopes narrow it: scope.ts). */
export type Selection = Record<PageKind, number[]>;

const FOLDER: Record<PageKind, string> = { note: 'Notes', actor: 'Actors', place: 'Places', event: 'Events', source: 'Sources' };
const TABLE: Record<PageKind, { table: string; title: string }> = {
  note: { table: 'notes', title: 'title' },
  actor: { table: 'actors', title: 'name' },
  place: { table: 'places', title: 'name' },
  event: { table: 'events', title: 'title' },
  source: { table: 'sources', title: 'title' },
};

/** Every live record. */
export function everything(db: Db): Selection {
  const ids = (kind: PageKind) =>
    (db.prepare(`SELECT id FROM ${TABLE[kind].table} WHERE deleted_at IS NULL ORDER BY id`).all() as { id: number }[]).map((r) => r.id);
  return { note: ids('note'), actor: ids('actor'), place: ids('place'), event: ids('event'), source: ids('source') };
}

/** A file name Obsidian, Windows and macOS all take: no path or link characters, no leading dot, not too long. */
function fileName(title: string): string {
  const clean = title
    .replace(/[\\/:*?"<>|#^[\]\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[.\s]+|[.\s]+$/g, '')
    .slice(0, 120)
    .trim();
  return clean || 'Untitled';
}

/** A YAML scalar: a JSON string is a valid YAML double-quoted scalar. */
const yaml = (value: string | number | null) =>
  value === null ? 'null' : typeof value === 'number' ? String(value) : JSON.stringify(value);
const yamlList = (values: readonly string[]) => (values.length ? `\n${values.map((v) => `  - ${yaml(v)}`).join('\n')}` : ' []');

function frontMatter(fields: Record<string, string | number | null | readonly string[]>): string {
  const lines = Object.entries(fields).map(
    ([key, value]) => `${key}:${Array.isArray(value) ? yamlList(value) : ` ${yaml(value as string | number | null)}`}`,
  );
  return `---\n${lines.join('\n')}\n---`;
}

const CREDIBILITY = ['', 'confirmed', 'probably true', 'possibly true', 'doubtful', 'improbable', 'cannot be judged'];
const quoteBlock = (text: string) =>
  text
    .split('\n')
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');

/** One page name per record, unique across the vault (Obsidian resolves [[Name]] by name), by `kind:id`. */
function pageNames(db: Db, selection: Selection): Map<string, string> {
  const pages = new Map<string, string>();
  const taken = new Set<string>();
  for (const kind of ['actor', 'place', 'event', 'source', 'note'] as PageKind[]) {
    const { table, title } = TABLE[kind];
    for (const id of selection[kind]) {
      const row = db.prepare(`SELECT ${title} AS title FROM ${table} WHERE id = ?`).get(id) as { title: string } | undefined;
      if (!row) continue;
      const base = fileName(row.title);
      let name = base;
      for (let n = 2; taken.has(name.toLowerCase()); n++) name = `${base} (${kind}${n > 2 ? ` ${n - 1}` : ''})`;
      taken.add(name.toLowerCase());
      pages.set(`${kind}:${id}`, `${FOLDER[kind]}/${name}`);
    }
  }
  return pages;
}

/** A [[wiki link]] to a record's page, or its label when the record has no page in the vault. */
type Linker = (kind: string, id: number, label: string) => string;

/** tiptap's Markdown serializer over the note schema, each mention written as a link (a highlight's to its source). */
function noteSerializer(db: Db, link: Linker): MarkdownManager {
  const annotationSource = db.prepare('SELECT source_id AS id FROM annotations WHERE id = ?');
  const mention = RecordMention.extend({
    renderMarkdown: (node: { attrs?: { kind?: string; id?: number; label?: string | null } }) => {
      const { kind = 'actor', id = 0, label } = node.attrs ?? {};
      if (kind === 'annotation') {
        const source = annotationSource.get(id) as { id: number } | undefined;
        return source ? link('source', source.id, label ?? 'highlight') : (label ?? '');
      }
      return link(kind, id, label ?? `${kind} ${id}`);
    },
  });
  return new MarkdownManager({ extensions: noteSchemaExtensions(mention) });
}

function evidenceSection(evidence: Evidence[], link: Linker): string[] {
  return evidence.length
    ? [
        '## Evidence',
        ...evidence.map((e) =>
          [
            quoteBlock(e.quote),
            '>',
            `> — ${link('source', e.source.id, e.source.title)}${e.field ? `, on ${e.field}` : ''}; credibility ${e.credibility} (${CREDIBILITY[e.credibility]})`,
            ...(e.comment ? ['', e.comment] : []),
          ].join('\n'),
        ),
      ]
    : [];
}

/** What writing a record's page needs: the store, links to other pages, and the note serializer. */
interface PageWriter {
  db: Db;
  link: Linker;
  markdown: MarkdownManager;
}

function notePage({ db, markdown }: PageWriter, id: number): string {
  const note = getNote(db, id, true);
  const body = markdown.serialize(note.body as DocNode & { type: string }).trim();
  return `${frontMatter({ title: note.title, created: note.createdAt, updated: note.updatedAt, tags: note.tags, id: note.uuid })}\n\n${body}\n`;
}

/** An actor's or a place's page: front matter, names, description, facts (`more` after its kind and country) and evidence. */
function namedPage(record: ActorDetail | PlaceDetail, more: string[], aliasText: (alias: Alias) => string, link: Linker): string {
  const facts = [`- Kind: ${record.kind}`, ...(record.country ? [`- Country: ${record.country}`] : []), ...more];
  return (
    [
      frontMatter({
        title: record.name,
        aliases: record.aliases.map((x) => x.name),
        kind: record.kind,
        created: record.createdAt,
        updated: record.updatedAt,
        id: record.uuid,
      }),
      `# ${record.name}`,
      ...(record.aliases.length ? [`Also known as: ${record.aliases.map(aliasText).join(', ')}`] : []),
      ...(record.description ? [record.description] : []),
      '## Facts',
      facts.join('\n'),
      ...evidenceSection(record.evidence, link),
    ].join('\n\n') + '\n'
  );
}

function actorPage({ db, link }: PageWriter, id: number): string {
  const a = getActorDetail(db, id);
  const span = (r: Relation) => (r.start || r.end ? ` (${r.start ?? '..'}/${r.end ?? '..'})` : '');
  return namedPage(
    a,
    [
      ...a.relations.map((r) =>
        r.source.id === a.id
          ? `- ${r.type} ${link('actor', r.target.id, r.target.name)}${span(r)}`
          : `- ${link('actor', r.source.id, r.source.name)} ${r.type} this actor${span(r)}`,
      ),
      ...a.events.map((e) => `- ${e.role} in ${link('event', e.id, e.title)}${e.date ? ` (${e.date})` : ''}`),
    ],
    (x) => `${x.name} (${x.kind})`,
    link,
  );
}

function placePage({ db, link }: PageWriter, id: number): string {
  const p = getPlaceDetail(db, id);
  return namedPage(
    p,
    [
      ...(p.lat !== null && p.lon !== null
        ? [`- Coordinates: ${p.lat}, ${p.lon}${p.precision ? ` (geo precision ${p.precision})` : ''}`]
        : []),
      ...p.events.map((e) => `- ${link('event', e.id, e.title)}${e.date ? ` (${e.date})` : ''}`),
    ],
    (x) => x.name,
    link,
  );
}

function eventPage({ db, link }: PageWriter, id: number): string {
  const e = getEventDetail(db, id);
  const facts = [
    `- Date: ${e.date ?? 'unknown'}`,
    `- Type: ${e.type}${e.subType ? ` (${e.subType})` : ''}`,
    ...(e.place ? [`- Place: ${link('place', e.place.id, e.place.name)}`] : []),
    ...(e.fatalities !== null ? [`- Fatalities: ${e.fatalities}`] : []),
    ...e.participants.map((p) => `- ${p.role}: ${link('actor', p.actorId, p.name)}`),
  ];
  return (
    [
      frontMatter({ title: e.title, date: e.date, type: e.type, created: e.createdAt, updated: e.updatedAt, id: e.uuid }),
      `# ${e.title}`,
      ...(e.summary ? [e.summary] : []),
      '## Facts',
      facts.join('\n'),
      ...evidenceSection(e.evidence, link),
    ].join('\n\n') + '\n'
  );
}

function sourcePage({ db }: PageWriter, id: number): string {
  const s = getSource(db, id, true);
  const facts = [
    ...(s.author ? [`- Author: ${s.author}`] : []),
    ...(s.publisher ? [`- Publisher: ${s.publisher}`] : []),
    ...(s.published ? [`- Published: ${s.published}`] : []),
    `- Reliability: ${s.reliability}`,
    ...(s.url ? [`- URL: <${s.url}>`] : []),
  ];
  return (
    [
      frontMatter({
        title: s.title,
        published: s.published,
        reliability: s.reliability,
        created: s.createdAt,
        updated: s.updatedAt,
        id: s.uuid,
      }),
      `# ${s.title}`,
      facts.join('\n'),
      ...(s.note ? [s.note] : []),
    ].join('\n\n') + '\n'
  );
}

/** Each kind's page, in the order the vault's files are listed. */
const PAGES: [PageKind, (writer: PageWriter, id: number) => string][] = [
  ['note', notePage],
  ['actor', actorPage],
  ['place', placePage],
  ['event', eventPage],
  ['source', sourcePage],
];

/** The vault's files for the selected records; a link to a record outside the selection is left as its name. */
export function markdownVault(db: Db, selection: Selection): VaultFile[] {
  const pages = pageNames(db, selection);
  const link: Linker = (kind, id, label) => {
    const page = pages.get(`${kind}:${id}`);
    return page ? `[[${page}|${label.replace(/[|\]]/g, ' ')}]]` : label;
  };
  const writer: PageWriter = { db, link, markdown: noteSerializer(db, link) };
  const files: VaultFile[] = [];
  for (const [kind, page] of PAGES) {
    for (const id of selection[kind]) {
      const name = pages.get(`${kind}:${id}`);
      if (name !== undefined) files.push({ path: `${name}.md`, content: page(writer, id) });
    }
  }
  return files;
}
