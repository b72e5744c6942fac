// The API contract: every method the UI (or the CLI, or a test) may call,
// each with the zod schema its input must satisfy. One implementation, three
// transports (Electron IPC, loopback HTTP, in-process); see DESIGN.md.
import path from 'node:path';
import { z } from 'zod';
import { ApiError } from './errors.ts';
import type { DocumentFormat, ImportProgress } from './import/document.ts';
import { extractInWorker } from './import/sandbox.ts';
import type { Source } from './records.ts';
import { dailyBackup, listBackups, manualBackup } from './store/backup.ts';
import { checkpointWhenIdle } from './store/checkpoint.ts';
import { assertStoreIsItself } from './store/identity.ts';
import type { Db } from './store/open.ts';
import * as s from './schemas.ts';
import { addAlias, removeAlias } from './repo/aliases.ts';
import { createActor, getActor, getActorDetail, listActors, updateActor } from './repo/actors.ts';
import { createAnnotation, deleteAnnotation, getAnnotation, listAnnotations, updateAnnotation } from './repo/annotations.ts';
import { createEvent, getEventDetail, listEvents, updateEvent } from './repo/events.ts';
import { createEvidence, deleteEvidence, evidenceFor, evidenceFromSource, getEvidence, updateEvidence } from './repo/evidence.ts';
import { createNote, getNote, listNotes, updateNote } from './repo/notes.ts';
import { createPlace, getPlace, getPlaceDetail, listPlaces, updatePlace } from './repo/places.ts';
import { createRelation, deleteRelation, getRelationDetail, listRelations, updateRelation } from './repo/relations.ts';
import { createSource, getSource, getSourceDetail, listSources, updateSource } from './repo/sources.ts';
import { updateSourceText } from './repo/source-text.ts';
import { suggestionsForSource } from './extract/suggest.ts';
import { getStats } from './repo/stats.ts';
import { prepareSearch } from './search/prepare.ts';
import { search } from './search/search.ts';
import { findDates } from './dates.ts';
import { emptyTrash, listTrash, moveToTrash, purgeFromTrash, restoreFromTrash } from './repo/trash.ts';
import { listMerges } from './merge/log.ts';
import { mergeRecords } from './merge/merge.ts';
import { undoMerge } from './merge/undo.ts';
import { addNamesWithEvidence, createFromPassage, removeNamesWithEvidence } from './actions/passage.ts';
import { quoteIntoNote } from './actions/quote.ts';
import { similarRecords } from './duplicates/similar.ts';
import { findDuplicates } from './duplicates/finder.ts';

interface Method<S extends z.ZodType, R> {
  input: S;
  /** Whether the method writes: writes take the store's write lock up front. */
  writes: boolean;
  run: (db: Db, input: z.output<S>) => R;
}

const query = <S extends z.ZodType, R>(input: S, run: (db: Db, input: z.output<S>) => R): Method<S, R> => ({
  input,
  writes: false,
  run,
});
const command = <S extends z.ZodType, R>(input: S, run: (db: Db, input: z.output<S>) => R): Method<S, R> => ({
  input,
  writes: true,
  run,
});

const none = z.strictObject({});

