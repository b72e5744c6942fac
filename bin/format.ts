// Human-readable output for the CLI (--json prints the records themselves).

type Rec = Record<string, unknown>;

function names(list: unknown): string {
  return Array.isArray(list) ? list.map((a) => (a as Rec)['name']).join(', ') : '';
}

const LINE: Record<string, (r: Rec) => string> = {
  actors: (r) => `${r['name']} (${r['kind']})${names(r['aliases']) ? ` aka ${names(r['aliases'])}` : ''}`,
  places: (r) => `${r['name']} (${r['kind']}${r['country'] ? `, ${r['country']}` : ''})`,
  events: (r) => `${r['date'] ?? 'undated'}  ${r['title']}`,
  relations: (r) => `${(r['source'] as Rec)['name']} ${r['type']} ${(r['target'] as Rec)['name']}`,
  sources: (r) => `${r['title']}${r['published'] ? ` (${r['published']})` : ''}  [${r['reliability']}]`,
  notes: (r) => `${r['title'] || '(untitled)'}  ${String(r['updatedAt']).slice(0, 16).replace('T', ' ')}`,
  annotations: (r) => `${(r['source'] as Rec)['title']}: "${r['quote']}"`,
};

export function formatList(kind: string, records: Rec[]): string {
  if (records.length === 0) return `no ${kind}`;
  const line = LINE[kind] ?? ((r: Rec) => String(r['id']));
  return records.map((r) => `${String(r['id']).padStart(5)}  ${line(r)}`).join('\n');
}

function formatValue(value: unknown, indent: string): string {
  if (value === null || value === undefined) return '-';
  if (Array.isArray(value)) {
    if (value.length === 0) return '-';
    return `\n${value.map((v) => `${indent}  - ${typeof v === 'object' ? summary(v as Rec) : String(v)}`).join('\n')}`;
  }
  if (typeof value === 'object') return summary(value as Rec);
  return String(value);
}

function summary(r: Rec): string {
  if ('quote' in r) return `"${r['quote']}" (${(r['source'] as Rec | undefined)?.['title'] ?? ''}, credibility ${r['credibility'] ?? '-'})`;
  if ('noteId' in r) return `note ${r['noteId']} ${r['noteTitle'] || '(untitled)'}: ${r['context']}`;
  if ('source' in r && 'target' in r) return `${(r['source'] as Rec)['name']} ${r['type']} ${(r['target'] as Rec)['name']}`;
  if ('role' in r && 'actorId' in r) return `${r['name']} (${r['role']})`;
  if ('title' in r && 'date' in r) return `${r['date'] ?? 'undated'} ${r['title']}${r['role'] ? ` (${r['role']})` : ''}`;
  return String(r['name'] ?? r['title'] ?? r['id'] ?? JSON.stringify(r));
}

/** Search results, one a line, with the <mark>ed words in the snippet shown as [word]. */
export function formatSearch(results: readonly { kind: string; id: number; title: string; snippet: string; score: number }[]): string {
  if (results.length === 0) return 'nothing found';
  const unescape = (html: string) =>
    html
      .replace(/<mark>/g, '[')
      .replace(/<\/mark>/g, ']')
      .replace(/&#(\d+);/g, (_m, code: string) => String.fromCharCode(Number(code)));
  return results
    .map((r) => `${r.kind.padEnd(10)} ${String(r.id).padStart(5)}  ${r.title}\n${' '.repeat(18)}${unescape(r.snippet)}`)
    .join('\n');
}

export function formatRecord(record: Rec): string {
  return Object.entries(record)
    .filter(([key]) => key !== 'body')
    .map(([key, value]) => `${key}: ${formatValue(value, '')}`)
    .join('\n');
}
