// Numbered, append-only schema migrations. Migration N brings a store from
// `PRAGMA user_version = N - 1` to N. Never edit a migration that has shipped:
// add the next one. Vocabularies are written out literally so that a later
// change to db/shared/vocabulary.ts cannot silently change what an old step did.

import { rebuildIndexes } from '../search/indexer.ts';
import { backfillTerms } from '../search/terms.ts';
import type { Db } from './db.ts';
import { fillUuids, uuidSchemaSql } from './uuid-fill.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
  /** Data step run after the SQL, in the same transaction. */
  fill?: (db: Db) => void;
}

const timestamps = `
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL`;

const aliasKinds = `'alias', 'acronym', 'other spelling', 'previous name', 'transliteration'`;

const exactlyOne = (...columns: string[]) => `CHECK (${columns.map((c) => `(${c} IS NOT NULL)`).join(' + ')} = 1)`;

const v1 = `
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);

-- Which seed records were ever applied, so that a re-seed never re-creates
-- one the analyst has since deleted.
CREATE TABLE seed_log (
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  applied_at TEXT NOT NULL,
  PRIMARY KEY (kind, key)
);

CREATE TABLE sources (
  id INTEGER PRIMARY KEY,
  seed_key TEXT UNIQUE,
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 500),
  author TEXT,
  publisher TEXT,
  published TEXT,
  published_min TEXT,
  published_max TEXT,
  language TEXT,
  url TEXT,
  reliability TEXT NOT NULL DEFAULT 'F' CHECK (reliability IN ('A', 'B', 'C', 'D', 'E', 'F')),
  note TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),${timestamps},
  deleted_at TEXT
);

CREATE TABLE actors (
  id INTEGER PRIMARY KEY,
  seed_key TEXT UNIQUE,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 300),
  kind TEXT NOT NULL CHECK (kind IN ('state', 'armed forces', 'armed group', 'organization', 'person', 'coalition', 'community')),
  description TEXT NOT NULL DEFAULT '',
  country TEXT CHECK (country IS NULL OR (length(country) = 2 AND country GLOB '[A-Z][A-Z]')),${timestamps},
  deleted_at TEXT
);

CREATE TABLE actor_aliases (
  id INTEGER PRIMARY KEY,
  actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 300),
  kind TEXT NOT NULL DEFAULT 'alias' CHECK (kind IN (${aliasKinds})),
  UNIQUE (actor_id, name)
);

CREATE TABLE places (
  id INTEGER PRIMARY KEY,
  seed_key TEXT UNIQUE,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 300),
  kind TEXT NOT NULL CHECK (kind IN ('city', 'town', 'site', 'border', 'region', 'country', 'sea')),
  description TEXT NOT NULL DEFAULT '',
  country TEXT CHECK (country IS NULL OR (length(country) = 2 AND country GLOB '[A-Z][A-Z]')),
  lat REAL CHECK (lat IS NULL OR lat BETWEEN -90 AND 90),
  lon REAL CHECK (lon IS NULL OR lon BETWEEN -180 AND 180),
  precision INTEGER CHECK (precision IS NULL OR precision IN (1, 2, 3)),${timestamps},
  deleted_at TEXT,
  CHECK ((lat IS NULL) = (lon IS NULL))
);

CREATE TABLE place_aliases (
  id INTEGER PRIMARY KEY,
  place_id INTEGER NOT NULL REFERENCES places(id) ON DELETE CASCADE,
  name TEXT NOT NULL CHECK (length(trim(name)) BETWEEN 1 AND 300),
  kind TEXT NOT NULL DEFAULT 'alias' CHECK (kind IN (${aliasKinds})),
  UNIQUE (place_id, name)
);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  seed_key TEXT UNIQUE,
  title TEXT NOT NULL CHECK (length(trim(title)) BETWEEN 1 AND 500),
  date TEXT,
  date_min TEXT,
  date_max TEXT,
  type TEXT NOT NULL CHECK (type IN ('Battles', 'Explosions/Remote violence', 'Violence against civilians', 'Protests', 'Riots', 'Strategic developments')),
  sub_type TEXT,
  place_id INTEGER REFERENCES places(id) ON DELETE SET NULL,
  fatalities INTEGER CHECK (fatalities IS NULL OR fatalities >= 0),
  summary TEXT NOT NULL DEFAULT '',${timestamps},
  deleted_at TEXT
);
CREATE INDEX events_by_date ON events(date_min, date_max);
CREATE INDEX events_by_place ON events(place_id);

CREATE TABLE event_participants (
  event_id INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  role TEXT NOT NULL CHECK (role IN ('actor1', 'assoc_actor1', 'actor2', 'assoc_actor2', 'mediator')),
  PRIMARY KEY (event_id, actor_id, role)
);
CREATE INDEX event_participants_by_actor ON event_participants(actor_id);

CREATE TABLE relations (
  id INTEGER PRIMARY KEY,
  seed_key TEXT UNIQUE,
  source_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  target_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('allied with', 'part of', 'rebranded as', 'fights', 'supports', 'commands')),
  start TEXT,
  start_min TEXT,
  end TEXT,
  end_max TEXT,
  description TEXT NOT NULL DEFAULT '',${timestamps},
  CHECK (source_id <> target_id)
);
CREATE INDEX relations_by_source ON relations(source_id);
CREATE INDEX relations_by_target ON relations(target_id);

CREATE TABLE evidence (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  actor_id INTEGER REFERENCES actors(id) ON DELETE CASCADE,
  place_id INTEGER REFERENCES places(id) ON DELETE CASCADE,
  event_id INTEGER REFERENCES events(id) ON DELETE CASCADE,
  relation_id INTEGER REFERENCES relations(id) ON DELETE CASCADE,
  field TEXT,
  quote TEXT NOT NULL CHECK (length(quote) >= 1),
  prefix TEXT NOT NULL DEFAULT '',
  suffix TEXT NOT NULL DEFAULT '',
  start INTEGER NOT NULL CHECK (start >= 0),
  end INTEGER NOT NULL,
  credibility INTEGER NOT NULL CHECK (credibility BETWEEN 1 AND 6),
  comment TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  ${exactlyOne('actor_id', 'place_id', 'event_id', 'relation_id')},
  CHECK (end > start)
);
CREATE INDEX evidence_by_source ON evidence(source_id);
CREATE INDEX evidence_by_actor ON evidence(actor_id) WHERE actor_id IS NOT NULL;
CREATE INDEX evidence_by_place ON evidence(place_id) WHERE place_id IS NOT NULL;
CREATE INDEX evidence_by_event ON evidence(event_id) WHERE event_id IS NOT NULL;
CREATE INDEX evidence_by_relation ON evidence(relation_id) WHERE relation_id IS NOT NULL;

-- Highlights: W3C Web Annotation TextQuoteSelector (quote, prefix, suffix)
-- plus TextPositionSelector (start, end), offsets in UTF-16 code units.
CREATE TABLE annotations (
  id INTEGER PRIMARY KEY,
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  quote TEXT NOT NULL CHECK (length(quote) >= 1),
  prefix TEXT NOT NULL DEFAULT '',
  suffix TEXT NOT NULL DEFAULT '',
  start INTEGER NOT NULL CHECK (start >= 0),
  end INTEGER NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  color TEXT NOT NULL DEFAULT 'yellow' CHECK (color IN ('yellow', 'green', 'blue', 'pink', 'purple')),${timestamps},
  CHECK (end > start)
);
CREATE INDEX annotations_by_source ON annotations(source_id, start);

CREATE TABLE annotation_links (
  annotation_id INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
  actor_id INTEGER REFERENCES actors(id) ON DELETE CASCADE,
  place_id INTEGER REFERENCES places(id) ON DELETE CASCADE,
  event_id INTEGER REFERENCES events(id) ON DELETE CASCADE,
  ${exactlyOne('actor_id', 'place_id', 'event_id')}
);
CREATE UNIQUE INDEX annotation_links_unique ON annotation_links(annotation_id, ifnull(actor_id, 0), ifnull(place_id, 0), ifnull(event_id, 0));
CREATE INDEX annotation_links_by_actor ON annotation_links(actor_id) WHERE actor_id IS NOT NULL;
CREATE INDEX annotation_links_by_place ON annotation_links(place_id) WHERE place_id IS NOT NULL;
CREATE INDEX annotation_links_by_event ON annotation_links(event_id) WHERE event_id IS NOT NULL;

-- body is the tiptap (ProseMirror) document as JSON; text is derived from it.
CREATE TABLE notes (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL DEFAULT '' CHECK (length(title) <= 500),
  body TEXT NOT NULL CHECK (json_valid(body)),
  text TEXT NOT NULL DEFAULT '',${timestamps},
  deleted_at TEXT
);
CREATE INDEX notes_by_updated ON notes(updated_at);

-- Derived on every save from the note's mention nodes: never edited directly.
CREATE TABLE note_links (
  note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  actor_id INTEGER REFERENCES actors(id) ON DELETE CASCADE,
  place_id INTEGER REFERENCES places(id) ON DELETE CASCADE,
  event_id INTEGER REFERENCES events(id) ON DELETE CASCADE,
  source_id INTEGER REFERENCES sources(id) ON DELETE CASCADE,
  annotation_id INTEGER REFERENCES annotations(id) ON DELETE CASCADE,
  target_note_id INTEGER REFERENCES notes(id) ON DELETE CASCADE,
  context TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (note_id, position),
  ${exactlyOne('actor_id', 'place_id', 'event_id', 'source_id', 'annotation_id', 'target_note_id')}
);
CREATE INDEX note_links_by_actor ON note_links(actor_id) WHERE actor_id IS NOT NULL;
CREATE INDEX note_links_by_place ON note_links(place_id) WHERE place_id IS NOT NULL;
CREATE INDEX note_links_by_event ON note_links(event_id) WHERE event_id IS NOT NULL;
CREATE INDEX note_links_by_source ON note_links(source_id) WHERE source_id IS NOT NULL;
CREATE INDEX note_links_by_annotation ON note_links(annotation_id) WHERE annotation_id IS NOT NULL;
CREATE INDEX note_links_by_note ON note_links(target_note_id) WHERE target_note_id IS NOT NULL;

CREATE TABLE note_tags (
  note_id INTEGER NOT NULL REFERENCES notes(id) ON DELETE CASCADE,
  tag TEXT NOT NULL CHECK (length(tag) BETWEEN 1 AND 100),
  PRIMARY KEY (note_id, tag)
);
CREATE INDEX note_tags_by_tag ON note_tags(tag);

-- Full-text indexes hold text folded by db/shared/folding.ts (case, accents, Arabic
-- letter variants), written by the repositories in the same transaction as
-- the row they index. Contentless: the rows themselves are the content.
CREATE VIRTUAL TABLE notes_fts USING fts5(title, text, content='', contentless_delete=1, tokenize='unicode61');
CREATE VIRTUAL TABLE sources_fts USING fts5(title, text, content='', contentless_delete=1, tokenize='unicode61');
CREATE VIRTUAL TABLE annotations_fts USING fts5(quote, comment, content='', contentless_delete=1, tokenize='unicode61');
-- rowid = id * 4 + kind code (1 actor, 2 place, 3 event).
CREATE VIRTUAL TABLE entities_fts USING fts5(name, aliases, content='', contentless_delete=1, tokenize='unicode61');
`;