export const methods = {
  'stats.get': query(none, (db) => getStats(db)),
  search: query(s.searchInput, (db, i) => search(db, i.query, i)),
  /** Builds more of the in-memory name index (searches answer from the store until it is ready); writes nothing. */
  'search.prepare': query(s.searchPrepare, (db, i) => prepareSearch(db, i.slices)),
  /** Dates a text states, as EDTF resolved against a source's publication date; writes nothing. */
  'dates.find': query(s.datesFind, (db, i) =>
    findDates(i.text, { edtf: i.sourceId === undefined ? null : getSource(db, i.sourceId).published }),
  ),

  'notes.list': query(s.noteList, (db, i) => listNotes(db, i)),
  'notes.get': query(s.idInput, (db, i) => getNote(db, i.id)),
  'notes.create': command(s.noteCreate, (db, i) => createNote(db, i)),
  'notes.update': command(s.noteUpdate, (db, i) => updateNote(db, i)),
  'notes.delete': command(s.idInput, (db, i) => moveToTrash(db, 'note', i.id)),
  /** A passage appended to a note's document (or a new note), its highlight made first for a fresh selection. */
  'notes.quote': command(s.noteQuote, (db, i) => quoteIntoNote(db, i)),

  /** A new actor, place or event with the passage it comes from as evidence (also: accepting a suggested name). */
  'records.createFromPassage': command(s.recordFromPassage, (db, i) => createFromPassage(db, i)),
  /** Existing records a new one may duplicate: same name or alias folded, a typo apart, another script, or (events) the same passage. */
  'records.similar': query(s.recordsSimilar, (db, i) => similarRecords(db, i)),
  /** Likely duplicate pairs across the store, strongest first. */
  'records.duplicates': query(s.recordsDuplicates, (db, i) => findDuplicates(db, i)),

  'actors.list': query(s.actorList, (db, i) => listActors(db, i)),
  'actors.get': query(s.idInput, (db, i) => getActorDetail(db, i.id)),
  'actors.create': command(s.actorCreate, (db, i) => createActor(db, i)),
  'actors.update': command(s.actorUpdate, (db, i) => updateActor(db, i)),
  'actors.delete': command(s.idInput, (db, i) => moveToTrash(db, 'actor', i.id)),
  'actors.merge': command(s.mergeInput, (db, i) => mergeRecords(db, 'actor', i.survivorId, i.mergedId)),

  'places.list': query(s.placeList, (db, i) => listPlaces(db, i)),
  'places.get': query(s.idInput, (db, i) => getPlaceDetail(db, i.id)),
  'places.create': command(s.placeCreate, (db, i) => createPlace(db, i)),
  'places.update': command(s.placeUpdate, (db, i) => updatePlace(db, i)),
  'places.delete': command(s.idInput, (db, i) => moveToTrash(db, 'place', i.id)),
  'places.merge': command(s.mergeInput, (db, i) => mergeRecords(db, 'place', i.survivorId, i.mergedId)),

  'events.list': query(s.eventList, (db, i) => listEvents(db, i)),
  'events.get': query(s.idInput, (db, i) => getEventDetail(db, i.id)),
  'events.create': command(s.eventCreate, (db, i) => createEvent(db, i)),
  'events.update': command(s.eventUpdate, (db, i) => updateEvent(db, i)),
  'events.delete': command(s.idInput, (db, i) => moveToTrash(db, 'event', i.id)),

  'relations.list': query(s.relationList, (db, i) => listRelations(db, i)),
  'relations.get': query(s.idInput, (db, i) => getRelationDetail(db, i.id)),
  'relations.create': command(s.relationCreate, (db, i) => createRelation(db, i)),
  'relations.update': command(s.relationUpdate, (db, i) => updateRelation(db, i)),
  'relations.delete': command(s.idInput, (db, i) => deleteRelation(db, i.id)),

  'sources.list': query(s.sourceList, (db, i) => listSources(db, i)),
  'sources.get': query(s.idInput, (db, i) => getSourceDetail(db, i.id)),
  'sources.create': command(s.sourceCreate, (db, i) => createSource(db, i)),
  'sources.update': command(s.sourceUpdate, (db, i) => updateSource(db, i)),
  /** A corrected text: re-indexed, with every highlight and evidence passage re-anchored in it (or marked orphaned). */
  'sources.updateText': command(s.sourceUpdateText, (db, i) => updateSourceText(db, i)),
  'sources.delete': command(s.idInput, (db, i) => moveToTrash(db, 'source', i.id)),
  /** Known names and candidate names in a source's text; writes nothing. */
  'sources.suggestions': query(s.sourceSuggestions, (db, i) => suggestionsForSource(db, i.id)),

  'annotations.list': query(s.annotationList, (db, i) => listAnnotations(db, i)),
  'annotations.get': query(s.idInput, (db, i) => getAnnotation(db, i.id)),
  'annotations.create': command(s.annotationCreate, (db, i) => createAnnotation(db, i)),
  'annotations.update': command(s.annotationUpdate, (db, i) => updateAnnotation(db, i)),
  'annotations.delete': command(s.idInput, (db, i) => deleteAnnotation(db, i.id)),

  'evidence.list': query(s.evidenceList, (db, i) =>
    'subject' in i ? evidenceFor(db, i.subject.kind, i.subject.id) : evidenceFromSource(db, i.sourceId),
  ),
  'evidence.get': query(s.idInput, (db, i) => getEvidence(db, i.id)),
  'evidence.create': command(s.evidenceCreate, (db, i) => createEvidence(db, i)),
  'evidence.update': command(s.evidenceUpdate, (db, i) => updateEvidence(db, i)),
  'evidence.delete': command(s.idInput, (db, i) => deleteEvidence(db, i.id)),

  'aliases.add': command(s.aliasAdd, (db, i) => {
    const owner = i.owner.kind === 'actor' ? getActor(db, i.owner.id) : getPlace(db, i.owner.id);
    return addAlias(db, i.owner.kind, owner.id, owner.name, { name: i.name, kind: i.kind });
  }),
  /** Names as aliases of a record (those it has skipped) and the passage naming it as evidence: merging a suggested name. */
  'aliases.addWithEvidence': command(s.aliasAddWithEvidence, (db, i) => addNamesWithEvidence(db, i)),
  /** Takes back what aliases.addWithEvidence added, all or nothing. */
  'aliases.removeWithEvidence': command(s.aliasRemoveWithEvidence, (db, i) => removeNamesWithEvidence(db, i)),
  'aliases.remove': command(s.aliasRemove, (db, i) => {
    if (i.owner.kind === 'actor') getActor(db, i.owner.id);
    else getPlace(db, i.owner.id);
    removeAlias(db, i.owner.kind, i.owner.id, i.aliasId);
    return { id: i.aliasId };
  }),

  'trash.list': query(none, (db) => listTrash(db)),
  'trash.restore': command(s.trashItem, (db, i) => restoreFromTrash(db, i.kind, i.id)),
  'trash.purge': command(s.trashItem, (db, i) => purgeFromTrash(db, i.kind, i.id)),
  'trash.empty': command(none, (db) => emptyTrash(db)),

  'merges.list': query(s.mergeList, (db, i) => listMerges(db, i)),
  'merges.undo': command(s.idInput, (db, i) => undoMerge(db, i.id)),
} as const;

