// The API contract: every method the UI (or the CLI, or a test) may call,
// each with the zod schema its input must satisfy. One implementation, three
// transports (Electron IPC, loopback HTTP, in-process); see DESIGN.md.
import path from 'node:path';
import { z } from 'zod';
import { ApiError } from './shared/errors.ts';
import type { ImportProgress } from './shared/import-document.ts';
import { extractInWorker } from './import/sandbox.ts';
import type { Source } from './shared/records.ts';
import { dailyBackup, listBackups, manualBackup } from './store/backup.ts';
import { checkpointWhenIdle } from './store/checkpoint.ts';
import { assertStoreIsItself } from './store/identity.ts';
import type { StoreHost } from './live-store.ts';
import type { Db } from './store/db.ts';
import * as s from './shared/schemas.ts';
import type { FieldbookApi, MethodInput, MethodName, MethodResult } from './shared/contract.ts';
import { addAlias, removeAlias } from './repo/aliases.ts';
import { createActor, getActor, getActorDetail, listActors, updateActor } from './repo/actors.ts';
import { createAnnotation, deleteAnnotation, getAnnotation, listAnnotations, updateAnnotation } from './repo/annotations.ts';
import { createEvent, getEventDetail, listEvents, updateEvent } from './repo/events.ts';
import { createEvidence, deleteEvidence, evidenceFor, evidenceFromSource, getEvidence, updateEvidence } from './repo/evidence.ts';
import { createNote, getNote, listNotes, listTags, updateNote } from './repo/notes.ts';
import { getSettings, updateSettings } from './repo/settings.ts';
import { createPlace, getPlace, getPlaceDetail, listPlaces, updatePlace } from './repo/places.ts';
import { createRelation, getRelationDetail, listRelations, updateRelation } from './repo/relations.ts';
import { deleteRelation, restoreRelation } from './repo/deleted-relations.ts';
import { createSource, getSource, getSourceDetail, listSources, updateSource } from './repo/sources.ts';
import { prepareText } from './search/prepared-text.ts';
import { updateSourceText } from './repo/source-text.ts';
import { writeIndexed } from './search/indexer.ts';
import { nextBackgroundStep } from './search/background-work.ts';
import { suggestionsForSource } from './extract/suggest.ts';
import { getStats } from './repo/stats.ts';
import { prepareSearch, searchReadiness, tidySearchIndexes } from './search/prepare.ts';
import { search } from './search/search.ts';
import { findDates } from './date-finder.ts';
import { emptyTrash, listTrash, moveToTrash, purgeFromTrash, restoreFromTrash } from './repo/trash.ts';
import { mergeRecords } from './merge/merge.ts';
import { mergeHistory, undoMerge } from './merge/undo.ts';
import { countSourceChars, exportCaseFile, parseCaseFile, previewCaseFile, restoreCaseFile } from './exchange/case-file.ts';
import { exchangeFile, exportInput } from './shared/exchange-schemas.ts';
import { eventsOf, scopeBundle, selectionOf } from './exchange/scope.ts';
import { applyAcled, exportAcled, planAcled, summarise } from './exchange/acled.ts';
import { exportStix } from './exchange/stix.ts';
import { applyStix, planStix, summariseStix } from './exchange/stix-import.ts';
import { logImport, undoImport } from './exchange/import-log.ts';
import { markdownVault } from './exchange/markdown-vault.ts';
import { chartGraph, saveArrangement } from './chart.ts';
import { mapData } from './map.ts';
import { majorCities, suggestCoordinates } from './gazetteer.ts';
import * as views from './shared/map-chart-schemas.ts';
import { addNamesWithEvidence, createFromPassage, removeNamesWithEvidence } from './actions/passage.ts';
import { quoteIntoNote } from './actions/quote.ts';
import { similarRecords } from './duplicates/similar.ts';
import { findDuplicates } from './duplicates/finder.ts';
import type { ImportedSource } from './shared/records.ts';
import { withBase64Text } from './import/import-payload.ts';

