// The API contract as every client sees it (the renderer, the preload, the
// CLI, tests): each method's input, as its zod schema accepts it, and its
// result. Types only, and pure: no Node, no store. db/api.ts implements it,
// and the compiler checks there that each implementation takes exactly this
// input and returns what this says.
import type { z } from 'zod';
import type { AcledSummary, CaseFileJson, CasePreview, ImportRecord, StixBundle, StixSummary, VaultFile } from './exchange-results.ts';
import type * as x from './exchange-schemas.ts';
import type * as v from './map-chart-schemas.ts';
import type { ChartGraph } from './chart-graph.ts';
import type { DuplicatesResult, SimilarRecord } from './duplicates.ts';
import type { GazetteerCity, MapData } from './map-data.ts';
import type {
  Actor,
  ActorDetail,
  Alias,
  Annotation,
  EventDetail,
  EventRecord,
  Evidence,
  FoundDate,
  ImportedSource,
  MergeHistoryEntry,
  MergeRecord,
  NamesWithEvidence,
  Note,
  NoteSummary,
  Place,
  PlaceDetail,
  QuoteResult,
  RecordFromPassage,
  Relation,
  RelationDetail,
  RestoreResult,
  Settings,
  Source,
  SourceDetail,
  SourceTextUpdate,
  Stats,
  TrashEntry,
} from './records.ts';
import type * as s from './schemas.ts';
import type { IndexingState, SearchReadiness, SearchResult } from './search-results.ts';
import type { Suggestions } from './suggestion-types.ts';
import type { CaseCounts } from './exchange-results.ts';

type In<S extends z.ZodType> = z.input<S>;

