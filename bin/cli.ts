// `fieldbook`: the command-line face of the API, in-process on the same contract.
import { parseArgs } from 'node:util';
import { callMethod, importSource } from '../db/api.ts';
import { ApiError } from '../db/shared/errors.ts';
import { type Fieldbook, openFieldbook } from '../db/fieldbook.ts';
import { readFileForImport } from '../db/import/read-file.ts';
import { checkStore } from '../db/maintenance.ts';
import { writeExportFile } from '../db/exchange/files.ts';
import { EXPORT_FORMATS, type ExportFormat, type ExchangeOutcome, exchangeImport, exportFile, readExchangeKinds } from './exchange.ts';
import { backupStore, listBackups, restoreStore } from '../db/store/backup.ts';
import { storePath } from '../db/paths.ts';
import { defaultDataDir } from '../db/paths.ts';
import { applySeed } from '../db/seed/apply.ts';
import { loadSeed } from '../db/seed/data.ts';
import { formatList, formatRecord, formatSearch } from './format.ts';
import { finishIndexing } from '../db/search/index-in-background.ts';
import { appIsRunning, askRunningAppForBackup, NoRunningApp } from '../server/control.ts';
import type { SearchResult } from '../db/shared/search-results.ts';
import type { ImportedSource } from '../db/shared/records.ts';
import type { MethodName } from '../db/shared/contract.ts';
import type { IndexingState } from '../db/shared/search-results.ts';

const USAGE = `Usage: fieldbook COMMAND [ARGS] [--data DIR] [--json]

Commands:
  search QUERY           search everything; best first [--kind K]... [--limit N]
  seed                   add the seed corpus to the store (records never applied before)
  stats                  count sources, actors, places, events, relations, notes, annotations
  list KIND              list records; KIND: actors places events relations sources notes annotations
  show KIND ID           one record in full; KIND: actor place event relation source note annotation
  check                  integrity, foreign-key and index checks; exits 1 on a fault
  backup FILE            write a checked copy of the store to FILE (a new file); a running app makes it
  backups                list the automatic backups (one a day while the app runs)
  restore FILE           replace the store with the backup FILE (checked first; the current store is kept
                         in the backups folder); refused while the app runs (use its Backups view)
  import FILE...         add PDF, HTML, Markdown or plain-text files as sources [--reliability X];
                         a Fieldbook case file (into an empty store), a STIX 2.1 bundle or an ACLED-style
                         CSV of events, recognised by content, prints what was created, matched and skipped
  export FORMAT OUT      write the store to the new file OUT (owner-only); FORMAT: case (everything,
                         lossless JSON), acled (events as ACLED-style CSV), stix (STIX 2.1 bundle) or
                         markdown (OUT a new folder: a vault of notes and record pages, for Obsidian)
  serve [--port N] [--open]
                         serve the app to a browser on 127.0.0.1 until Ctrl-C; prints the address

Options:
  --data DIR             data folder (default: ${defaultDataDir()})
  --json                 machine-readable output
  --kind K               search: only actor, place, event, note, source or annotation (repeatable)
  --limit N              search: at most N results (default 20, at most 200)
  --reliability X        import: the sources' Admiralty reliability, A-F (default F: cannot be judged)
  --port N               serve: the port to listen on (default 0: any free port)
  --open                 serve: open the app in a local Chromium or Chrome
  -h, --help             this help`;

class UsageError extends Error {}

const LISTS: Record<string, MethodName> = {
  actors: 'actors.list',
  places: 'places.list',
  events: 'events.list',
  relations: 'relations.list',
  sources: 'sources.list',
  notes: 'notes.list',
  annotations: 'annotations.list',
};
const GETS: Record<string, MethodName> = {
  actor: 'actors.get',
  place: 'places.get',
  event: 'events.get',
  relation: 'relations.get',
  source: 'sources.get',
  note: 'notes.get',
  annotation: 'annotations.get',
};

function parseId(text: string | undefined): number {
  if (text === undefined) throw new UsageError('show needs a KIND and an ID');
  if (!/^[1-9]\d{0,15}$/.test(text)) throw new UsageError(`"${text}" is not a record id (a positive whole number)`);
  return Number(text);
}

function parsePort(text: string | undefined): number {
  if (text === undefined) return 0;
  if (!/^\d{1,5}$/.test(text) || Number(text) > 65535) throw new UsageError(`"${text}" is not a port (a whole number 0-65535)`);
  return Number(text);
}

