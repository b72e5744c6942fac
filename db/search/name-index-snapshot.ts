// The name index saved in the store (migration 11), so that opening a large
// store finds it whole instead of building it for seconds. A snapshot is a
// list of named sections (typed arrays, lists of words) laid end to end and
// cut into parts of PART_BYTES, each part written in its own short
// transaction and checked by its CRC-32 when read back. The header, written
// last and only if nothing the index reads was written meanwhile, names the
// parts by a token and the generation of the store they hold: on opening, a
// snapshot of another generation, of another format, or with a part missing
// or damaged is not used (the index is built again from the records).
import { randomUUID } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { Db } from '../store/db.ts';
import { cached } from '../store/statements.ts';

export type Section = Int32Array | Uint8Array | string[];
export type Sections = Record<string, Section>;

/** Bump when what the index saves, or how it folds and reads names, changes: older snapshots are then not used. */
const FORMAT = 1;
/** Bytes a part: a few milliseconds of writing, so no transaction holds the write lock for long. */
const PART_BYTES = 2 << 20;
/** Parts of an earlier snapshot deleted per transaction (secure_delete overwrites them). */
const DELETE_PARTS = 2;
/** Between two words of a list of words (folded words hold no whitespace). */
const WORD_SEPARATOR = '\n';

/** Where the store's names stand: moved by triggers on every write the name index reads, and by each purge. */
export interface Generation {
  generation: number;
  purges: number;
}

type SectionType = 'i32' | 'u8' | 'words';

interface LayoutEntry {
  name: string;
  type: SectionType;
  offset: number;
  /** Bytes. */
  length: number;
}

export function currentGeneration(db: Db): Generation {
  return cached(db, 'SELECT generation, purges FROM name_index_generation WHERE id = 1').get() as Generation;
}