export interface Contract {
  'stats.get': { input: In<typeof s.noInput>; result: Stats };
  /** How the store is open: read-only when its file, folder or disk cannot be written. */
  'store.status': { input: In<typeof s.noInput>; result: { readOnly: boolean } };
  search: { input: In<typeof s.searchInput>; result: SearchResult[] };
  /** Builds more of the in-memory name index (searches answer from the store until it is ready); writes nothing. */
  'search.prepare': { input: In<typeof s.searchPrepare>; result: SearchReadiness };
  /** How far the name index is built; builds nothing. */
  'search.readiness': { input: In<typeof s.noInput>; result: SearchReadiness };
  /**
   * The next step of tidying the search indexes (a short transaction): merging
   * full-text segments, then saving the name index; `more`: whether another is to come.
   */
  'search.tidyIndexes': { input: In<typeof s.noInput>; result: { more: boolean } };
  /**
   * Indexes the next chunk of a long source text for search (a short
   * transaction); `pending` counts the sources still waiting.
   */
  'search.indexSources': { input: In<typeof s.noInput>; result: IndexingState };
  /** Dates a text states, as EDTF resolved against a source's publication date; writes nothing. */
  'dates.find': { input: In<typeof s.datesFind>; result: FoundDate[] };
  'notes.list': { input: In<typeof s.noteList>; result: NoteSummary[] };
  'notes.get': { input: In<typeof s.idInput>; result: Note };
  'notes.create': { input: In<typeof s.noteCreate>; result: Note };
  'notes.update': { input: In<typeof s.noteUpdate>; result: Note };
  'notes.delete': { input: In<typeof s.idInput>; result: { id: number } };
  'tags.list': { input: In<typeof s.noInput>; result: { tag: string; count: number }[] };
  'settings.get': { input: In<typeof s.noInput>; result: Settings };
  'settings.update': { input: In<typeof s.settingsUpdate>; result: Settings };
  /** A passage appended to a note's document (or a new note), its highlight made first for a fresh selection. */
  'notes.quote': { input: In<typeof s.noteQuote>; result: QuoteResult };
  /** A new actor, place or event with the passage it comes from as evidence (also: accepting a suggested name). */
  'records.createFromPassage': { input: In<typeof s.recordFromPassage>; result: RecordFromPassage };
  /** Existing records a new one may duplicate: same name or alias folded, a typo apart, another script, or (events) the same passage. */
  'records.similar': { input: In<typeof s.recordsSimilar>; result: SimilarRecord[] };
  /** Likely duplicate pairs across the store, strongest first. */
  'records.duplicates': { input: In<typeof s.recordsDuplicates>; result: DuplicatesResult };
  'actors.list': { input: In<typeof s.actorList>; result: Actor[] };
  'actors.get': { input: In<typeof s.idInput>; result: ActorDetail };
  'actors.create': { input: In<typeof s.actorCreate>; result: Actor };
  'actors.update': { input: In<typeof s.actorUpdate>; result: Actor };
  'actors.delete': { input: In<typeof s.idInput>; result: { id: number } };
  'actors.merge': { input: In<typeof s.mergeInput>; result: { merge: MergeRecord } };
  'places.list': { input: In<typeof s.placeList>; result: Place[] };
  'places.get': { input: In<typeof s.idInput>; result: PlaceDetail };
  'places.create': { input: In<typeof s.placeCreate>; result: Place };
  'places.update': { input: In<typeof s.placeUpdate>; result: Place };
  'places.delete': { input: In<typeof s.idInput>; result: { id: number } };
  'places.merge': { input: In<typeof s.mergeInput>; result: { merge: MergeRecord } };
  /** Towns of the offline gazetteer (GeoNames, population over 1,000) named like a new place: exact names first, then prefixes. */
  'places.suggestCoordinates': { input: In<typeof v.suggestCoordinatesInput>; result: GazetteerCity[] };
  'events.list': { input: In<typeof s.eventList>; result: EventRecord[] };
  'events.get': { input: In<typeof s.idInput>; result: EventDetail };
  'events.create': { input: In<typeof s.eventCreate>; result: EventRecord };
  'events.update': { input: In<typeof s.eventUpdate>; result: EventRecord };
  'events.delete': { input: In<typeof s.idInput>; result: { id: number } };
  'events.merge': { input: In<typeof s.mergeInput>; result: { merge: MergeRecord } };
  'relations.list': { input: In<typeof s.relationList>; result: Relation[] };
  'relations.get': { input: In<typeof s.idInput>; result: RelationDetail };
  'relations.create': { input: In<typeof s.relationCreate>; result: Relation };
  'relations.update': { input: In<typeof s.relationUpdate>; result: Relation };
  'relations.delete': { input: In<typeof s.idInput>; result: { id: number } };
  /** Puts back a removed relation with its evidence (Undo), until the trash is emptied. */
  'relations.restore': { input: In<typeof s.idInput>; result: RelationDetail };
  /** The map: every place, and the events matching actor, place and type. */
  'map.data': { input: In<typeof v.mapDataInput>; result: MapData };
  /** Cities of more than a million people, for the basemap. */
  'map.cities': { input: In<typeof s.noInput>; result: GazetteerCity[] };
  /** The link chart around a record (or all of it), with saved positions. */
  'chart.graph': { input: In<typeof v.chartGraphInput>; result: ChartGraph };
  /** Saves where nodes of the chart were left, and which are pinned. */
  'chart.arrange': { input: In<typeof v.chartArrangeInput>; result: { saved: number } };
  'sources.list': { input: In<typeof s.sourceList>; result: Source[] };
  'sources.get': { input: In<typeof s.idInput>; result: SourceDetail };
  'sources.create': { input: In<typeof s.sourceCreate>; result: Source };
  'sources.update': { input: In<typeof s.sourceUpdate>; result: Source };
  /** A corrected text: re-indexed, with every highlight and evidence passage re-anchored in it (or marked orphaned). */
  'sources.updateText': { input: In<typeof s.sourceUpdateText>; result: SourceTextUpdate };
  'sources.delete': { input: In<typeof s.idInput>; result: { id: number } };
  /** Known names and candidate names in a source's text; writes nothing. */
  'sources.suggestions': { input: In<typeof s.sourceSuggestions>; result: Suggestions };
  'annotations.list': { input: In<typeof s.annotationList>; result: Annotation[] };
  'annotations.get': { input: In<typeof s.idInput>; result: Annotation };
  'annotations.create': { input: In<typeof s.annotationCreate>; result: Annotation };
  'annotations.update': { input: In<typeof s.annotationUpdate>; result: Annotation };
  'annotations.delete': { input: In<typeof s.idInput>; result: { id: number } };
  'evidence.list': { input: In<typeof s.evidenceList>; result: Evidence[] };
  'evidence.get': { input: In<typeof s.idInput>; result: Evidence };
  'evidence.create': { input: In<typeof s.evidenceCreate>; result: Evidence };
  'evidence.update': { input: In<typeof s.evidenceUpdate>; result: Evidence };
  'evidence.delete': { input: In<typeof s.idInput>; result: { id: number } };
  'aliases.add': { input: In<typeof s.aliasAdd>; result: Alias };
  /** Names as aliases of a record (those it has skipped) and the passage naming it as evidence: merging a suggested name. */
  'aliases.addWithEvidence': { input: In<typeof s.aliasAddWithEvidence>; result: NamesWithEvidence };
  /** Takes back what aliases.addWithEvidence added, all or nothing. */
  'aliases.removeWithEvidence': { input: In<typeof s.aliasRemoveWithEvidence>; result: { removed: number } };
  'aliases.remove': { input: In<typeof s.aliasRemove>; result: { id: number } };
  'trash.list': { input: In<typeof s.noInput>; result: TrashEntry[] };
  /** A record a merge put in the trash comes back by undoing that merge. */
  'trash.restore': { input: In<typeof s.trashItem>; result: { id: number; merge: MergeRecord | null } };
  'trash.purge': { input: In<typeof s.trashItem>; result: { id: number } };
  'trash.empty': { input: In<typeof s.noInput>; result: { purged: number } };
  /** Every merge, newest first, with whether it can be undone now (and if not, why). */
  'merges.list': { input: In<typeof s.mergeList>; result: MergeHistoryEntry[] };
  'merges.undo': { input: In<typeof s.mergeUndo>; result: { merge: MergeRecord; notesKept: { id: number; title: string }[] } };
  /** The whole store as one versioned JSON case file (db/exchange/case-file.ts); only with the scope 'everything'. */
  'exchange.case.export': { input: In<typeof x.exportInput>; result: CaseFileJson };
  /** What restoring a case file would write, and whether this store can take it; writes nothing. */
  'exchange.case.preview': { input: In<typeof x.exchangeFile>; result: CasePreview };
  /** Restores a case file into this empty store, in one transaction. */
  'exchange.case.import': { input: In<typeof x.exchangeFile>; result: { created: CaseCounts } & { importId: number | null } };
  /** The live events of the scope as an ACLED-style CSV (db/exchange/acled.ts, scope.ts). */
  'exchange.acled.export': { input: In<typeof x.exportInput>; result: { fileName: string; content: string; events: number } };
  /** What importing an ACLED-style CSV would create, match and skip; writes nothing. */
  'exchange.acled.preview': { input: In<typeof x.exchangeFile>; result: AcledSummary };
  /** Events from an ACLED-style CSV, with their actors and places matched or created, in one transaction. */
  'exchange.acled.import': { input: In<typeof x.exchangeFile>; result: AcledSummary & { importId: number | null } };
  /** The live records of the scope as a STIX 2.1 bundle (db/exchange/stix.ts, scope.ts). */
  'exchange.stix.export': { input: In<typeof x.exportInput>; result: StixBundle };
  /** The records of the scope as a Markdown vault: files (paths and texts) for a folder or a zip (db/exchange/markdown-vault.ts). */
  'exchange.markdown.export': { input: In<typeof x.exportInput>; result: { files: VaultFile[] } };
  /** What importing a STIX 2.1 bundle would create, match, merge and skip (with why); writes nothing. */
  'exchange.stix.preview': { input: In<typeof x.exchangeFile>; result: StixSummary };
  /** Actors, places, relations, sources and notes from a STIX 2.1 bundle, matched or created, in one transaction. */
  'exchange.stix.import': { input: In<typeof x.exchangeFile>; result: StixSummary & { importId: number | null } };
  /** Takes back exactly what one exchange import added (its importId), or refuses with the reason when any of it was edited or built on since. */
  'exchange.undoImport': { input: In<typeof s.idInput>; result: ImportRecord };
  /** With an `importId`, `sources.cancelImport` can stop it until the file has been read. */
  'sources.import': { input: In<typeof s.sourceImport>; result: ImportedSource };
  /** Stops the running import named `importId` before it writes anything; `cancelled` is false when there was none. */
  'sources.cancelImport': { input: In<typeof s.sourceImportCancel>; result: { cancelled: boolean } };
  /** The backups in the data folder's backups/, newest first. */
  'backups.list': { input: In<typeof s.noInput>; result: { name: string; bytes: number; modified: string }[] };
  /** A checked backup now (`daily`: today's automatic one, unless it exists; old ones pruned). */
  'backups.create': { input: In<typeof s.backupCreate>; result: { name: string; bytes: number } | null };
  /**
   * Replaces the store with a listed backup, keeping the current store as a
   * backup first. Only a running app can do this (it closes and reopens the
   * store its transports serve); in-process callers use `fieldbook restore`.
   */
  'backups.restore': { input: In<typeof s.backupRestore>; result: RestoreResult };
}

export type MethodName = keyof Contract;
export type MethodInput<M extends MethodName> = Contract[M]['input'];
export type MethodResult<M extends MethodName> = Contract[M]['result'];

/** The API as a client sees it: every method, asynchronous, whatever the transport. */
export interface FieldbookApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodResult<M>>;
}
