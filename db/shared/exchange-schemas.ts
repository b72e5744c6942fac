// Inputs of the exchange methods (exports and imports of whole files).
import { z } from 'zod';
import { EVENT_TYPES } from './vocabulary.ts';

/** The largest exchange file taken in, in characters (a case file holds every source text). */
export const MAX_EXCHANGE_CHARS = 48 * 1024 * 1024;

/** A file's text, as read by the caller (the CLI from disk, the app from a file picker). */
export const exchangeFile = z.strictObject({
  fileName: z.string().max(255).optional(),
  content: z.string().min(1, 'the file is empty').max(MAX_EXCHANGE_CHARS, 'is larger than 48 MiB'),
});

const recordId = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const day = z.string().regex(/^\d{4}(-\d{2}-\d{2})?$/, 'a year (2019) or an ISO day (2019-10-13)');

/** The timeline's filters (renderer/features/timeline/filters-in-address.ts), as the export takes them. */
export const timelineFilter = z.strictObject({
  actor: recordId.nullable().default(null),
  place: recordId.nullable().default(null),
  type: z.enum(EVENT_TYPES).nullable().default(null),
  text: z.string().max(1000).default(''),
  from: day.nullable().default(null),
  to: day.nullable().default(null),
});

/** What an export holds: everything, the selected notes, one actor with everything linked to it, or the timeline's filtered events. */
export const exportScope = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('everything') }),
  z.strictObject({ kind: z.literal('notes'), ids: z.array(recordId).min(1, 'choose at least one note').max(100_000) }),
  z.strictObject({ kind: z.literal('actor'), id: recordId }),
  z.strictObject({ kind: z.literal('timeline'), filter: timelineFilter }),
]);
export type ExportScope = z.output<typeof exportScope>;

/** An export's input: its scope, everything when none is given. */
export const exportInput = z.strictObject({ scope: exportScope.default({ kind: 'everything' }) });
