// One text normaliser for indexing and querying: what is folded here is
// folded the same way on both sides, so a query finds its target whatever
// case, accents or Arabic letter variant either was written in.

const ARABIC_VARIANTS: Record<string, string> = {
  ٱ: 'ا', // alef wasla
  ى: 'ي', // alef maqsura
  ی: 'ي', // Farsi yeh
  ک: 'ك', // keheh
  ة: 'ه', // ta marbuta
  ـ: '', // tatweel
};
const ARABIC_VARIANT_RE = /[ٱىیکةـ]/g;
const COMBINING_MARKS_RE = /\p{M}+/gu;
const APOSTROPHES_RE = /['‘’ʼʻʿʾ`´]/g;
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;

/** Case-, accent- and Arabic-variant-folded text; punctuation is kept. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS_RE, '')
    .replace(ARABIC_VARIANT_RE, (c) => ARABIC_VARIANTS[c] ?? c)
    .toLowerCase()
    .replace(/ß/g, 'ss');
}

/**
 * A name folded for matching: foldText, apostrophes dropped ("Qa'ida" is
 * "qaida"), every other run of punctuation or space made one space.
 */
export function foldName(name: string): string {
  return foldText(name).replace(APOSTROPHES_RE, '').replace(NON_WORD_RE, ' ').trim();
}
