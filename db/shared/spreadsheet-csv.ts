// RFC 4180 CSV, safe to open in a spreadsheet: shared by the timeline's
// download (renderer) and the ACLED-style exchange (db/exchange/acled.ts).
// Pure: no Node, no DOM.

/**
 * One CSV field, always quoted (quotes doubled). A spreadsheet runs a cell
 * that starts with = + - @ (or a tab or carriage return) as a formula, and a
 * spreadsheet that splits on ; or a tab (as in many locales) starts a new
 * cell after one: so every such start, at the beginning or after a , ; | or
 * tab, gets an apostrophe (OWASP's guard). Numbers are left as numbers.
 */
export function csvField(value: string | number | null): string {
  if (value === null) return '""';
  let text = String(value);
  if (typeof value === 'string') text = text.replace(/(^|[,;|\t])(\s*)(?=[=+\-@\t\r])/g, "$1$2'");
  return `"${text.replace(/"/g, '""')}"`;
}

/** What csvField guarded, as it was: the apostrophe before a formula start taken off again. */
export function unguardField(text: string): string {
  return text.replace(/(^|[,;|\t])(\s*)'(?=[=+\-@\t\r])/g, '$1$2');
}

/** The whole file: a UTF-8 byte order mark (so Excel reads Arabic right), CRLF line ends. */
export function csvText(rows: readonly (readonly (string | number | null)[])[]): string {
  return `\uFEFF${rows.map((fields) => fields.map(csvField).join(',')).join('\r\n')}\r\n`;
}

/** Rows of fields from CSV text (quoted or not, CRLF or LF, a leading byte order mark ignored); throws on an unclosed quote. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') ((field += '"'), i++);
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') (row.push(field), (field = ''));
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (quoted) throw new Error('a quoted field is never closed');
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}
