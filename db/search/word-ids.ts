// Word → id for the name index's distinct words (name-tables.ts): a hash
// table in typed arrays over the word list itself, so that an index loaded
// from its snapshot (name-index-snapshot.ts) has it at once, where a Map of
// a quarter of a million words would take a few hundred milliseconds to fill.
import { Int32List } from './int-list.ts';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

function hashOf(word: string): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

export class WordIds {
  /** The words, by id (shared with the tables: ids are their places in it). */
  private readonly words: readonly string[];
  /** Bucket → the last word added to it (-1: none); a chain through next. */
  private head: Int32Array;
  private next: Int32List;

  constructor(words: readonly string[], head = new Int32Array(1024).fill(-1), next = new Int32List()) {
    this.words = words;
    this.head = head;
    this.next = next;
  }

  /** The table as saved: its buckets and chains. */
  parts(): { head: Int32Array; next: Int32Array } {
    return { head: this.head, next: this.next.view() };
  }

  /** A table saved with parts(), over the same words (throws if it does not fit them). */
  static fromParts(words: readonly string[], head: Int32Array<ArrayBuffer>, next: Int32Array<ArrayBuffer>): WordIds {
    if (head.length === 0 || (head.length & (head.length - 1)) !== 0 || next.length !== words.length)
      throw new Error('the saved word table does not fit the words');
    return new WordIds(words, head, new Int32List().adopt(next));
  }

  get(word: string): number | undefined {
    for (let id = this.head[hashOf(word) & (this.head.length - 1)]!; id >= 0; id = this.next.get(id)) {
      if (this.words[id] === word) return id;
    }
    return undefined;
  }

  /** Adds the word just pushed to the word list, as its last id. */
  add(id: number): void {
    if (id !== this.next.length) throw new Error('words are added in the order of their ids');
    this.next.push(-1);
    if (this.next.length > 2 * this.head.length) this.rehash();
    else this.link(id);
  }

  private link(id: number): void {
    const bucket = hashOf(this.words[id]!) & (this.head.length - 1);
    this.next.set(id, this.head[bucket]!);
    this.head[bucket] = id;
  }

  private rehash(): void {
    let buckets = this.head.length;
    while (buckets < this.next.length) buckets *= 2;
    this.head = new Int32Array(buckets).fill(-1);
    for (let id = 0; id < this.next.length; id++) this.link(id);
  }
}
