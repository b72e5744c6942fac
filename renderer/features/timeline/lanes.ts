// Stacks items in lanes so that none overlaps another (first fit, left to right).

export interface Extent {
  /** Left and right edges in pixels, label included. */
  left: number;
  right: number;
}

/** The lane of each extent, in the order given; `gap` pixels kept between neighbours. */
export function packLanes(extents: Extent[], gap = 12): { lanes: number[]; count: number } {
  const order = extents.map((_e, i) => i).sort((a, b) => extents[a]!.left - extents[b]!.left || a - b);
  const ends: number[] = [];
  const lanes = new Array<number>(extents.length).fill(0);
  for (const i of order) {
    const extent = extents[i]!;
    let lane = ends.findIndex((end) => end + gap <= extent.left);
    if (lane === -1) lane = ends.push(extent.right) - 1;
    else ends[lane] = extent.right;
    lanes[i] = lane;
  }
  return { lanes, count: ends.length };
}
