// Document metadata as the store keeps it: dates as EDTF, languages as BCP 47
// tags, names as one short line. What cannot be read is null, never a guess.
import { isEdtf } from '../shared/edtf.ts';
import { clip } from './normalise.ts';

function day(year: string, month?: string, date?: string): string | null {
  const value = [year, month, date].filter((part) => part !== undefined).join('-');
  if (month !== undefined && (Number(month) < 1 || Number(month) > 12)) return null;
  if (date !== undefined) {
    const parsed = new Date(`${value}T00:00:00Z`);
    if (Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== value) return null; // 2026-02-30
  }
  return isEdtf(value) ? value : null;
}

/**
 * The day (or month, or year) an ISO 8601 date-time names, as EDTF, in the
 * writer's own time zone: '2026-06-16T23:30:00-05:00' → '2026-06-16'.
 */
export function isoToEdtf(text: string | null | undefined): string | null {
  const match = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|[T\s])/.exec(text ?? '');
  return match ? day(match[1]!, match[2], match[3]) : null;
}

/** A PDF date ('D:20260616083000+02'00'') as EDTF: '2026-06-16'. */
export function pdfDateToEdtf(text: string | null | undefined): string | null {
  const match = /^\s*(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(text ?? '');
  return match ? day(match[1]!, match[2], match[3]) : null;
}

/** A BCP 47 language tag ('en', 'ar-LY'), or null: 'EN_us' → 'en-US'. */
export function cleanLanguage(text: string | null | undefined): string | null {
  const tag = (text ?? '').trim().replace(/_/g, '-');
  if (tag.length > 35 || !/^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag)) return null;
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? null;
  } catch {
    return null;
  }
}

/** An author as one line of at most 300 characters, or null. */
export function cleanAuthor(text: string | null | undefined): string | null {
  const line = clip(text ?? '', 300);
  return line === '' ? null : line;
}