function parseReliability(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  if (!/^[A-Fa-f]$/.test(text)) throw new UsageError(`--reliability must be one letter A-F (Admiralty code), not "${text}"`);
  return text.toUpperCase();
}

type ImportResult = { file: string; ok: true; source: ImportedSource } | { file: string; ok: false; error: ReturnType<ApiError['toJSON']> };

const chars = (n: number) => `${n.toLocaleString('en-US')} character${n === 1 ? '' : 's'}`;

/** Reads one file and imports it through the API; what goes wrong is that file's result, not a crash. */
async function importOne(
  db: Fieldbook['db'],
  file: string,
  reliability: string | undefined,
  onProgress?: (done: number, total: number) => void,
): Promise<ImportResult> {
  try {
    const { fileName, bytes } = readFileForImport(file);
    const input = { fileName, contentBase64: bytes.toString('base64'), reliability };
    return { file, ok: true, source: await importSource(db, input, { onProgress }) };
  } catch (error) {
    if (error instanceof ApiError) return { file, ok: false, error: error.toJSON() };
    throw error;
  }
}

const CLEAR_LINE = '\r\u001b[K';

/** A "reading FILE: page N/M" line on a terminal, redrawn in place and cleared after the last page. */
function progressLine(err: NodeJS.WriteStream, file: string): (done: number, total: number) => void {
  return (done, total) => {
    err.write(done < total ? `${CLEAR_LINE}reading ${file}: page ${done}/${total}` : CLEAR_LINE);
  };
}

function singular(kind: string): string {
  return kind.endsWith('s') && !(kind in GETS) ? kind.slice(0, -1) : kind;
}

interface CliOptions {
  data?: string | undefined;
  json: boolean;
  port?: string | undefined;
  kind?: string[] | undefined;
  limit?: string | undefined;
  reliability?: string | undefined;
  open: boolean;
  help: boolean;
}