interface Method<S extends z.ZodType, R, P = undefined> {
  input: S;
  /** Whether the method writes: writes take the store's write lock up front. */
  writes: boolean;
  /** Work that needs no store (folding a long text), done before the transaction so no other write waits for it. */
  prepare?: (input: z.output<S>) => P;
  run: (db: Db, input: z.output<S>, prepared: P) => R;
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

/** A command whose input is first prepared outside the write lock. */
const preparedCommand = <S extends z.ZodType, P, R>(
  input: S,
  prepare: (input: z.output<S>) => P,
  run: (db: Db, input: z.output<S>, prepared: P) => R,
): Method<S, R, P> => ({ input, writes: true, prepare, run });

export const methods = {
  'stats.get': query(s.noInput, (db) => getStats(db)),
  /** How the store is open: read-only when its file, folder or disk cannot be written. */
  'store.status': query(s.noInput, (db) => ({ readOnly: db.readonly })),
  search: query(s.searchInput, (db, i) => search(db, i.query, i)),
  /** Builds more of the in-memory name index (searches answer from the store until it is ready); writes nothing. */
  'search.prepare': query(s.searchPrepare, (db, i) => prepareSearch(db, i.slices)),
  /** Whether the name index is whole (the palette says when misspelt names cannot be matched yet); builds and writes nothing. */
  'search.readiness': query(s.noInput, (db) => searchReadiness(db)),
  /**
   * The next step of tidying the search indexes, in one short transaction:
   * merging a full-text index's segments when there are too many
   * (search/segment-merge.ts), then saving the whole name index into the
   * store so that the next opening finds it whole (search/name-index-snapshot.ts);
   * `more`: false once nothing is left to do. The app's store drives it when calls pause.
   */
  'search.tidyIndexes': command(s.noInput, (db) => tidySearchIndexes(db)),
  /**
   * Indexes the next chunk of a long source text stored but not yet indexed
   * for search (db/search/source-index.ts), or sweeps the next words of the
   * search vocabulary after a long text was purged (db/search/vocabulary-sweep.ts),
   * in one short transaction; `pending`: the sources still waiting, plus 1
   * while a sweep is due. The app's store drives it between calls.
   */
  'search.indexSources': command(s.noInput, (db) => nextBackgroundStep(db)),
  /** Dates a text states, as EDTF resolved against a source's publication date; writes nothing. */
  'dates.find': query(s.datesFind, (db, i) =>
    findDates(i.text, { edtf: i.sourceId === undefined ? null : getSource(db, i.sourceId).published }),
  ),

  'notes.list': query(s.noteList, (db, i) => listNotes(db, i)),
  'notes.get': query(s.idInput, (db, i) => getNote(db, i.id)),
  'notes.create': command(s.noteCreate, (db, i) => createNote(db, i)),
  'notes.update': command(s.noteUpdate, (db, i) => updateNote(db, i)),
  'notes.delete': command(s.idInput, (db, i) => moveToTrash(db, 'note', i.id)),
  'tags.list': query(s.noInput, (db) => listTags(db)),
  'settings.get': query(s.noInput, (db) => getSettings(db)),
  'settings.update': command(s.settingsUpdate, (db, i) => updateSettings(db, i)),
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
  /** Towns of the offline gazetteer (GeoNames, population over 1,000) named like a new place: exact names first, then prefixes. */
  'places.suggestCoordinates': query(views.suggestCoordinatesInput, (_db, i) => suggestCoordinates(i)),

  'events.list': query(s.eventList, (db, i) => listEvents(db, i)),
  'events.get': query(s.idInput, (db, i) => getEventDetail(db, i.id)),
  'events.create': command(s.eventCreate, (db, i) => createEvent(db, i)),
  'events.update': command(s.eventUpdate, (db, i) => updateEvent(db, i)),
  'events.delete': command(s.idInput, (db, i) => moveToTrash(db, 'event', i.id)),
  'events.merge': command(s.mergeInput, (db, i) => mergeRecords(db, 'event', i.survivorId, i.mergedId)),

  'relations.list': query(s.relationList, (db, i) => listRelations(db, i)),
  'relations.get': query(s.idInput, (db, i) => getRelationDetail(db, i.id)),
  'relations.create': command(s.relationCreate, (db, i) => createRelation(db, i)),
  'relations.update': command(s.relationUpdate, (db, i) => updateRelation(db, i)),
  'relations.delete': command(s.idInput, (db, i) => deleteRelation(db, i.id)),
  /** Puts back a removed relation with its evidence (Undo), until the trash is emptied. */
  'relations.restore': command(s.idInput, (db, i) => restoreRelation(db, i.id)),

  /** The map: every place, and the events matching actor, place and type. */
  'map.data': query(views.mapDataInput, (db, i) => mapData(db, i)),
  /** Cities of more than a million people, for the basemap. */
  'map.cities': query(s.noInput, () => majorCities()),
  /** The link chart around a record (or all of it), with saved positions. */
  'chart.graph': query(views.chartGraphInput, (db, i) => chartGraph(db, i)),
  /** Saves where nodes of the chart were left, and which are pinned. */
  'chart.arrange': command(views.chartArrangeInput, (db, i) => saveArrangement(db, i.positions, i.replace)),

  'sources.list': query(s.sourceList, (db, i) => listSources(db, i)),
  'sources.get': query(s.idInput, (db, i) => getSourceDetail(db, i.id)),
  'sources.create': preparedCommand(
    s.sourceCreate,
    (i) => prepareText(i.text),
    (db, i, text) => createSource(db, i, text),
  ),
  'sources.update': command(s.sourceUpdate, (db, i) => updateSource(db, i)),
  /** A corrected text: re-indexed, with every highlight and evidence passage re-anchored in it (or marked orphaned). */
  'sources.updateText': preparedCommand(
    s.sourceUpdateText,
    (i) => prepareText(i.text),
    (db, i, text) => updateSourceText(db, i, text),
  ),
  'sources.delete': command(s.idInput, (db, i) => moveToTrash(db, 'source', i.id)),
  /** Known names and candidate names in a source's text; writes nothing. */

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

  'trash.list': query(s.noInput, (db) => listTrash(db)),
  /** A record a merge put in the trash comes back by undoing that merge. */
  'trash.restore': command(s.trashItem, (db, i) => restoreFromTrash(db, i.kind, i.id)),
  'trash.purge': command(s.trashItem, (db, i) => purgeFromTrash(db, i.kind, i.id)),
  'trash.empty': command(s.noInput, (db) => emptyTrash(db)),

  /** Every merge, newest first, with whether it can be undone now (and if not, why). */
  'merges.list': query(s.mergeList, (db, i) => mergeHistory(db, i)),
  'merges.undo': command(s.mergeUndo, (db, i) => undoMerge(db, i.id, i)),

  /** The whole store as one versioned JSON case file (db/exchange/case-file.ts); only with the scope "everything". */
  'exchange.case.export': query(exportInput, (db, i) => {
    if (i.scope.kind !== 'everything')
      throw new ApiError('invalid_input', 'scope: a case file holds the whole store; export it with the scope "everything"', [
        { path: 'scope', message: 'a case file holds the whole store' },
      ]);
    return exportCaseFile(db);
  }),
  /** What restoring a case file would write, and whether this store can take it; writes nothing. */
  'exchange.case.preview': query(exchangeFile, (db, i) => previewCaseFile(db, parseCaseFile(i.content))),
  /** Restores a case file into this empty store, in one transaction. */
  'exchange.case.import': preparedCommand(
    exchangeFile,
    (i) => countSourceChars(parseCaseFile(i.content)),
    (db, i, file) => logImport(db, 'case', i.fileName, () => restoreCaseFile(db, file)),
  ),
  /** The live events of the scope as an ACLED-style CSV (db/exchange/acled.ts, scope.ts). */
  'exchange.acled.export': query(exportInput, (db, i) =>
    exportAcled(db, i.scope.kind === 'everything' ? undefined : eventsOf(selectionOf(db, i.scope))),
  ),
  /** What importing an ACLED-style CSV would create, match and skip; writes nothing. */
  'exchange.acled.preview': query(exchangeFile, (db, i) => summarise(planAcled(db, i.content))),
  /** Events from an ACLED-style CSV, with their actors and places matched or created, in one transaction. */
  'exchange.acled.import': command(exchangeFile, (db, i) =>
    logImport(db, 'acled', i.fileName, () => applyAcled(db, planAcled(db, i.content))),
  ),
  /** The live records of the scope as a STIX 2.1 bundle (db/exchange/stix.ts, scope.ts). */
  'exchange.stix.export': query(exportInput, (db, i) =>
    i.scope.kind === 'everything' ? exportStix(db) : scopeBundle(db, exportStix(db), selectionOf(db, i.scope)),
  ),
  /** The records of the scope as a Markdown vault: files (paths and texts) for a folder or a zip (db/exchange/markdown-vault.ts). */
  'exchange.markdown.export': query(exportInput, (db, i) => ({ files: markdownVault(db, selectionOf(db, i.scope)) })),
  /** What importing a STIX 2.1 bundle would create, match, merge and skip (with why); writes nothing. */
  'exchange.stix.preview': query(exchangeFile, (db, i) => summariseStix(planStix(db, i.content))),
  /** Actors, places, relations, sources and notes from a STIX 2.1 bundle, matched or created, in one transaction. */
  'exchange.stix.import': command(exchangeFile, (db, i) => logImport(db, 'stix', i.fileName, () => applyStix(db, planStix(db, i.content)))),
  /** Takes back exactly what one exchange import added (its importId), or refuses with the reason when any of it was edited or built on since. */
  'exchange.undoImport': command(s.idInput, (db, i) => undoImport(db, i.id)),
} as const;

type Methods = typeof methods;
/** The methods that run in one transaction of their own, through callMethod. */
export type SyncMethodName = keyof Methods;
export const METHOD_NAMES = Object.keys(methods) as SyncMethodName[];

export function isMethodName(name: string): name is SyncMethodName {
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

const READ_ONLY_MESSAGE = STORAGE_ERRORS.find(([, code]) => code === 'read_only')![2];

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
  const definition = methods[method] as Method<z.ZodType, unknown, unknown>;
  if (!db.open) {
    throw new ApiError(
      'store_moved',
      'The store was closed (a backup was restored in its place) while this call ran; nothing was saved. Try again.',
    );
  }
  const parsed = definition.input.safeParse(input === undefined ? {} : input);
  if (!parsed.success) throw zodToApiError(method, parsed.error);
  const prepared = definition.writes ? definition.prepare?.(parsed.data) : undefined;
  // A write's indexes follow the rows it touched, in its own transaction (search/indexer.ts).
  const run = db.transaction(() =>
    definition.writes ? writeIndexed(db, () => definition.run(db, parsed.data, prepared)) : definition.run(db, parsed.data, prepared),
  );
  try {
    if (!definition.writes) return run.deferred();
    if (db.readonly) throw new ApiError('read_only', READ_ONLY_MESSAGE);
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
  // Between the app's threads, a long file's base64 comes as bytes (import/import-payload.ts): read as text here.
  const parsed = s.sourceImport.safeParse(input === undefined ? {} : withBase64Text(input));
  if (!parsed.success) throw zodToApiError('sources.import', parsed.error);
  const { fileName, contentBase64, reliability } = parsed.data;
  const { format, title, text, author, published, language } = await extractInWorker(
    { fileName, bytes: Buffer.from(contentBase64, 'base64'), onProgress: options.onProgress },
    { signal: options.signal },
  );
  if (options.signal?.aborted) throw new ApiError('cancelled', 'the import was cancelled; nothing was written');
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

/** Imports named by their caller, while their file is read: what sources.cancelImport can stop. */
const runningImports = new Map<string, AbortController>();
/**
 * Imports cancelled before they had started: a Cancel pressed while a large
 * file is still on its way overtakes it. Each is refused when it arrives.
 * Only the last few are kept (an id named by a cancel that came too late
 * would otherwise stay for good).
 */
const cancelledBeforeStart = new Set<string>();
const CANCELLED_BEFORE_START_KEPT = 100;

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
  /** With an `importId`, `sources.cancelImport` can stop it until the file has been read. */
  'sources.import': {
    input: s.sourceImport,
    run: async (db: Db, input: unknown, host?: StoreHost) => {
      // The running app imports in a worker thread (live-store.ts); the CLI and tests here.
      const run = (signal?: AbortSignal): Promise<ImportedSource> =>
        host?.importFile?.(input, signal ? { signal } : {}) ?? importSource(db, input, signal ? { signal } : {});
      // Only the id is read here: importSource parses (and base64-checks) the whole file once.
      const importId = s.sourceImport.shape.importId.safeParse((input as { importId?: unknown } | null)?.importId).data;
      if (importId === undefined) return run();
      if (runningImports.has(importId)) throw new ApiError('conflict', `an import named ${importId} is already running`);
      if (cancelledBeforeStart.delete(importId)) throw new ApiError('cancelled', 'the import was cancelled; nothing was written');
      const controller = new AbortController();
      runningImports.set(importId, controller);
      try {
        return await run(controller.signal);
      } finally {
        runningImports.delete(importId);
      }
    },
  },
  /**
   * Stops the running import named `importId` before it writes anything; `cancelled` is false when there was none.
   * One that has not started yet is refused when it does.
   */
  'sources.cancelImport': {
    input: s.sourceImportCancel,
    run: async (_db: Db, input: unknown) => {
      const { importId } = parsed('sources.cancelImport', s.sourceImportCancel, input);
      const controller = runningImports.get(importId);
      if (controller) controller.abort();
      else {
        cancelledBeforeStart.add(importId);
        if (cancelledBeforeStart.size > CANCELLED_BEFORE_START_KEPT)
          cancelledBeforeStart.delete(cancelledBeforeStart.values().next().value!);
      }
      return { cancelled: controller !== undefined };
    },
  },
  /** A long text is read for names in a worker thread (extract/suggest.ts), so that other calls are answered meanwhile. */
  'sources.suggestions': {
    input: s.sourceSuggestions,
    run: async (db: Db, input: unknown) => suggestionsForSource(db, parsed('sources.suggestions', s.sourceSuggestions, input).id),
  },
  /** The backups in the data folder's backups/, newest first. */
  'backups.list': {
    input: s.noInput,
    run: async (db: Db, input: unknown) => {
      parsed('backups.list', s.noInput, input);
      return listBackups(dataDirOf(db)).map(({ name, bytes, modified }) => ({ name, bytes, modified }));
    },
  },
  /** A checked backup now (`daily`: today's automatic one, unless it exists; old ones pruned). */
  'backups.create': {
    input: s.backupCreate,
    run: async (db: Db, input: unknown) => {
      const { daily } = parsed('backups.create', s.backupCreate, input);
      if (db.readonly) {
        if (daily) return null; // a store that cannot change needs no new daily copy
        throw new ApiError('read_only', 'The store is open read-only: its folder cannot hold a new backup.');
      }
      const made = daily ? dailyBackup(db, dataDirOf(db)) : manualBackup(db, dataDirOf(db));
      return made ? { name: path.basename(made.file), bytes: made.bytes } : null;
    },
  },
  /**
   * Replaces the store with a listed backup, keeping the current store as a
   * backup first. Only a running app can do this (it closes and reopens the
   * store its transports serve); in-process callers use `fieldbook restore`.
   */
  'backups.restore': {
    input: s.backupRestore,
    run: async (_db: Db, input: unknown, host?: StoreHost) => {
      const { name } = parsed('backups.restore', s.backupRestore, input);
      if (!host?.restore) {
        throw new ApiError(
          'invalid_input',
          'Restoring needs the running app, which reopens the store; with the app closed, run: fieldbook restore FILE',
        );
      }
      return host.restore(name);
    },
  },
} as const;

type AsyncMethods = typeof asyncMethods;
export type AsyncMethodName = keyof AsyncMethods;

/** What each implementation takes and returns, to hold against the contract (db/shared/contract.ts). */
type Implemented = {
  [M in SyncMethodName]: { input: z.input<Methods[M]['input']>; result: ReturnType<Methods[M]['run']> };
} & {
  [M in AsyncMethodName]: { input: z.input<AsyncMethods[M]['input']>; result: Awaited<ReturnType<AsyncMethods[M]['run']>> };
};
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Broken = {
  [M in keyof Implemented & MethodName]: Same<Implemented[M]['input'], MethodInput<M>> extends true
    ? [Implemented[M]['result']] extends [MethodResult<M>]
      ? never
      : M
    : M;
}[keyof Implemented & MethodName];
type Unlisted = Exclude<keyof Implemented, MethodName> | Exclude<MethodName, keyof Implemented>;
// A compile error here names the methods whose input or result differs from the contract, or that only one side has.
export const contractHolds: [Broken, Unlisted] extends [never, never] ? true : { broken: Broken; unlisted: Unlisted } = true;

export function isAsyncMethodName(name: string): name is AsyncMethodName {
  return Object.hasOwn(asyncMethods, name);
}

/** Any method of the contract, synchronous or not: what every transport calls (`host`: the running app's store). */
export async function callAnyMethod(db: Db, method: string, input: unknown, host?: StoreHost): Promise<unknown> {
  if (isAsyncMethodName(method)) return asyncMethods[method].run(db, input, host);
  return callMethod(db, method, input);
}

/** A call on the store a transport serves: whichever store is open at the moment of the call. */
export function callHostMethod(host: StoreHost, method: string, input: unknown): Promise<unknown> {
  return callAnyMethod(host.db, method, input, host);
}

/** What a transport forwards calls to: a store in this thread, or the store service in another (server/store-client.ts). */
export interface ApiCaller {
  call(method: string, input: unknown): Promise<unknown>;
}

/** Calls on a store open in this thread. */
export function callerFor(host: StoreHost): ApiCaller {
  return { call: (method, input) => callHostMethod(host, method, input) };
}

/** In-process transport, for the CLI and tests. */
export function localApi(db: Db): FieldbookApi {
  return {
    call: async (method, input) => (await callAnyMethod(db, method, input)) as never,
  };
}