// Typo tolerance for full-text search: every distinct word (folded) of notes,
// sources and annotations, with a trigram index over the words, so that a
// misspelt query word finds its likely spellings without scanning the texts.
const v2 = `
CREATE TABLE search_terms (
  term TEXT PRIMARY KEY
) WITHOUT ROWID;
CREATE VIRTUAL TABLE search_terms_trigram USING fts5(term, tokenize='trigram');
`;

// Merges of duplicate actors and places, with everything needed to undo each
// exactly (db/merge). No foreign keys: the log outlives a purged record, and
// undo then refuses with a clear message.
const v3 = `
CREATE TABLE merges (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('actor', 'place')),
  survivor_id INTEGER NOT NULL,
  survivor_name TEXT NOT NULL,
  merged_id INTEGER NOT NULL,
  merged_name TEXT NOT NULL,
  changes TEXT NOT NULL CHECK (json_valid(changes)),
  created_at TEXT NOT NULL,
  undone_at TEXT,
  CHECK (survivor_id <> merged_id)
);
CREATE INDEX merges_by_survivor ON merges(kind, survivor_id);
CREATE INDEX merges_by_merged ON merges(kind, merged_id);
`;

// A source's text can be corrected (sources.updateText): highlights and evidence
// are re-anchored in the new text, and a passage no longer found keeps its row
// and its old selector, marked with when it was lost (NULL = anchored).
const v4 = `
ALTER TABLE annotations ADD COLUMN orphaned_at TEXT;
ALTER TABLE evidence ADD COLUMN orphaned_at TEXT;
`;

