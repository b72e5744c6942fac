// Events as RFC 4180 CSV, safe to open in a spreadsheet, and its download.
import type { EventRecord } from '../../../db/shared/records.ts';
import { h } from '../../ui/dom.ts';
import { edtfInWords } from '../../../db/shared/edtf-words.ts';
import { csvField } from '../../../db/shared/spreadsheet-csv.ts';

/** The spreadsheet-safe field (formula guard), shared with the ACLED-style export. */
export { csvField };

export const CSV_HEADER = [
  'id',
  'date',
  'date_earliest',
  'date_latest',
  'date_in_words',
  'title',
  'type',
  'sub_type',
  'place',
  'participants',
  'fatalities',
  'summary',
] as const;

export function eventRow(event: EventRecord): (string | number | null)[] {
  return [
    event.id,
    event.date,
    event.dateMin,
    event.dateMax,
    event.date === null ? null : edtfInWords(event.date),
    event.title,
    event.type,
    event.subType,
    event.place?.name ?? null,
    event.participants.map((p) => `${p.name} (${p.role})`).join('; '),
    event.fatalities,
    event.summary,
  ];
}

/** The whole file: a UTF-8 byte order mark (so Excel reads Arabic right), CRLF line ends. */
export function eventsCsv(events: EventRecord[]): string {
  const lines = [CSV_HEADER.map(csvField), ...events.map((e) => eventRow(e).map(csvField))];
  return `\uFEFF${lines.map((fields) => fields.join(',')).join('\r\n')}\r\n`;
}

/** Saves text as a file through a blob: URL and <a download> (navigation and downloads are outside the CSP). */
export function download(text: BlobPart, filename: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h('a', { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function csvFilename(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `fieldbook-events-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.csv`;
}
