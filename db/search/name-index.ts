// In-memory index of entity names and aliases (actors, places, events), kept
// current by marking entities dirty on every write and re-reading them from
// the store before the next query. Its parts, one job each:
// - name-tables.ts: the tables (records, keys as runs of word ids, labels,
//   words), compact typed arrays; name-lookups-build.ts builds the lookups
//   over them (postings, sorted words, skeletons, the deletion index of
//   near-words.ts, exact names), name-lookups.ts reads them;
// - name-matching.ts: a query matched against them, on one score scale;
// - name-index-snapshot.ts and name-index-sections.ts: the index saved in the
//   store, so that opening a large store finds it whole;
// - here: reading the records in slices, keeping up with writes, saving.
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';
import type { EntityKind } from '../shared/vocabulary.ts';
import { currentGeneration, loadSnapshot, saveSnapshot, snapshotIsCurrent } from './name-index-snapshot.ts';
import { tablesFromSections, tablesToSections } from './name-index-sections.ts';
import { buildLookups } from './name-lookups-build.ts';
import { keysHolding, labels, spellingsNear } from './name-lookups.ts';
import { search } from './name-matching.ts';
import { IN_TEXTS, KINDS, NameTables, type EntityMatch, type EntityRow, type Label } from './name-tables.ts';

export type { EntityMatch, IndexedEntity, KeyType, Label } from './name-tables.ts';
export { CORRECTED_NAME_BOTTOM, CORRECTED_TOP } from './name-matching.ts';

/** Names read into the index per slice of a build (well under 0.1 s of work). */
const SLICE_ROWS = 2000;
/** Words of the search vocabulary read per slice, once every name is read. */
const VOCABULARY_SLICE = 20000;
/** A store with at most this many records is indexed whole by its first search (about 0.2 s at most). */
const SMALL_STORE = 5000;
/**
 * ... and at most this many words in its search vocabulary (the seeded store
 * has about 2,000): a few records beside one long text (a 50 MB import brings
 * 100,000 words and more) are indexed in slices too; whole, they took seconds
 * at each search while another connection (an import's worker) wrote.
 */
const SMALL_VOCABULARY = 5000;
const BUILD_ORDER: readonly EntityKind[] = ['actor', 'place', 'event'];

const ENTITY_SQL: Record<EntityKind, string> = {
  actor: `SELECT id, name, (SELECT json_group_array(name) FROM actor_aliases WHERE actor_id = actors.id) AS aliases
          FROM actors WHERE deleted_at IS NULL`,
  place: `SELECT id, name, (SELECT json_group_array(name) FROM place_aliases WHERE place_id = places.id) AS aliases
          FROM places WHERE deleted_at IS NULL`,
  event: `SELECT id, title AS name, '[]' AS aliases FROM events WHERE deleted_at IS NULL`,
};

/** Reads entity `ref` ('kind:id') into `t` again: as it is now, or not at all when it is gone or trashed. */
function readEntity(db: Db, t: NameTables, ref: string): void {
  const [kind, id] = ref.split(':') as [EntityKind, string];
  const row = db.prepare(`${ENTITY_SQL[kind]} AND id = ?`).get(Number(id)) as EntityRow | undefined;
  t.remove(kind, Number(id));
  if (row) t.add(KINDS.indexOf(kind), row);
}

export class EntityIndex {
  private t = new NameTables();
  private dirty = new Set<string>();
  private dataVersion = -1;
  private changes = 0;
  /** The store's purge count when the index was read: a purge since makes it read everything again (it may hold purged names). */
  private purges = -1;
  /**
   * The store's generation (name_index_generation) the index holds: a move
   * with no write told of (markDirty, addTerms) is a write the index missed
   * (then it reads everything again), and a saved index claims this generation.
   */
  private generation = -1;
  /** Whether a write was told of since the last sync. */
  private told = false;
  /** A save of the index into the store under way (name-index-snapshot.ts). */
  private saving: Generator<void, boolean> | undefined;

  private readonly db: Db;

  /**
   * Where a build in slices has got to (kind: an index into BUILD_ORDER, then
   * the search vocabulary, read after lastTerm, then the lookups' steps);
   * undefined when the index is complete. `tables` are those being built:
   * this.t itself, or, `beside` it, new ones that take its place once whole
   * while this.t answers meanwhile (after a purge of ours, see sync());
   * `redo`: the entities changed meanwhile, read again into them then.
   */
  private building:
    | {
        kind: number;
        lastId: number;
        lastTerm: string;
        total: number;
        small: boolean;
        finishing: Generator<void> | undefined;
        tables: NameTables;
        beside: boolean;
        redo: Set<string>;
      }
    | undefined;
  /** Words that came to the search vocabulary while a build was under way. */
  private pendingTerms = new Set<string>();

  constructor(db: Db) {
    this.db = db;
    if (!this.restore()) this.startBuild(false);
  }

  get size(): number {
    return this.t.live;
  }