type Methods = typeof methods;
export type MethodName = keyof Methods;
export type MethodInput<M extends MethodName> = z.input<Methods[M]['input']>;
export type MethodResult<M extends MethodName> = ReturnType<Methods[M]['run']>;
export const METHOD_NAMES = Object.keys(methods) as MethodName[];

export function isMethodName(name: string): name is MethodName {
  return Object.hasOwn(methods, name);
}

function zodToApiError(method: string, error: z.ZodError): ApiError {
  const issues = error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join('; ');
  return new ApiError('invalid_input', `${method}: ${summary}`, issues);
}

/** SQLite's own refusals (a CHECK or FOREIGN KEY the schemas missed) are still the caller's fault. */
/** A sentence for each way the disk or the file can fail a call: what happened, and what to do. */
const STORAGE_ERRORS: [RegExp, ApiError['code'], string][] = [
  [/^SQLITE_FULL/, 'disk_full', 'The disk is full, so nothing was saved. Free some space, then try again.'],
  [
    /^SQLITE_(BUSY|LOCKED)/,
    'locked',
    'Another program is writing to the store, so nothing was saved. Try again in a moment; if it keeps happening, close the other Fieldbook.',
  ],
  [
    /^SQLITE_READONLY/,
    'read_only',
    'The store cannot be written (a read-only file, folder or disk), so nothing was saved. Reading and searching still work.',
  ],
  [
    /^SQLITE_(CORRUPT|NOTADB)/,
    'damaged',
    'The store file is damaged, so nothing was saved. Run "fieldbook check", then restore the latest backup (fieldbook restore).',
  ],
  [
    /^SQLITE_(IOERR|CANTOPEN)/,
    'damaged',
    'The store file could not be read or written, so nothing was saved. Check the disk, then restart Fieldbook.',
  ],
];

function sqliteToApiError(method: string, error: Error & { code?: string }): ApiError | undefined {
  if (error.code?.startsWith('SQLITE_CONSTRAINT')) {
    const code = error.code === 'SQLITE_CONSTRAINT_UNIQUE' ? 'conflict' : 'invalid_input';
    return new ApiError(code, `${method}: the store refused the change (${error.message})`);
  }
  const storage = STORAGE_ERRORS.find(([pattern]) => pattern.test(error.code ?? ''));
  return storage ? new ApiError(storage[1], `${storage[2]} (${error.message})`) : undefined;
}

/**
 * Validates `input` against the method's schema and runs it in one
 * transaction: it either completes or leaves the store exactly as it was.
 * Every failure is an ApiError.
 */
export function callMethod(db: Db, method: string, input: unknown): unknown {
  if (!isMethodName(method)) throw new ApiError('unknown_method', `there is no API method named "${String(method).slice(0, 100)}"`);
  const definition = methods[method] as Method<z.ZodType, unknown>;
  const parsed = definition.input.safeParse(input === undefined ? {} : input);
  if (!parsed.success) throw zodToApiError(method, parsed.error);
  const run = db.transaction(() => definition.run(db, parsed.data));
  try {
    if (!definition.writes) return run.deferred();
    assertStoreIsItself(db);
    const result = run.immediate();
    checkpointWhenIdle(db);
    return result;
  } catch (error) {
    if (error instanceof ApiError) throw error;
    const mapped = sqliteToApiError(method, error as Error & { code?: string });
    if (mapped) throw mapped;
    throw error;
  }
}