// Search an analyst can trust: records are found by what they are about
// (an event by its summary, type, place, participants and date in words; an
// actor or place by its aliases and description) in records_fts, which
// replaces the name-only entities_fts; and each full-text index gets an
// fts5vocab view, so corrections go only to words some live text holds,
// the most frequent first.
const v5 = `
DROP TABLE entities_fts;
CREATE VIRTUAL TABLE records_fts USING fts5(name, about, content='', contentless_delete=1, tokenize='unicode61');
CREATE VIRTUAL TABLE notes_fts_terms USING fts5vocab(notes_fts, 'row');
CREATE VIRTUAL TABLE sources_fts_terms USING fts5vocab(sources_fts, 'row');
CREATE VIRTUAL TABLE annotations_fts_terms USING fts5vocab(annotations_fts, 'row');
CREATE VIRTUAL TABLE records_fts_terms USING fts5vocab(records_fts, 'row');
`;

// foldText now folds the Latin letters NFKD leaves whole (ı, ł, ø, đ…): every
// full-text index and the search vocabulary are folded again.
const v6 = `
INSERT INTO notes_fts (notes_fts) VALUES ('delete-all');
INSERT INTO sources_fts (sources_fts) VALUES ('delete-all');
INSERT INTO annotations_fts (annotations_fts) VALUES ('delete-all');
INSERT INTO records_fts (records_fts) VALUES ('delete-all');
DELETE FROM search_terms;
DELETE FROM search_terms_trigram;
`;