  /** False while the index is still being built in slices (search.ts then answers from the store); true while one is built beside it. */
  get ready(): boolean {
    return this.building === undefined || this.building.beside;
  }

  /** Whether a build is under way, beside a ready index or not (search.prepare drives it). */
  get rebuilding(): boolean {
    return this.building !== undefined;
  }

  /** Changes whenever the indexed names change: structures derived from them rebuild when it moves (read after sync()). */
  get revision(): number {
    return this.changes;
  }

  /** Every name and alias as written, with its record (call complete() first). */
  labels(): Generator<Label> {
    return labels(this.t);
  }

  /**
   * How many names and aliases hold `word` (with `asPrefix`, a word starting
   * with it), counted up to `cap` (call sync() first).
   */
  keysHolding(word: string, asPrefix: boolean, cap: number): number {
    return keysHolding(this.t, word, asPrefix, cap);
  }

  /**
   * Every word of names and aliases or of the search vocabulary within
   * `bound` edits of `word` (Damerau-Levenshtein), as [word, edits] (call
   * sync() first; empty while the index is being built).
   */
  spellingsNear(word: string, bound: number): [string, number][] {
    return spellingsNear(this.t, word, bound);
  }

  /** Matches best first; none while the index is still being built (see ready). */
  search(query: string, options: { limit: number; kinds?: readonly EntityKind[] | undefined }): EntityMatch[] {
    this.sync();
    if (!this.ready) return [];
    return search(this.t, this.db, query, options);
  }

  /** Words of the search vocabulary written since the index was read (terms.ts): corrections may go to them. */
  addTerms(terms: Iterable<string>): void {
    this.told = true;
    if (this.building) for (const term of terms) this.pendingTerms.add(term);
    if (this.ready) for (const term of terms) this.t.wordId(term, IN_TEXTS);
  }

  /**
   * Words left the search vocabulary in a write of ours (a purge, the sweep
   * after one): the index keeps them until it is built again, which the
   * purge count asks for, but offers none, as corrections need a live text.
   */
  forgetTerms(): void {
    this.told = true;
  }

  markDirty(kind: EntityKind, id: number): void {
    this.told = true;
    this.dirty.add(`${kind}:${id}`);
  }

  /**
   * Brings the index up to date: dirty entities re-read, everything re-read
   * if another connection wrote (or a write the index was not told of, or a
   * purge). A small store is read whole at once; a large one is read in
   * slices by buildMore() (see prepare.ts), and until it is whole the index
   * is not ready and dirty entities wait.
   */
  sync(): void {
    const version = this.db.pragma('data_version', { simple: true }) as number;
    const now = currentGeneration(this.db);
    if (version !== this.dataVersion || (now.generation !== this.generation && !this.told)) this.startBuild(false);
    // A purge of ours: the index still answers right (it was told of every
    // write), but it holds the purged words, which a snapshot must not keep.
    else if (now.purges !== this.purges) this.startBuild(this.ready);
    else this.generation = now.generation;
    this.told = false;
    if (this.building?.small) while (this.building) this.buildSlice();
    if (!this.ready || this.dirty.size === 0) return;
    this.changes++;
    for (const ref of this.dirty) {
      readEntity(this.db, this.t, ref);
      this.building?.redo.add(ref);
    }
    this.dirty.clear();
    this.t.mergeNewWords();
  }

  /** Reads one more slice of a build under way (after catching up with other connections' writes). */
  buildMore(): void {
    this.sync();
    if (this.building) this.buildSlice();
    if (!this.building) this.sync();
  }

  /** Finishes any build under way and brings the index up to date (for callers that need every name now). */
  complete(): void {
    this.sync();
    while (this.building) this.buildMore();
  }

  /**
   * Saves the index into the store a step at a time, each step one short
   * transaction (call it between calls until it returns false). Nothing to do
   * while the index is being built, when the store holds a snapshot of its
   * current names already, or when it is read-only; a write meanwhile ends
   * the save, and a later one starts again.
   */
  saveStep(): boolean {
    if (!this.saving) {
      if (this.db.readonly) return false;
      // Read before sync(): if another connection writes after this, sync() sees it and starts a build.
      const generation = currentGeneration(this.db);
      this.sync();
      if (this.building || generation.purges !== this.purges || generation.generation !== this.generation || snapshotIsCurrent(this.db))
        return false;
      this.saving = saveSnapshot(this.db, tablesToSections(this.t), generation);
    }
    const step = this.saving.next();
    if (step.done) this.saving = undefined;
    return !step.done;
  }

