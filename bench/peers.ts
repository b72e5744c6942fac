// Other search engines over the same records as Fieldbook, each tuned as its
// documentation suggests for names: fuse.js (the same tuning as
// bench/search.ts), MiniSearch, FlexSearch, uFuzzy and SQLite FTS5 trigram.
// Every peer folds its input with Fieldbook's foldText where it has no
// folding of its own, so no peer loses on accents or case alone.
import Database from 'better-sqlite3';
import uFuzzy from '@leeoniya/ufuzzy';
import FlexSearch from 'flexsearch';
import Fuse, { type FuseResult, type IFuseOptions } from 'fuse.js';
import MiniSearch from 'minisearch';
import { foldText } from '../db/shared/folding.ts';

export interface PeerRecord {
  name: string;
  aliases: string[];
  /** Description, summary, note or document text; '' for names-only records. */
  text: string;
}

export interface PeerHit {
  /** Index of the record in the array the peer was built on. */
  index: number;
  /** The folded words the engine says matched (for the false-hit measure); empty when it gives none. */
  marked: string[];
}

export interface Peer {
  engine: string;
  search(query: string, limit: number): PeerHit[];
  /** Memory the engine holds outside the JS heap (SQLite), in MB. */
  externalMb?: () => number;
  close?: () => void;
}

const WORD = /[\p{L}\p{N}]+/gu;
const words = (text: string) => foldText(text).match(WORD) ?? [];

/** The whole words of `value` that the character ranges touch (a reader sees the word as matched). */
function wordsAt(value: string, ranges: readonly (readonly [number, number])[]): string[] {
  const out: string[] = [];
  for (const [start, end] of ranges) {
    let s = start;
    let e = end + 1;
    while (s > 0 && /[\p{L}\p{N}]/u.test(value[s - 1]!)) s--;
    while (e < value.length && /[\p{L}\p{N}]/u.test(value[e]!)) e++;
    out.push(...words(value.slice(s, e)));
  }
  return [...new Set(out)];
}

export const FUSE_KEYS = [
  { name: 'name', weight: 2 },
  { name: 'aliases', weight: 1 },
  { name: 'text', weight: 1 },
];

/** fuse.js as bench/search.ts tunes it: weighted keys, ignoreDiacritics, ignoreLocation, threshold .4. */
export function fusePeer(records: readonly PeerRecord[], options: { withText: boolean; matches: boolean }): Peer {
  const keys = options.withText ? FUSE_KEYS : FUSE_KEYS.slice(0, 2);
  const fuseOptions: IFuseOptions<PeerRecord> = {
    keys,
    includeScore: true,
    includeMatches: options.matches,
    ignoreDiacritics: true,
    ignoreLocation: true,
    threshold: 0.4,
  };
  const fuse = new Fuse(records, fuseOptions, Fuse.createIndex(keys, records));
  return {
    engine: 'fuse.js',
    search: (query, limit) =>
      fuse.search(query, { limit }).map((r: FuseResult<PeerRecord>) => ({
        index: r.refIndex,
        marked: (r.matches ?? []).flatMap((m) => wordsAt(m.value ?? '', m.indices)),
      })),
  };
}

/** MiniSearch: fuzzy .2, prefix, names weighted 2, terms folded. */
export function miniSearchPeer(records: readonly PeerRecord[], options: { withText: boolean }): Peer {
  const fields = options.withText ? ['name', 'aliases', 'text'] : ['name', 'aliases'];
  const mini = new MiniSearch<{ id: number; name: string; aliases: string; text: string }>({
    fields,
    storeFields: [],
    processTerm: (term) => foldText(term),
    searchOptions: { fuzzy: 0.2, prefix: true, boost: { name: 2 } },
  });
  mini.addAll(records.map((r, id) => ({ id, name: r.name, aliases: r.aliases.join(' · '), text: options.withText ? r.text : '' })));
  return {
    engine: 'MiniSearch',
    search: (query, limit) =>
      mini
        .search(query)
        .slice(0, limit)
        .map((r) => ({ index: r.id as number, marked: r.terms })),
  };
}

/** FlexSearch: forward (prefix) tokenizer, LatinBalance encoder (accents, case, some sound-alikes), suggestions on. */
export function flexSearchPeer(records: readonly PeerRecord[]): Peer {
  const index = new FlexSearch.Index({ tokenize: 'forward', encoder: FlexSearch.Charset.LatinBalance, resolution: 9 });
  records.forEach((r, id) => index.add(id, foldText([r.name, ...r.aliases].join(' '))));
  return {
    engine: 'FlexSearch',
    search: (query, limit) =>
      (index.search(foldText(query), { limit, suggest: true }) as number[]).map((id) => ({ index: id, marked: [] })),
  };
}

/** uFuzzy: Unicode letters, one error per term (insertion, substitution, transposition or deletion), terms in any order. */
export function uFuzzyPeer(records: readonly PeerRecord[]): Peer {
  const haystack = records.map((r) => foldText([r.name, ...r.aliases].join(' · ')));
  const uf = new uFuzzy({
    unicode: true,
    interSplit: "[^\\p{L}\\d']+",
    intraSplit: '\\p{Ll}\\p{Lu}',
    intraBound: '\\p{Ll}\\p{Lu}',
    intraChars: "[\\p{L}\\d']",
    intraContr: "'\\p{L}{1,2}\\b",
    intraMode: 1,
    intraIns: 1,
    intraSub: 1,
    intraTrn: 1,
    intraDel: 1,
  });
  return {
    engine: 'uFuzzy',
    search: (query, limit) => {
      const needle = foldText(query);
      const terms = needle.split(/[^\p{L}\p{N}]+/u).filter(Boolean).length;
      const [idxs, info, order] = uf.search(haystack, needle, Math.min(terms, 3), 5000);
      const ranked = info && order ? order.map((o) => info.idx[o]!) : (idxs ?? []);
      return ranked.slice(0, limit).map((index) => ({ index, marked: [] }));
    },
  };
}

/** SQLite FTS5 with the trigram tokenizer, in memory: the folded query's trigrams, OR'ed, ranked by bm25. */
export function fts5TrigramPeer(records: readonly PeerRecord[]): Peer {
  const db = new Database(':memory:');
  db.exec(`CREATE VIRTUAL TABLE names USING fts5(name, tokenize='trigram')`);
  const insert = db.prepare('INSERT INTO names(rowid, name) VALUES (?, ?)');
  db.transaction(() => {
    records.forEach((r, i) => insert.run(i + 1, foldText([r.name, ...r.aliases].join(' · '))));
  })();
  const select = db.prepare('SELECT rowid FROM names WHERE names MATCH ? ORDER BY bm25(names) LIMIT ?').pluck();
  return {
    engine: 'SQLite FTS5 trigram',
    search: (query, limit) => {
      const grams = new Set<string>();
      for (const word of words(query)) {
        const letters = [...word];
        for (let i = 0; i + 3 <= letters.length; i++) grams.add(letters.slice(i, i + 3).join(''));
      }
      if (grams.size === 0) return [];
      const match = [...grams].map((g) => `"${g.replace(/"/g, '""')}"`).join(' OR ');
      return (select.all(match, limit) as number[]).map((rowid) => ({ index: rowid - 1, marked: [] }));
    },
    externalMb: () =>
      ((db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number)) / 1024 / 1024,
    close: () => db.close(),
  };
}