/** The format a snapshot is written in and must be read in: this code's, at this schema version. */
function formatOf(db: Db): number {
  return FORMAT * 1000 + (db.pragma('user_version', { simple: true }) as number);
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** The sections as bytes laid end to end (each at a multiple of 8), without copying the typed arrays. */
function layOut(sections: Sections): { layout: LayoutEntry[]; chunks: Uint8Array[]; bytes: number } {
  const layout: LayoutEntry[] = [];
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (const [name, section] of Object.entries(sections)) {
    const type: SectionType = Array.isArray(section) ? 'words' : section instanceof Int32Array ? 'i32' : 'u8';
    const bytes = Array.isArray(section)
      ? encoder.encode(section.join(WORD_SEPARATOR))
      : new Uint8Array(section.buffer, section.byteOffset, section.byteLength);
    layout.push({ name, type, offset, length: bytes.length });
    chunks.push(bytes);
    offset += Math.ceil(bytes.length / 8) * 8;
  }
  return { layout, chunks, bytes: offset };
}

/**
 * Writes a snapshot of `sections`, taken at `generation`, one transaction a
 * step: next() until done. Gives up (leaving the store without a snapshot
 * until a later save) as soon as the store's generation moves.
 */
export function* saveSnapshot(db: Db, sections: Sections, generation: Generation): Generator<void, boolean> {
  const { layout, chunks, bytes } = layOut(sections);
  const token = randomUUID();
  const format = formatOf(db);
  const unchanged = () => {
    const now = currentGeneration(db);
    return now.generation === generation.generation && now.purges === generation.purges;
  };
  // The earlier snapshot goes first: never two of them in the file.
  db.transaction(() => cached(db, 'DELETE FROM name_index_snapshot').run()).immediate();
  while (
    db
      .transaction(
        () =>
          cached(db, 'DELETE FROM name_index_parts WHERE rowid IN (SELECT rowid FROM name_index_parts WHERE token <> ? LIMIT ?)').run(
            token,
            DELETE_PARTS,
          ).changes,
      )
      .immediate() > 0
  )
    yield;
  const parts = Math.ceil(bytes / PART_BYTES);
  const sectionAt = layout.map((entry, i) => ({ ...entry, bytes: chunks[i]! }));
  for (let part = 0; part < parts; part++) {
    const from = part * PART_BYTES;
    const data = Buffer.alloc(Math.min(PART_BYTES, bytes - from));
    for (const section of sectionAt) {
      const start = Math.max(from, section.offset);
      const end = Math.min(from + data.length, section.offset + section.length);
      if (start < end) data.set(section.bytes.subarray(start - section.offset, end - section.offset), start - from);
    }
    const written = db
      .transaction(() => {
        if (!unchanged()) return false;
        cached(db, 'INSERT INTO name_index_parts (token, part, crc, data) VALUES (?, ?, ?, ?)').run(token, part, crc32(data), data);
        return true;
      })
      .immediate();
    if (!written) return false;
    yield;
  }
  return db
    .transaction(() => {
      if (!unchanged()) return false;
      cached(
        db,
        `INSERT INTO name_index_snapshot (id, token, generation, purges, format, layout, parts, bytes)
         VALUES (1, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(token, generation.generation, generation.purges, format, JSON.stringify(layout), parts, bytes);
      return true;
    })
    .immediate();
}

/** Whether the store holds a snapshot of the generation it is at now. */
export function snapshotIsCurrent(db: Db): boolean {
  const header = cached(db, 'SELECT generation, purges, format FROM name_index_snapshot WHERE id = 1').get() as
    (Generation & { format: number }) | undefined;
  const now = currentGeneration(db);
  return header !== undefined && header.generation === now.generation && header.purges === now.purges && header.format === formatOf(db);
}

/**
 * The saved sections if the store holds a whole, undamaged snapshot of the
 * generation it is at now, with that generation; undefined otherwise. Read in
 * one read transaction: no write can come between the check and the parts.
 */
export function loadSnapshot(db: Db): { sections: Sections; generation: Generation } | undefined {
  return db.transaction(() => {
    const header = cached(
      db,
      'SELECT token, generation, purges, format, layout, parts, bytes FROM name_index_snapshot WHERE id = 1',
    ).get() as (Generation & { token: string; format: number; layout: string; parts: number; bytes: number }) | undefined;
    if (!header) return undefined;
    const generation = currentGeneration(db);
    if (header.generation !== generation.generation || header.purges !== generation.purges || header.format !== formatOf(db))
      return undefined;
    const all = new Uint8Array(new ArrayBuffer(header.bytes));
    let filled = 0;
    let expected = 0;
    for (const row of cached(db, 'SELECT part, crc, data FROM name_index_parts WHERE token = ? ORDER BY part').iterate(
      header.token,
    ) as Iterable<{
      part: number;
      crc: number;
      data: Buffer;
    }>) {
      if (row.part !== expected || !(row.data instanceof Uint8Array) || filled + row.data.length > all.length) return undefined;
      if (crc32(row.data) !== row.crc) return undefined;
      all.set(row.data, filled);
      filled += row.data.length;
      expected++;
    }
    if (expected !== header.parts || filled !== header.bytes) return undefined;
    const sections = readSections(all, JSON.parse(header.layout) as LayoutEntry[]);
    return sections && { sections, generation };
  })();
}

/** The sections of a snapshot's bytes, or undefined when its layout does not fit them. */
function readSections(all: Uint8Array<ArrayBuffer>, layout: LayoutEntry[]): Sections | undefined {
  const sections: Sections = {};
  for (const { name, type, offset, length } of layout) {
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > all.length)
      return undefined;
    if (type === 'i32') {
      if (offset % 4 !== 0 || length % 4 !== 0) return undefined;
      sections[name] = new Int32Array(all.buffer, offset, length / 4);
    } else if (type === 'u8') sections[name] = all.subarray(offset, offset + length);
    else if (type === 'words') {
      const text = decoder.decode(all.subarray(offset, offset + length));
      sections[name] = text ? text.split(WORD_SEPARATOR) : [];
    } else return undefined;
  }
  return sections;
}

/** Deletes the snapshot (a purge: it may hold the purged names). One transaction: the caller's, if it runs in one. */
export function dropSnapshot(db: Db): void {
  cached(db, 'DELETE FROM name_index_snapshot').run();
  cached(db, 'DELETE FROM name_index_parts').run();
}