export type ImportedSource = Source & { format: DocumentFormat };

/**
 * `sources.import`: reads a PDF, HTML, Markdown or plain-text file (base64)
 * into a new source. The reading is asynchronous and runs outside any
 * transaction; the write is `sources.create`, one transaction that also
 * refuses a text already stored. Every failure is an ApiError naming a field
 * of the input ('file' for what is wrong with the file itself).
 */
export async function importSource(
  db: Db,
  input: unknown,
  options: { onProgress?: ImportProgress; signal?: AbortSignal } = {},
): Promise<ImportedSource> {
  const parsed = s.sourceImport.safeParse(input === undefined ? {} : input);
  if (!parsed.success) throw zodToApiError('sources.import', parsed.error);
  const { fileName, contentBase64, reliability } = parsed.data;
  const { format, title, text, author, published, language } = await extractInWorker(
    { fileName, bytes: Buffer.from(contentBase64, 'base64'), onProgress: options.onProgress },
    { signal: options.signal },
  );
  try {
    const source = callMethod(db, 'sources.create', { title, text, author, published, language, reliability }) as Source;
    return { ...source, format };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    // The fields of sources.create are not the caller's: what it refuses (a text already stored) is the file.
    const issues = error.issues.map((i) => ({ path: 'file', message: i.message }));
    throw new ApiError(error.code, error.message.replace(/^text: /, ''), issues);
  }
}

/** The backups folder beside the store. */
const dataDirOf = (db: Db) => path.dirname(db.name);

function parsed<S extends z.ZodType>(method: string, schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input === undefined ? {} : input);
  if (!result.success) throw zodToApiError(method, result.error);
  return result.data;
}

/**
 * Methods that work outside a transaction: reading a file before their one
 * transaction, or copying the store (VACUUM INTO cannot run inside one).
 * Each run parses its own input.
 */
export const asyncMethods = {
  'sources.import': { input: s.sourceImport, run: importSource },
  /** The backups in the data folder's backups/, newest first. */
  'backups.list': {
    input: none,
    run: async (db: Db, input: unknown) => {
      parsed('backups.list', none, input);
      return listBackups(dataDirOf(db)).map(({ name, bytes, modified }) => ({ name, bytes, modified }));
    },
  },
  /** A checked backup now (`daily`: today's automatic one, unless it exists; old ones pruned). */
  'backups.create': {
    input: s.backupCreate,
    run: async (db: Db, input: unknown) => {
      const { daily } = parsed('backups.create', s.backupCreate, input);
      const made = daily ? dailyBackup(db, dataDirOf(db)) : manualBackup(db, dataDirOf(db));
      return made ? { name: path.basename(made.file), bytes: made.bytes } : null;
    },
  },
} as const;

type AsyncMethods = typeof asyncMethods;
export type AsyncMethodName = keyof AsyncMethods;
export type AnyMethodName = MethodName | AsyncMethodName;
export type AnyMethodInput<M extends AnyMethodName> = M extends MethodName
  ? MethodInput<M>
  : M extends AsyncMethodName
    ? z.input<AsyncMethods[M]['input']>
    : never;
export type AnyMethodResult<M extends AnyMethodName> = M extends MethodName
  ? MethodResult<M>
  : M extends AsyncMethodName
    ? Awaited<ReturnType<AsyncMethods[M]['run']>>
    : never;

export function isAsyncMethodName(name: string): name is AsyncMethodName {
  return Object.hasOwn(asyncMethods, name);
}

/** Any method of the contract, synchronous or not: what every transport calls. */
export async function callAnyMethod(db: Db, method: string, input: unknown): Promise<unknown> {
  if (isAsyncMethodName(method)) return asyncMethods[method].run(db, input);
  return callMethod(db, method, input);
}

/** The API as the renderer sees it: every method, asynchronous, whatever the transport. */
export interface FieldbookApi {
  call<M extends AnyMethodName>(method: M, input: AnyMethodInput<M>): Promise<AnyMethodResult<M>>;
}

/** In-process transport, for the CLI and tests. */
export function localApi(db: Db): FieldbookApi {
  return {
    call: async (method, input) => (await callAnyMethod(db, method, input)) as never,
  };
}