  /**
   * Starts reading every name again, SLICE_ROWS rows at a time: into empty
   * tables that answer nothing until whole, or `beside` the current ones,
   * which answer until the new ones take their place.
   */
  private startBuild(beside: boolean): void {
    const tables = new NameTables();
    if (!beside) {
      this.changes++;
      this.t = tables;
      this.dirty.clear();
    }
    const { total, terms } = this.db
      .prepare(
        `SELECT (SELECT count(*) FROM actors WHERE deleted_at IS NULL) + (SELECT count(*) FROM places WHERE deleted_at IS NULL)
              + (SELECT count(*) FROM events WHERE deleted_at IS NULL) AS total,
                (SELECT count(*) FROM search_terms) AS terms`,
      )
      .get() as { total: number; terms: number };
    this.building = {
      kind: 0,
      lastId: 0,
      lastTerm: '',
      total,
      small: total <= SMALL_STORE && terms <= SMALL_VOCABULARY,
      finishing: undefined,
      tables,
      beside,
      redo: new Set(),
    };
    this.pendingTerms.clear();
    this.dataVersion = this.db.pragma('data_version', { simple: true }) as number;
    const { generation, purges } = currentGeneration(this.db);
    this.generation = generation;
    this.purges = purges;
    this.saving = undefined;
  }

  /**
   * Takes the index saved in the store, if it holds one of the names as they
   * are now (name-index-snapshot.ts); false (and nothing taken) otherwise.
   */
  private restore(): boolean {
    // Read before the snapshot: a write by another connection after it makes the next sync() build again.
    const dataVersion = this.db.pragma('data_version', { simple: true }) as number;
    let loaded: ReturnType<typeof loadSnapshot>;
    try {
      loaded = loadSnapshot(this.db);
      if (!loaded) return false;
      this.t = tablesFromSections(loaded.sections);
    } catch {
      return false;
    }
    this.dataVersion = dataVersion;
    this.purges = loaded.generation.purges;
    this.generation = loaded.generation.generation;
    this.building = undefined;
    this.changes++;
    return true;
  }

  /** Reads the next SLICE_ROWS names into the index. Slices are counted in rows, not time: the same calls give the same answers. */
  private buildSlice(): void {
    const building = this.building!;
    let budget = SLICE_ROWS;
    while (budget > 0 && building.kind < BUILD_ORDER.length) {
      const kind = BUILD_ORDER[building.kind]!;
      const rows = this.db.prepare(`${ENTITY_SQL[kind]} AND id > ? ORDER BY id LIMIT ?`).all(building.lastId, budget) as EntityRow[];
      const code = KINDS.indexOf(kind);
      for (const row of rows) building.tables.add(code, row);
      budget -= rows.length;
      if (rows.length > 0) building.lastId = rows.at(-1)!.id;
      if (budget > 0) {
        building.kind++;
        building.lastId = 0;
      }
    }
    if (building.kind < BUILD_ORDER.length) return;
    // Then the words of the search vocabulary, for the corrections of texts (spellingsNear).
    if (!building.finishing) {
      if (budget < SLICE_ROWS) return;
      const terms = cached(this.db, 'SELECT term FROM search_terms WHERE term > ? ORDER BY term LIMIT ?')
        .pluck()
        .all(building.lastTerm, VOCABULARY_SLICE) as string[];
      for (const term of terms) building.tables.wordId(term, IN_TEXTS);
      if (terms.length === VOCABULARY_SLICE) building.lastTerm = terms.at(-1)!;
      else building.finishing = buildLookups(building.tables);
      return;
    }
    // Then the lookups over everything read, a step per slice.
    if (!building.finishing.next().done) return;
    this.building = undefined;
    building.tables.built = true;
    if (building.beside) {
      this.changes++;
      this.t = building.tables;
      // Entities changed while it was built may have been read before they changed.
      for (const ref of building.redo) this.dirty.add(ref);
    }
    const pending = [...this.pendingTerms];
    this.pendingTerms.clear();
    this.addTerms(pending);
  }
}

const indexes = new WeakMap<Db, EntityIndex>();

export function entityIndexFor(db: Db): EntityIndex {
  let index = indexes.get(db);
  if (!index) {
    index = new EntityIndex(db);
    indexes.set(db, index);
  }
  return index;
}

/** Called with the words written to the search vocabulary (terms.ts). */
export function markTermsWritten(db: Db, terms: Iterable<string>): void {
  indexes.get(db)?.addTerms(terms);
}

/** The store's name index if a search has made one and it is whole and current, for corrections of texts. */
export function readyEntityIndex(db: Db): EntityIndex | undefined {
  const index = indexes.get(db);
  index?.sync();
  return index?.ready ? index : undefined;
}

/**
 * Saves the store's name index into it, if a search has made one, it is
 * whole, and the store holds no snapshot of its current names (at close).
 * Never throws: a save that fails (a full disk) leaves no snapshot to trust,
 * and the next opening builds the index from the records.
 */
export function saveEntityIndex(db: Db): void {
  const index = indexes.get(db);
  try {
    if (index) while (index.saveStep());
  } catch {
    // Nothing half-written is ever used: the header that names the parts is written last.
  }
}

/** Called when a write of ours took words out of the search vocabulary (terms.ts, vocabulary-sweep.ts). */
export function markTermsForgotten(db: Db): void {
  indexes.get(db)?.forgetTerms();
}

/** Called by the repositories on every change to an entity's names. */
export function markEntityDirty(db: Db, kind: EntityKind, id: number): void {
  indexes.get(db)?.markDirty(kind, id);
}
