// The lowest score a result needs to enter a list of the best `limit`, as far
// as the scores offered so far tell: the name index stops scoring candidates
// that could not reach it.

/**
 * The `limit`-th highest of the scores added (-Infinity until there are
 * `limit`): a min-heap of the highest. Fed each record's first score, it is
 * never above the lowest score of the best `limit` records, which only rise.
 */
export class ScoreFloor {
  private readonly heap: number[] = [];
  private readonly limit: number;

  constructor(limit: number) {
    this.limit = limit;
  }

  get value(): number {
    return this.heap.length < this.limit ? -Infinity : this.heap[0]!;
  }

  add(score: number): void {
    const heap = this.heap;
    if (heap.length < this.limit) {
      heap.push(score);
      for (let at = heap.length - 1; at > 0;) {
        const parent = (at - 1) >> 1;
        if (heap[parent]! <= heap[at]!) break;
        [heap[parent], heap[at]] = [heap[at]!, heap[parent]!];
        at = parent;
      }
      return;
    }
    if (this.limit === 0 || score <= heap[0]!) return;
    heap[0] = score;
    for (let at = 0; ;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let least = at;
      if (left < heap.length && heap[left]! < heap[least]!) least = left;
      if (right < heap.length && heap[right]! < heap[least]!) least = right;
      if (least === at) break;
      [heap[least], heap[at]] = [heap[at]!, heap[least]!];
      at = least;
    }
  }
}
