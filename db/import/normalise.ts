// The shape every imported text ends in, and the small clean-ups of titles.

export const MAX_TITLE_CHARS = 200;

/**
 * Newlines as \n, no trailing spaces, no control characters but tab and
 * newline, at most one blank line in a row, no blank lines at either end.
 * (Linear time: a regex for trailing spaces would be quadratic on a long run of them.)
 */
export function normaliseText(text: string): string {
  return text
    .replace(/\r\n?|[\u2028\u2029\u0085\f\v]/g, '\n')
    .replace(/[\u0000-\u0008\u000e-\u001f\u007f]/g, '')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+/, '')
    .trimEnd();
}

/** One line of at most `max` characters, cut at a word where it can be. */
export function clip(text: string, max: number): string {
  const line = text.replace(/[\s\p{Cc}]+/gu, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/** A title: one clipped line, or null when nothing is left. */
export function cleanTitle(title: string | null | undefined): string | null {
  if (!title) return null;
  const clipped = clip(title, MAX_TITLE_CHARS);
  return clipped === '' ? null : clipped;
}

/** The first line that is not blank. */
export function firstLine(text: string): string | null {
  return cleanTitle(/^.*\S.*$/m.exec(text)?.[0]);
}

/** 'Report.final.PDF' → 'Report.final' */
export function fileStem(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '');
  return cleanTitle(stem === '' ? fileName : stem) ?? 'Untitled';
}