// Sources are left to migration 10, which indexes them in chunks (its tables do not exist yet here).
function refoldIndexes(db: Db): void {
  rebuildIndexes(db, ['note', 'annotation', 'actor', 'place', 'event']);
  backfillTerms(db);
}

// Identity for life: every record carries a UUID (exports and imports match on
// it). New rows get a random one from a trigger unless they bring their own
// (a seed record, a restored case file); existing rows are filled here. The
// SQL is written out by uuidSchemaSql, frozen with this migration.
const v7 = uuidSchemaSql();

// Exchange imports (case file, ACLED CSV, STIX bundle), each with the rows it
// added and a digest of each, so that one can be undone as a whole
// (db/exchange/import-log.ts). No foreign keys: the log outlives its rows.
const v8 = `
CREATE TABLE exchange_imports (
  id INTEGER PRIMARY KEY,
  format TEXT NOT NULL CHECK (format IN ('case', 'acled', 'stix')),
  file_name TEXT,
  created TEXT NOT NULL CHECK (json_valid(created)),
  created_at TEXT NOT NULL,
  undone_at TEXT
);
`;

// Events can be merged (a duplicate event from two sources): the merge log's
// kind widens. SQLite cannot alter a CHECK, so the table is rebuilt as it was.
const v9 = `
CREATE TABLE merges_v9 (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('actor', 'place', 'event')),
  survivor_id INTEGER NOT NULL,
  survivor_name TEXT NOT NULL,
  merged_id INTEGER NOT NULL,
  merged_name TEXT NOT NULL,
  changes TEXT NOT NULL CHECK (json_valid(changes)),
  created_at TEXT NOT NULL,
  undone_at TEXT,
  CHECK (survivor_id <> merged_id)
);
INSERT INTO merges_v9 (id, kind, survivor_id, survivor_name, merged_id, merged_name, changes, created_at, undone_at)
  SELECT id, kind, survivor_id, survivor_name, merged_id, merged_name, changes, created_at, undone_at FROM merges;
DROP TABLE merges;
ALTER TABLE merges_v9 RENAME TO merges;
CREATE INDEX merges_by_survivor ON merges(kind, survivor_id);
CREATE INDEX merges_by_merged ON merges(kind, merged_id);
`;

