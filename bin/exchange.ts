// The CLI's exports and exchange imports (case file, ACLED-style CSV, STIX 2.1 bundle), through the API.
import fs from 'node:fs';
import { callMethod } from '../db/api.ts';
import { ApiError } from '../db/shared/errors.ts';
import { type ExchangeKind, exchangeKindOf, writeVaultFolder } from '../db/exchange/files.ts';
import type { Db } from '../db/store/db.ts';

export type ExportFormat = ExchangeKind | 'markdown';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['case', 'acled', 'stix', 'markdown'];

/** The exchange kind of each file that can be read now (unreadable ones are left to the import to report). */
export function readExchangeKinds(files: string[]): (ExchangeKind | null)[] {
  return files.map((file) => {
    try {
      const fd = fs.openSync(file, 'r');
      try {
        const head = Buffer.alloc(4096);
        return exchangeKindOf(head.subarray(0, fs.readSync(fd, head, 0, head.length, 0)));
      } finally {
        fs.closeSync(fd);
      }
    } catch {
      return null;
    }
  });
}

const counted = (counts: Record<string, number>) =>
  Object.entries(counts)
    .filter(([, n]) => n > 0)
    .map(([k, n]) => `${n} ${k}`)
    .join(', ') || 'nothing';

export interface ExchangeOutcome {
  ok: boolean;
  text: string;
  result: { file: string; format: ExchangeKind; ok: boolean; [key: string]: unknown };
}

/** Imports `file` when it is a case file, a STIX bundle or an ACLED-style CSV; undefined when it is none of them (a document). */
export function exchangeImport(db: Db, file: string): ExchangeOutcome | undefined {
  const [kind] = readExchangeKinds([file]);
  if (!kind) return undefined;
  try {
    const content = fs.readFileSync(file, 'utf8');
    if (kind === 'case') {
      const { created } = callMethod(db, 'exchange.case.import', { content }) as { created: Record<string, number> };
      return {
        ok: true,
        text: `${file}: case file restored: created ${counted(created)}`,
        result: { file, format: kind, ok: true, created },
      };
    }
    if (kind === 'stix') {
      const summary = callMethod(db, 'exchange.stix.import', { content }) as {
        created: Record<string, number>;
        matched: Record<string, number>;
        merged: { name: string; aliases: string[] }[];
        skipped: { id: string; reason: string }[];
      };
      const merged = summary.merged.map((m) => `\n  merged into ${m.name}: ${m.aliases.join(', ')}`).join('');
      const skipped = summary.skipped.map((s) => `\n  skipped ${s.id}: ${s.reason}`).join('');
      return {
        ok: true,
        text: `${file}: STIX bundle: created ${counted(summary.created)}; matched ${counted(summary.matched)}; skipped ${summary.skipped.length} objects${merged}${skipped}`,
        result: { file, format: kind, ok: true, ...summary },
      };
    }
    const summary = callMethod(db, 'exchange.acled.import', { content }) as {
      created: Record<string, number>;
      matched: Record<string, number>;
      skipped: { line: number; reason: string }[];
    };
    const skipped = summary.skipped.map((s) => `\n  skipped line ${s.line}: ${s.reason}`).join('');
    return {
      ok: true,
      text: `${file}: ACLED events: created ${counted(summary.created)}; matched ${counted(summary.matched)}; skipped ${summary.skipped.length} rows${skipped}`,
      result: { file, format: kind, ok: true, ...summary },
    };
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    return { ok: false, text: `${file}: ${error.message}`, result: { file, format: kind, ok: false, error: error.toJSON() } };
  }
}

/** Writes one export to a new owner-only file (a new owner-only folder for a Markdown vault). */
export function exportFile(
  db: Db,
  format: ExportFormat,
  file: string,
  write: (file: string, content: string) => number,
): { format: ExportFormat; file: string; bytes: number; summary: string } {
  if (format === 'case') {
    const caseFile = callMethod(db, 'exchange.case.export', {}) as { tables: Record<string, unknown[]> };
    const bytes = write(file, `${JSON.stringify(caseFile)}\n`);
    const counts = Object.fromEntries(
      ['sources', 'actors', 'places', 'events', 'notes', 'annotations'].map((t) => [t, caseFile.tables[t]!.length]),
    );
    return { format, file, bytes, summary: `the case file (${counted(counts)})` };
  }
  if (format === 'markdown') {
    const { files } = callMethod(db, 'exchange.markdown.export', {}) as { files: { path: string; content: string }[] };
    return { format, file, bytes: writeVaultFolder(file, files), summary: `a Markdown vault of ${files.length} pages` };
  }
  if (format === 'stix') {
    const bundle = callMethod(db, 'exchange.stix.export', {}) as { objects: unknown[] };
    return {
      format,
      file,
      bytes: write(file, `${JSON.stringify(bundle, null, 1)}\n`),
      summary: `a STIX 2.1 bundle of ${bundle.objects.length} objects`,
    };
  }
  const { content, events } = callMethod(db, 'exchange.acled.export', {}) as { content: string; events: number };
  return { format, file, bytes: write(file, content), summary: `${events} events as ACLED-style CSV` };
}
