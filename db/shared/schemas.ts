// Input schemas of the API contract: every call from outside is parsed by one
// of these before it reaches the store.
import { z } from 'zod';
import { isEdtf } from './edtf.ts';
import { depthOf, MAX_DEPTH, noteBodyProblem } from './editor-schema.ts';
import { MAX_IMPORT_BYTES } from './import-document.ts';
import {
  ACTOR_KINDS,
  ALIAS_KINDS,
  ENTITY_KINDS,
  EVENT_TYPES,
  HIGHLIGHT_COLORS,
  NOTE_SORTS,
  PARTICIPANT_ROLES,
  PLACE_KINDS,
  RELATION_TYPES,
  RELIABILITY_GRADES,
} from './vocabulary.ts';

export const MAX_NOTE_BYTES = 5 * 1024 * 1024;
export const MAX_SOURCE_CHARS = 50 * 1024 * 1024;
export const MAX_LIST_LIMIT = 100_000;

export const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
/** The input of a method that takes none: an empty object (or nothing). */
export const noInput = z.strictObject({});
export const idInput = z.strictObject({ id });
// Text that lies: a name made only of invisible characters looks empty but is
// not; bidirectional overrides and isolates make a name read otherwise than
// it is stored; a lone surrogate is half a character. Names and titles are
// refused when empty once invisibles are set aside, have overrides and
// isolates stripped, and no text is taken with a lone surrogate (nor altered).
const INVISIBLE = /[\u00AD\u034F\u061C\u115F\u1160\u17B4\u17B5\u180E\u200B-\u200F\u2060-\u2064\u3164\uFEFF\uFFA0]/gu;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;
// With the u flag, only a lone surrogate is a code point in this range.
const wellFormed = (text: string) => !/[\uD800-\uDFFF]/u.test(text);
const LONE_SURROGATE = 'holds a broken character (half of a surrogate pair): nothing was changed; correct the text and try again';

/** A name or title: trimmed, overrides and isolates stripped, never empty or only invisible characters. */
const label = (max: number) =>
  z
    .string()
    .refine(wellFormed, LONE_SURROGATE)
    .transform((text) => text.replace(BIDI_CONTROLS, '').trim())
    .refine((text) => text.replace(INVISIBLE, '').trim().length > 0, 'must not be empty (invisible characters do not count)')
    .refine((text) => text.length <= max, `is longer than ${max} characters`);
/** An optional title (a note's): as a label, but may be empty. */
const optionalLabel = (max: number) =>
  z
    .string()
    .refine(wellFormed, LONE_SURROGATE)
    .transform((text) => text.replace(BIDI_CONTROLS, '').trim())
    .refine((text) => text.length <= max, `is longer than ${max} characters`);
