// Input schemas of the map (map.data) and link chart (chart.graph, chart.arrange) methods.
import { z } from 'zod';
import { id } from './schemas.ts';
import { EVENT_TYPES } from './vocabulary.ts';
import { MAX_SAVED_POSITIONS, NODE_ID } from './chart-graph.ts';

export const mapDataInput = z.strictObject({
  actorId: id.optional(),
  placeId: id.optional(),
  type: z.enum(EVENT_TYPES).optional(),
});

const nodeId = z.string().regex(NODE_ID, 'must name a node as kind:id, such as "actor:5" (kinds: actor, place, event, source)');

export const chartGraphInput = z.strictObject({
  /** The record to start from; everything when absent. */
  focus: nodeId.optional(),
  /** Steps out from the focus. */
  depth: z.number().int().min(0).max(6).default(1),
  /** Sources as nodes, with an edge to each record they give evidence for. */
  sources: z.boolean().default(false),
});

const coordinate = z.number().finite().min(-1e7).max(1e7);
export const chartArrangeInput = z.strictObject({
  positions: z
    .record(nodeId, z.strictObject({ x: coordinate, y: coordinate, pinned: z.boolean() }))
    .refine((p) => Object.keys(p).length <= MAX_SAVED_POSITIONS, `holds more than ${MAX_SAVED_POSITIONS} nodes`),
  /** Forget every other saved position first (a fresh layout). */
  replace: z.boolean().default(false),
});

export const suggestCoordinatesInput = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(300),
  limit: z.number().int().min(1).max(20).default(5),
});