/** The parsed command line, or the exit code when it cannot be parsed (the message already written). */
function parseCommandLine(argv: string[], err: NodeJS.WriteStream): { positionals: string[]; values: CliOptions } | number {
  try {
    return parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        data: { type: 'string' },
        json: { type: 'boolean', default: false },
        port: { type: 'string' },
        kind: { type: 'string', multiple: true },
        limit: { type: 'string' },
        reliability: { type: 'string' },
        open: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    err.write(`fieldbook: ${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
}

/** One run of a command: its arguments, options and where it prints. */
interface Invocation {
  command: string;
  rest: string[];
  options: CliOptions;
  json: boolean;
  dataDir: string;
  out: NodeJS.WriteStream;
  err: NodeJS.WriteStream;
  /** Prints `value` as JSON with --json, else as `human()` says it. */
  print: (value: unknown, human: () => string) => void;
}

/** A command that works on the open store. */
interface StoreInvocation extends Invocation {
  fieldbook: Fieldbook;
  db: Fieldbook['db'];
}

async function serveCommand({ options, dataDir, out, err }: Invocation): Promise<number> {
  // The store is opened by the server's own store thread, not here.
  let port: number;
  try {
    port = parsePort(options.port);
  } catch (error) {
    err.write(`fieldbook: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const { serve } = await import('../server/serve.ts'); // only serve needs the HTTP server
    await serve({ dataDir, port, open: options.open, out, err });
    return 0;
  } catch (error) {
    err.write(`fieldbook: ${(error as Error).message}\n`);
    return 1;
  }
}

/** `backup FILE` made by the app that has the store open; undefined when none runs (this process makes it then). */
async function backupByRunningApp({ rest, dataDir, err, print }: Invocation): Promise<number | undefined> {
  try {
    const result = await askRunningAppForBackup(dataDir, rest[0]!);
    print(result, () => `backed up by the running Fieldbook to ${result.file} (${result.bytes} bytes), checked`);
    return 0;
  } catch (error) {
    if (error instanceof NoRunningApp) return undefined;
    err.write(`fieldbook: the running Fieldbook could not make the backup: ${(error as Error).message}\n`);
    return 1;
  }
}

/** Run before the store is opened: the store may be missing or damaged, which is why one restores. */
async function restoreCommand({ rest, dataDir, err, print }: Invocation): Promise<number> {
  if (rest.length !== 1) {
    err.write(`fieldbook: restore needs one FILE\n\n${USAGE}\n`);
    return 2;
  }
  if (await appIsRunning(dataDir)) {
    err.write(
      'fieldbook: Fieldbook is running on this data folder; nothing was restored. ' +
        'Use Restore in its Backups view, or close it and run this again.\n',
    );
    return 1;
  }
  try {
    const result = restoreStore(storePath(dataDir), dataDir, rest[0]!);
    print(result, () => `restored ${result.restored}${result.kept ? `; the store it replaced is kept as ${result.kept}` : ''}`);
    return 0;
  } catch (error) {
    err.write(`fieldbook: ${(error as Error).message}\n`);
    return 1;
  }
}

function seedCommand({ db, print }: StoreInvocation): number {
  const result = applySeed(db, loadSeed());
  print(result, () =>
    Object.entries(result.added)
      .map(([k, n]) => `${k}: ${n} added`)
      .join('\n'),
  );
  return 0;
}

function statsCommand({ db, print }: StoreInvocation): number {
  const stats = callMethod(db, 'stats.get', {});
  print(stats, () =>
    Object.entries(stats as object)
      .map(([k, n]) => `${k.padEnd(12)} ${n}`)
      .join('\n'),
  );
  return 0;
}

function listCommand({ db, rest, print }: StoreInvocation): number {
  const kind = rest[0];
  const method = kind === undefined ? undefined : LISTS[kind];
  if (!method) throw new UsageError(`list needs one of: ${Object.keys(LISTS).join(', ')}`);
  const records = callMethod(db, method, { limit: 100_000 }) as Record<string, unknown>[];
  print(records, () => formatList(kind!, records));
  return 0;
}

function showCommand({ db, rest, print }: StoreInvocation): number {
  const kind = rest[0] === undefined ? undefined : singular(rest[0]);
  const method = kind === undefined ? undefined : GETS[kind];
  if (!method) throw new UsageError(`show needs one of: ${Object.keys(GETS).join(', ')}`);
  const record = callMethod(db, method, { id: parseId(rest[1]) }) as Record<string, unknown>;
  print(record, () => formatRecord(record));
  return 0;
}

function checkCommand({ db, fieldbook, print }: StoreInvocation): number {
  const report = checkStore(db);
  print(report, () => (report.ok ? `ok: ${fieldbook.file}` : report.problems.join('\n')));
  return report.ok ? 0 : 1;
}

function backupCommand({ db, rest, print }: StoreInvocation): number {
  const file = rest[0];
  if (!file) throw new UsageError('backup needs a FILE to write');
  const result = backupStore(db, file);
  print(result, () => `backed up to ${result.file} (${result.bytes} bytes), checked`);
  return 0;
}

function backupsCommand({ fieldbook, print }: StoreInvocation): number {
  const backups = listBackups(fieldbook.dataDir);
  print(backups, () => (backups.length ? backups.map((b) => `${b.modified}  ${b.bytes} bytes  ${b.file}`).join('\n') : 'no backups yet'));
  return 0;
}

async function searchCommand({ db, rest, options, print }: StoreInvocation): Promise<number> {
  if (rest.length !== 1) throw new UsageError('search needs one QUERY (quote it if it has spaces)');
  const limit = options.limit === undefined ? undefined : Number(options.limit);
  if (limit !== undefined && !Number.isInteger(limit)) throw new UsageError(`--limit must be a whole number, not "${options.limit}"`);
  callMethod(db, 'search.prepare', {}); // one search: every name indexed first, as no later call would finish it
  await finishIndexing(db, () => callMethod(db, 'search.indexSources', {}) as IndexingState); // and every source's text
  const results = callMethod(db, 'search', { query: rest[0], kinds: options.kind, limit }) as SearchResult[];
  print(results, () => formatSearch(results));
  return 0;
}

/** Each file is an exchange file (case, STIX, ACLED) or a document; one file failing does not stop the others. */
async function importCommand({ db, rest, options, json, out, err }: StoreInvocation): Promise<number> {
  if (rest.length === 0) throw new UsageError('import needs at least one FILE');
  const reliability = parseReliability(options.reliability);
  const progress = json || !err.isTTY ? undefined : (file: string) => progressLine(err, file);
  const results: ImportResult[] = [];
  const exchanged: ExchangeOutcome['result'][] = [];
  for (const file of rest) {
    const exchange = exchangeImport(db, file);
    if (exchange) {
      exchanged.push(exchange.result);
      if (!json) (exchange.ok ? out : err).write(`${exchange.ok ? '' : 'fieldbook: '}${exchange.text}\n`);
      continue;
    }
    const result = await importOne(db, file, reliability, progress?.(file));
    results.push(result);
    if (json) continue;
    if (result.ok)
      out.write(`imported ${result.source.id} "${result.source.title}" (${result.source.format}, ${chars(result.source.length)})\n`);
    else err.write(`${progress ? CLEAR_LINE : ''}fieldbook: ${file}: ${result.error.message}\n`);
  }
  // A long text is indexed for search after it is stored: finished here, before the store is closed.
  await finishIndexing(db, () => callMethod(db, 'search.indexSources', {}) as IndexingState);
  if (json) out.write(`${JSON.stringify([...exchanged, ...results], null, 2)}\n`);
  if (exchanged.some((r) => !r.ok)) return 1;
  return results.every((r) => r.ok) ? 0 : 1;
}

function exportCommand({ db, rest, print }: StoreInvocation): number {
  const [format, file] = rest;
  if (!EXPORT_FORMATS.includes(format as never) || !file)
    throw new UsageError(`export needs a FORMAT (${EXPORT_FORMATS.join(', ')}) and a file (a folder for markdown) OUT`);
  const result = exportFile(db, format as ExportFormat, file, writeExportFile);
  print(result, () => `exported ${result.summary} to ${result.file} (${result.bytes} bytes, owner-only)`);
  return 0;
}

/** The commands that work on the open store, by name. */
const STORE_COMMANDS: Record<string, (run: StoreInvocation) => number | Promise<number>> = {
  seed: seedCommand,
  stats: statsCommand,
  list: listCommand,
  show: showCommand,
  check: checkCommand,
  backup: backupCommand,
  backups: backupsCommand,
  search: searchCommand,
  import: importCommand,
  export: exportCommand,
};

/** Opens the store (seeding it unless the command says otherwise), runs the command on it and closes it. */
async function runOnStore(run: Invocation): Promise<number> {
  const { command, rest, dataDir, json, err } = run;
  let fieldbook;
  try {
    // A case file restores a whole store: a new data folder stays empty for it rather than being seeded first.
    const restoresCase = command === 'import' && readExchangeKinds(rest).includes('case');
    fieldbook = openFieldbook(dataDir, { seed: command !== 'seed' && command !== 'check' && !restoresCase });
    for (const warning of fieldbook.warnings) err.write(`fieldbook: warning: ${warning}\n`);
  } catch (error) {
    err.write(`fieldbook: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    if (!Object.hasOwn(STORE_COMMANDS, command)) throw new UsageError(`unknown command "${command}"`);
    return await STORE_COMMANDS[command]!({ ...run, fieldbook, db: fieldbook.db });
  } catch (error) {
    if (error instanceof UsageError) {
      err.write(`fieldbook: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    if (error instanceof ApiError) {
      err.write(json ? `${JSON.stringify({ error: error.toJSON() })}\n` : `fieldbook: ${error.message}\n`);
      return 1;
    }
    err.write(`fieldbook: ${(error as Error).message}\n`);
    return 1;
  } finally {
    fieldbook.close();
  }
}

export async function main(argv: string[], out = process.stdout, err = process.stderr): Promise<number> {
  const args = parseCommandLine(argv, err);
  if (typeof args === 'number') return args;
  const [command, ...rest] = args.positionals;
  if (args.values.help || command === undefined || command === 'help') {
    (command === undefined && !args.values.help ? err : out).write(`${USAGE}\n`);
    return command === undefined && !args.values.help ? 2 : 0;
  }
  const json = args.values.json;
  const run: Invocation = {
    command,
    rest,
    options: args.values,
    json,
    dataDir: args.values.data ?? defaultDataDir(),
    out,
    err,
    print: (value, human) => out.write(`${json ? JSON.stringify(value, null, 2) : human()}\n`),
  };
  if (command === 'serve') return serveCommand(run);
  if (command === 'backup' && rest.length === 1) {
    // The app that has the store open makes the copy when one runs; otherwise the store is opened here.
    const code = await backupByRunningApp(run);
    if (code !== undefined) return code;
  }
  if (command === 'restore') return restoreCommand(run);
  return runOnStore(run);
}