const name = label(300);
const title = label(500);
const longText = z.string().max(100_000).refine(wellFormed, LONE_SURROGATE);
const country = z
  .string()
  .trim()
  .regex(/^[A-Za-z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "LY"')
  .transform((c) => c.toUpperCase())
  .nullable();
export const edtfDate = z
  .string()
  .trim()
  .refine(isEdtf, 'must be an EDTF date such as 2019-10-13, 2019-10~, 2023-12?, XXXX-02-25 or 2019-09/2019-10');
const page = {
  limit: z.number().int().min(1).max(MAX_LIST_LIMIT).optional(),
  offset: z.number().int().min(0).optional(),
};

export const aliasInput = z.strictObject({ name, kind: z.enum(ALIAS_KINDS).default('alias') });

export const actorCreate = z.strictObject({
  name,
  kind: z.enum(ACTOR_KINDS),
  description: longText.default(''),
  country: country.default(null),
  aliases: z.array(aliasInput).max(200).default([]),
});
export const actorUpdate = z.strictObject({
  id,
  name: name.optional(),
  kind: z.enum(ACTOR_KINDS).optional(),
  description: longText.optional(),
  country: country.optional(),
  aliases: z.array(aliasInput).max(200).optional(),
});
export const actorList = z.strictObject({ ...page, kind: z.enum(ACTOR_KINDS).optional() });

const latitude = z.number().min(-90).max(90).nullable();
const longitude = z.number().min(-180).max(180).nullable();
const precision = z.union([z.literal(1), z.literal(2), z.literal(3)]).nullable();
const bothOrNeither = (p: { lat?: number | null; lon?: number | null }) =>
  p.lat === undefined || p.lon === undefined || (p.lat === null) === (p.lon === null);
export const placeCreate = z
  .strictObject({
    name,
    kind: z.enum(PLACE_KINDS),
    description: longText.default(''),
    country: country.default(null),
    lat: latitude.default(null),
    lon: longitude.default(null),
    precision: precision.default(null),
    aliases: z.array(aliasInput).max(200).default([]),
  })
  .refine(bothOrNeither, { message: 'lat and lon must both be set or both be null', path: ['lon'] });
export const placeUpdate = z
  .strictObject({
    id,
    name: name.optional(),
    kind: z.enum(PLACE_KINDS).optional(),
    description: longText.optional(),
    country: country.optional(),
    lat: latitude.optional(),
    lon: longitude.optional(),
    precision: precision.optional(),
    aliases: z.array(aliasInput).max(200).optional(),
  })
  .refine(bothOrNeither, { message: 'lat and lon must both be set or both be null', path: ['lon'] });
export const placeList = z.strictObject({ ...page, kind: z.enum(PLACE_KINDS).optional() });

export const participantInput = z.strictObject({ actorId: id, role: z.enum(PARTICIPANT_ROLES) });
export const eventCreate = z.strictObject({
  title,
  date: edtfDate.nullable().default(null),
  type: z.enum(EVENT_TYPES),
  subType: z.string().trim().max(100).nullable().default(null),
  placeId: id.nullable().default(null),
  fatalities: z.number().int().min(0).nullable().default(null),
  summary: longText.default(''),
  participants: z.array(participantInput).max(500).default([]),
});
export const eventUpdate = z.strictObject({
  id,
  title: title.optional(),
  date: edtfDate.nullable().optional(),
  type: z.enum(EVENT_TYPES).optional(),
  subType: z.string().trim().max(100).nullable().optional(),
  placeId: id.nullable().optional(),
  fatalities: z.number().int().min(0).nullable().optional(),
  summary: longText.optional(),
  participants: z.array(participantInput).max(500).optional(),
});
export const eventList = z.strictObject({
  ...page,
  actorId: id.optional(),
  placeId: id.optional(),
  type: z.enum(EVENT_TYPES).optional(),
});

export const relationCreate = z
  .strictObject({
    sourceId: id,
    targetId: id,
    type: z.enum(RELATION_TYPES),
    start: edtfDate.nullable().default(null),
    end: edtfDate.nullable().default(null),
    description: longText.default(''),
  })
  .refine((r) => r.sourceId !== r.targetId, { message: 'an actor cannot be related to itself', path: ['targetId'] });
export const relationUpdate = z.strictObject({
  id,
  sourceId: id.optional(),
  targetId: id.optional(),
  type: z.enum(RELATION_TYPES).optional(),
  start: edtfDate.nullable().optional(),
  end: edtfDate.nullable().optional(),
  description: longText.optional(),
});
export const relationList = z.strictObject({ ...page, actorId: id.optional(), type: z.enum(RELATION_TYPES).optional() });

const sourceMeta = {
  author: z.string().trim().max(300).nullable(),
  publisher: z.string().trim().max(300).nullable(),
  published: edtfDate.nullable(),
  language: z.string().trim().max(35).nullable(),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable(),
  reliability: z.enum(RELIABILITY_GRADES),
  note: longText,
};
/** The full text of a source, as created or as corrected later (sources.updateText). */
const sourceText = z
  .string()
  .max(MAX_SOURCE_CHARS, 'is larger than 50 MB')
  .refine((t) => t.trim().length > 0, 'must not be empty')
  .refine((t) => !t.includes('\u0000'), 'contains NUL bytes: this looks like a binary file, not text')
  .refine(wellFormed, LONE_SURROGATE);
export const sourceCreate = z.strictObject({
  title,
  text: sourceText,
  author: sourceMeta.author.default(null),
  publisher: sourceMeta.publisher.default(null),
  published: sourceMeta.published.default(null),
  language: sourceMeta.language.default(null),
  url: sourceMeta.url.default(null),
  reliability: sourceMeta.reliability.default('F'),
  note: sourceMeta.note.default(''),
});
export const sourceUpdate = z.strictObject({
  id,
  title: title.optional(),
  author: sourceMeta.author.optional(),
  publisher: sourceMeta.publisher.optional(),
  published: sourceMeta.published.optional(),
  language: sourceMeta.language.optional(),
  url: sourceMeta.url.optional(),
  reliability: sourceMeta.reliability.optional(),
  note: sourceMeta.note.optional(),
});
/** sources.updateText: a corrected text; highlights and evidence are re-anchored in it. */
export const sourceUpdateText = z.strictObject({ id, text: sourceText });
export const sourceList = z.strictObject({ ...page });
/** sources.suggestions: the source whose text to read for names. */
export const sourceSuggestions = z.strictObject({ id });

/** The longest base64 text of a file of at most 50 MB; checked before anything decodes it. */
export const MAX_IMPORT_BASE64_CHARS = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;
export const sourceImport = z.strictObject({
  fileName: z
    .string()
    .min(1, 'must not be empty')
    .max(255)
    .refine((n) => !/[/\\\p{Cc}]/u.test(n) && n !== '.' && n !== '..', 'must be a file name, without folders'),
  contentBase64: z
    .string()
    .max(MAX_IMPORT_BASE64_CHARS, { message: 'is larger than 50 MB', abort: true })
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be the file in base64'),
  reliability: sourceMeta.reliability.default('F'),
  /** Names the import so that `sources.cancelImport` can stop it while the file is read. */
  importId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8 to 64 letters, digits, - or _')
    .optional(),
});

export const sourceImportCancel = z.strictObject({ importId: sourceImport.shape.importId.unwrap() });

export const entityRef = z.strictObject({ kind: z.enum(ENTITY_KINDS), id });
export const evidenceSubject = z.strictObject({ kind: z.enum([...ENTITY_KINDS, 'relation']), id });
/** Admiralty information credibility, 1 (confirmed) to 6 (cannot be judged). */
const credibility = z.number().int().min(1).max(6);
const quoteText = z.string().min(1, 'must not be empty').max(20_000);
export const evidenceCreate = z.strictObject({
  subject: evidenceSubject,
  sourceId: id,
  quote: quoteText,
  start: z.number().int().min(0).optional(),
  credibility: credibility,
  field: z.string().trim().min(1).max(100).nullable().default(null),
  comment: longText.default(''),
});
export const evidenceUpdate = z.strictObject({
  id,
  credibility: credibility.optional(),
  field: z.string().trim().min(1).max(100).nullable().optional(),
  comment: longText.optional(),
});
export const evidenceList = z.union([z.strictObject({ subject: evidenceSubject }), z.strictObject({ sourceId: id })]);

export const annotationCreate = z.strictObject({
  sourceId: id,
  quote: quoteText,
  start: z.number().int().min(0).optional(),
  comment: longText.default(''),
  color: z.enum(HIGHLIGHT_COLORS).default('yellow'),
  links: z.array(entityRef).max(100).default([]),
});
export const annotationUpdate = z.strictObject({
  id,
  comment: longText.optional(),
  color: z.enum(HIGHLIGHT_COLORS).optional(),
  links: z.array(entityRef).max(100).optional(),
});
export const annotationList = z.strictObject({ ...page, sourceId: id.optional() });

export const aliasAdd = z.strictObject({
  owner: z.strictObject({ kind: z.enum(['actor', 'place']), id }),
  name,
  kind: z.enum(ALIAS_KINDS).default('alias'),
});
export const aliasRemove = z.strictObject({ owner: z.strictObject({ kind: z.enum(['actor', 'place']), id }), aliasId: id });

/** A ProseMirror/tiptap node as JSON. */
export interface DocNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: DocNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}
const docNode: z.ZodType<DocNode> = z.lazy(() =>
  z.object({
    type: z.string().min(1).max(100),
    attrs: z.record(z.string(), z.unknown()).optional(),
    content: z.array(docNode).optional(),
    marks: z.array(z.object({ type: z.string().min(1).max(100), attrs: z.record(z.string(), z.unknown()).optional() })).optional(),
    text: z.string().optional(),
  }),
);
/** A note body: checked for depth before the recursive schema walks it, then against the editor's own schema. */
export const noteDoc = z
  .unknown()
  .superRefine((doc, context) => {
    const problem = depthOf(doc) > MAX_DEPTH ? `nests deeper than ${MAX_DEPTH} levels` : undefined;
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .pipe(docNode)
  .refine((doc) => doc.type === 'doc', 'must be a tiptap document: an object with type "doc"')
  .superRefine((doc, context) => {
    const problem = noteBodyProblem(doc);
    if (problem) context.addIssue({ code: 'custom', message: problem });
  })
  .refine((doc) => new TextEncoder().encode(JSON.stringify(doc)).length <= MAX_NOTE_BYTES, 'is larger than 5 MB');
export const noteCreate = z.strictObject({
  title: optionalLabel(500).default(''),
  body: noteDoc.default({ type: 'doc', content: [{ type: 'paragraph' }] }),
});
export const noteUpdate = z.strictObject({ id, title: optionalLabel(500).optional(), body: noteDoc.optional() });
export const noteList = z.strictObject({
  ...page,
  tag: z.string().trim().min(1).max(100).optional(),
  /** Words the title or text must contain (each as a word or the start of one), folded for case and accents. */
  query: z.string().max(200, 'is longer than 200 characters: filter by a few words').optional(),
  /** updated and created: newest first; title: A to Z, untitled last; tag: by first tag, untagged last. */
  sort: z.enum(NOTE_SORTS).default('updated'),
});
export const settingsUpdate = z.strictObject({ welcomeDismissed: z.boolean().optional() });

export const searchInput = z.strictObject({
  query: z.string().max(500, 'is longer than 500 characters: search for a word or a phrase from the text'),
  kinds: z
    .array(z.enum(['actor', 'place', 'event', 'note', 'source', 'annotation']))
    .min(1)
    .max(6)
    .optional(),
  limit: z.number().int().min(1).max(200).default(20),
});

export const searchPrepare = z.strictObject({
  /** Slices of the name index to build now; none given: all of it. */
  slices: z.number().int().min(1).max(1000).optional(),
});

export const backupCreate = z.strictObject({ daily: z.boolean().default(false) });
/** A backup by its name in backups/ (as backups.list gives it): never a path. */
export const backupRestore = z.strictObject({
  name: z
    .string()
    .min(1)
    .max(255)
    .regex(/^[^/\\]+\.sqlite$/, 'must be the name of a backup as listed (a file name ending in .sqlite, no folder)'),
});

export const datesFind = z.strictObject({
  text: z.string().max(100_000, 'is longer than 100,000 characters'),
  /** Dates without a year are resolved against this source's publication date. */
  sourceId: id.optional(),
});

export const trashItem = z.strictObject({ kind: z.enum(['note', 'actor', 'place', 'event', 'source']), id });

/** actors.merge and places.merge: `mergedId` is merged into `survivorId` and goes to the trash. */
export const mergeInput = z
  .strictObject({ survivorId: id, mergedId: id })
  .refine((m) => m.survivorId !== m.mergedId, { message: 'a record cannot be merged into itself', path: ['mergedId'] });
export const mergeList = z.strictObject({ limit: z.number().int().min(1).max(1000).optional() });
/** merges.undo: `keepEditedNotes` leaves notes edited since the merge as they are and undoes the rest. */
export const mergeUndo = z.strictObject({ id, keepEditedNotes: z.boolean().optional() });

/** A passage cited as evidence by a workflow command (the record it supports is the command's). */
export const passageEvidence = z.strictObject({
  sourceId: id,
  quote: quoteText,
  start: z.number().int().min(0).optional(),
  credibility: credibility,
  field: z.string().trim().min(1).max(100).nullable().default(null),
  comment: longText.default(''),
});
/** records.createFromPassage: a new actor, place or event and the passage as its evidence, in one transaction. */
export const recordFromPassage = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('actor'), actor: actorCreate, evidence: passageEvidence }),
  z.strictObject({ kind: z.literal('place'), place: placeCreate, evidence: passageEvidence }),
  z.strictObject({ kind: z.literal('event'), event: eventCreate, evidence: passageEvidence }),
]);
const aliasOwner = z.strictObject({ kind: z.enum(['actor', 'place']), id });
/** aliases.addWithEvidence: names as aliases of a record (known ones skipped), the passage naming it as evidence. */
export const aliasAddWithEvidence = z.strictObject({
  owner: aliasOwner,
  names: z.array(aliasInput).min(1).max(200),
  evidence: passageEvidence.optional(),
});
/** aliases.removeWithEvidence: the undo of aliases.addWithEvidence. */
export const aliasRemoveWithEvidence = z.strictObject({
  owner: aliasOwner,
  aliasIds: z.array(id).max(200),
  evidenceId: id.nullable(),
});
/** notes.quote: a passage appended to a note (null: a new note), as a highlight given or made from the selection. */
export const noteQuote = z.union([
  z.strictObject({ noteId: id.nullable(), annotationId: id }),
  z.strictObject({
    noteId: id.nullable(),
    passage: z.strictObject({ sourceId: id, quote: quoteText, start: z.number().int().min(0).optional() }),
  }),
]);
/** records.similar: existing records a new one of this kind and name may duplicate. */
export const recordsSimilar = z.strictObject({
  kind: z.enum(ENTITY_KINDS),
  name: z.string().max(500),
  aliases: z.array(z.string().max(300)).max(200).default([]),
  excludeId: id.optional(),
  passage: z
    .strictObject({ sourceId: id, start: z.number().int().min(0), end: z.number().int().min(0) })
    .refine((p) => p.end > p.start, { message: 'end must come after start', path: ['end'] })
    .optional(),
});
/** records.duplicates: likely duplicate pairs, strongest first. */
export const recordsDuplicates = z.strictObject({
  kinds: z
    .array(z.enum(ENTITY_KINDS))
    .min(1)
    .max(3)
    .default([...ENTITY_KINDS]),
  limit: z.number().int().min(1).max(1000).default(200),
});