// A source's text is indexed in chunks (db/search/source-index.ts): several
// sources_fts rows per source (rowid = source id * 2^20 + chunk number), each
// chunk's place in the text in source_chunks (in characters, as substr()
// counts them), so a long text can be indexed a chunk per short transaction
// after the one that stores it; source_indexing says where that stands. A
// text's length is kept beside it (chars, as length() counts): length() reads
// a whole text (a fifth of a second for 45 MB) each time a source is shown.
// Rows written before keep NULL there, and their length is counted.
const v10 = `
ALTER TABLE sources ADD COLUMN chars INTEGER CHECK (chars IS NULL OR chars >= 0);
INSERT INTO sources_fts (sources_fts) VALUES ('delete-all');
CREATE TABLE source_chunks (
  source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
  chunk INTEGER NOT NULL CHECK (chunk BETWEEN 0 AND 1048575),
  start INTEGER NOT NULL CHECK (start >= 0),
  length INTEGER NOT NULL CHECK (length > 0),
  PRIMARY KEY (source_id, chunk)
);
CREATE TABLE source_indexing (
  source_id INTEGER PRIMARY KEY REFERENCES sources(id) ON DELETE CASCADE,
  sha256 TEXT NOT NULL,
  next_chunk INTEGER NOT NULL,
  next_offset INTEGER NOT NULL,
  next_char INTEGER NOT NULL
);
`;

function indexSourcesInChunks(db: Db): void {
  rebuildIndexes(db, ['source']);
}

// The name index (db/search/name-index.ts) saved in the store, so that opening
// a large store finds it whole (db/search/name-index-snapshot.ts). A snapshot
// is used only if it was taken at the generation the store is at now: every
// write to what the index reads (names, aliases, titles, deletions, the search
// vocabulary) moves the generation, whichever connection or program writes it.
// A purge moves purges: a snapshot taken before one may hold the purged names.
// Parts are written one short transaction each; the header, written last,
// names the parts (by token) it is made of. (IF NOT EXISTS: tests rewind a
// store's version and migrate it again.)
// The Sources list read without walking a long text: SQLite reaches a column
// stored after a 50 MB body (chars, deleted_at, sha256...) by following the
// body's overflow pages, 50-170 ms a row, and the list is asked for every
// 1.5 s while a source is indexed. This index holds every column the list
// shows, in its order, so the list reads it and never the rows.
const v12 = `
CREATE INDEX IF NOT EXISTS sources_listing ON sources (
  deleted_at, published_min, title, id, uuid, seed_key, author, publisher, published, published_max,
  language, url, reliability, note, sha256, chars, created_at, updated_at
);
`;

