import edtf from 'edtf';

/** An EDTF date with the earliest and latest ISO day it can mean (null when unbounded or the year is unknown). */
export interface EdtfRange {
  edtf: string;
  min: string | null;
  max: string | null;
}

const YEAR_UNSPECIFIED = 0b1111;

function isoDay(ms: number): string | null {
  if (!Number.isFinite(ms)) return null;
  const iso = new Date(ms).toISOString();
  return iso.startsWith('-') || iso.startsWith('+') ? null : iso.slice(0, 10);
}

/** Parses an EDTF string (levels 0 and 1); throws an Error with a readable message when it is not one. */
export function parseEdtf(text: string): EdtfRange {
  const value = text.trim();
  let parsed;
  try {
    parsed = edtf(value);
  } catch {
    throw new Error(`"${value}" is not an EDTF date (examples: 2019-10-13, 2019-10~, 2023-12?, XXXX-02-25, 2019-09/2019-10)`);
  }
  const yearUnknown = (parsed.unspecified?.value ?? 0) & YEAR_UNSPECIFIED;
  if (yearUnknown === YEAR_UNSPECIFIED) return { edtf: value, min: null, max: null };
  let min: string | null = null;
  let max: string | null = null;
  try {
    min = isoDay(parsed.min);
    max = isoDay(parsed.max);
  } catch {
    // Open intervals ("../2020") have no computable bound on one side.
  }
  return { edtf: value, min, max };
}

export function isEdtf(text: string): boolean {
  try {
    parseEdtf(text);
    return true;
  } catch {
    return false;
  }
}
