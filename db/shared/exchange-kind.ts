// What an exchange file is, from the first few kilobytes of its text: shared
// by the CLI, the API and the app's import. Pure: no Node, no DOM.

export const CASE_FILE_FORMAT = 'fieldbook-case';

export type ExchangeKind = 'case' | 'acled' | 'stix';

/** Whether a text's first line is an ACLED-style header (event_id_cnty and event_date among its columns). */
export function looksLikeAcled(head: string): boolean {
  const firstLine = head.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return /(^|,)"?event_id_cnty"?(,|$)/.test(firstLine) && /(^|,)"?event_date"?(,|$)/.test(firstLine);
}

/** Whether a text starts a JSON object that says it is a STIX bundle ("type": "bundle" and its "objects" or a STIX id near the top). */
export function looksLikeStixBundle(head: string): boolean {
  return /^\s*\{/.test(head) && /"type"\s*:\s*"bundle"/.test(head) && /"(objects|id)"\s*:\s*(\[|"bundle--)/.test(head);
}

/** A case file (its format marker near the top of a JSON object), a STIX bundle or an ACLED-style CSV; null for anything else (a document). */
export function exchangeKindOfText(head: string): ExchangeKind | null {
  const text = head.replace(/^\uFEFF/, '');
  if (/^\s*\{/.test(text) && new RegExp(`"format"\\s*:\\s*"${CASE_FILE_FORMAT}"`).test(text)) return 'case';
  if (looksLikeStixBundle(text)) return 'stix';
  if (looksLikeAcled(text)) return 'acled';
  return null;
}