const v11 = `
CREATE TABLE IF NOT EXISTS name_index_generation (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  generation INTEGER NOT NULL,
  purges INTEGER NOT NULL
);
INSERT OR IGNORE INTO name_index_generation (id, generation, purges) VALUES (1, 0, 0);
CREATE TABLE IF NOT EXISTS name_index_snapshot (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  token TEXT NOT NULL,
  generation INTEGER NOT NULL,
  purges INTEGER NOT NULL,
  format INTEGER NOT NULL,
  layout TEXT NOT NULL,
  parts INTEGER NOT NULL,
  bytes INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS name_index_parts (
  token TEXT NOT NULL,
  part INTEGER NOT NULL,
  crc INTEGER NOT NULL,
  data BLOB NOT NULL,
  PRIMARY KEY (token, part)
);
CREATE TRIGGER IF NOT EXISTS name_index_actors_insert AFTER INSERT ON actors BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
CREATE TRIGGER IF NOT EXISTS name_index_actors_update AFTER UPDATE OF id, name, deleted_at ON actors BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
CREATE TRIGGER IF NOT EXISTS name_index_actors_delete AFTER DELETE ON actors BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
CREATE TRIGGER IF NOT EXISTS name_index_places_insert AFTER INSERT ON places BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
CREATE TRIGGER IF NOT EXISTS name_index_places_update AFTER UPDATE OF id, name, deleted_at ON places BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
CREATE TRIGGER IF NOT EXISTS name_index_places_delete AFTER DELETE ON places BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
CREATE TRIGGER IF NOT EXISTS name_index_events_insert AFTER INSERT ON events BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
CREATE TRIGGER IF NOT EXISTS name_index_events_update AFTER UPDATE OF id, title, deleted_at ON events BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
CREATE TRIGGER IF NOT EXISTS name_index_events_delete AFTER DELETE ON events BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
CREATE TRIGGER IF NOT EXISTS name_index_actor_aliases_insert AFTER INSERT ON actor_aliases BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
CREATE TRIGGER IF NOT EXISTS name_index_actor_aliases_update AFTER UPDATE OF id, actor_id, name ON actor_aliases BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
CREATE TRIGGER IF NOT EXISTS name_index_actor_aliases_delete AFTER DELETE ON actor_aliases BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
CREATE TRIGGER IF NOT EXISTS name_index_place_aliases_insert AFTER INSERT ON place_aliases BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
CREATE TRIGGER IF NOT EXISTS name_index_place_aliases_update AFTER UPDATE OF id, place_id, name ON place_aliases BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
CREATE TRIGGER IF NOT EXISTS name_index_place_aliases_delete AFTER DELETE ON place_aliases BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
CREATE TRIGGER IF NOT EXISTS name_index_search_terms_insert AFTER INSERT ON search_terms BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
CREATE TRIGGER IF NOT EXISTS name_index_search_terms_delete AFTER DELETE ON search_terms BEGIN UPDATE name_index_generation SET generation = generation + 1; END;
`;

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', sql: v1 },
  { version: 2, name: 'search vocabulary for typo tolerance', sql: v2, fill: backfillTerms },
  { version: 3, name: 'merge log for undoing merges of actors and places', sql: v3 },
  { version: 4, name: 'orphaned highlights and evidence after a text edit', sql: v4 },
  {
    version: 5,
    name: 'records found by what they are about; term frequencies for corrections',
    sql: v5,
    fill: (db) => rebuildIndexes(db, ['actor', 'place', 'event']),
  },
  { version: 6, name: 'fold the Latin letters NFKD leaves whole (ı, ł, ø, đ…) in every index', sql: v6, fill: refoldIndexes },
  { version: 7, name: 'a UUID for every record, derived from the seed key for seed records', sql: v7, fill: fillUuids },
  { version: 8, name: 'exchange imports, for undoing one as a whole', sql: v8 },
  { version: 9, name: 'the merge log takes events too', sql: v9 },
  { version: 10, name: 'sources indexed in chunks, a long text after it is stored', sql: v10, fill: indexSourcesInChunks },
  { version: 11, name: 'the name index saved in the store, with the generation of the names it holds', sql: v11 },
  { version: 12, name: 'the Sources list read from an index, never past a long text', sql: v12 },
];

export const LATEST_VERSION = MIGRATIONS.length;
