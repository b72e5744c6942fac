// Growable typed arrays: the name index keeps its records, keys and postings
// in these rather than in arrays of objects, a few bytes an item.

type Typed = Int32Array<ArrayBuffer> | Uint8Array<ArrayBuffer>;

class GrowableList<T extends Typed> {
  protected data: T;
  length = 0;
  private readonly make: (size: number) => T;

  constructor(make: (size: number) => T, capacity: number) {
    this.make = make;
    this.data = make(Math.max(16, capacity));
  }

  push(value: number): number {
    if (this.length === this.data.length) this.reserve(Math.max(16, this.length * 2));
    this.data[this.length] = value;
    return this.length++;
  }

  get(at: number): number {
    return this.data[at]!;
  }

  set(at: number, value: number): void {
    this.data[at] = value;
  }

  /** Grows to hold at least `size` items (new items are 0). */
  reserve(size: number): void {
    if (size <= this.data.length) return;
    const grown = this.make(Math.max(size, this.data.length * 2));
    grown.set(this.data);
    this.data = grown;
  }

  /** Room for `size` more items at the end, to write into before counting them in `length`. */
  spare(size: number): T {
    this.reserve(this.length + size);
    return this.data.subarray(this.length, this.length + size) as T;
  }

  /** The items, without a copy: valid until the next push. */
  view(): T {
    return this.data.subarray(0, this.length) as T;
  }

  /** Takes `items` as the list's items, without a copy (a snapshot's section: name-index-snapshot.ts). */
  adopt(items: T): this {
    this.data = items;
    this.length = items.length;
    return this;
  }

  /** Drops the spare capacity (after a build, when few items follow). */
  trim(): void {
    if (this.data.length > this.length + 16) this.data = this.data.slice(0, this.length) as T;
  }
}

export class Int32List extends GrowableList<Int32Array<ArrayBuffer>> {
  constructor(capacity = 1024) {
    super((size) => new Int32Array(size), capacity);
  }
}

export class Uint8List extends GrowableList<Uint8Array<ArrayBuffer>> {
  constructor(capacity = 1024) {
    super((size) => new Uint8Array(size), capacity);
  }
}
