// Inputs of the exchange methods (exports and imports of whole files).
import { z } from 'zod';

/** The largest exchange file taken in, in characters (a case file holds every source text). */
export const MAX_EXCHANGE_CHARS = 48 * 1024 * 1024;

/** A file's text, as read by the caller (the CLI from disk, the app from a file picker). */
export const exchangeFile = z.strictObject({
  fileName: z.string().max(255).optional(),
  content: z.string().min(1, 'the file is empty').max(MAX_EXCHANGE_CHARS, 'is larger than 48 MiB'),
});
