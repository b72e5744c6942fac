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
// Latin letters that NFKD does not take apart into a base letter and a mark.
const LATIN_LETTERS: Record<string, string> = {
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ŧ: 't',
  æ: 'ae',
  œ: 'oe',
  þ: 'th',
  ð: 'd',
  ß: 'ss',
};
const LATIN_LETTER_RE = /[ıłøđħŧæœþðß]/g;
const COMBINING_MARKS_RE = /\p{M}+/gu;
const ASCII_RE = /^[\x00-\x7f]*$/;
const APOSTROPHES_RE = /['‘’ʼʻʿʾ`´]/g;
const NON_WORD_RE = /[^\p{L}\p{N}]+/gu;

/**
 * Case-, accent- and Arabic-variant-folded text (ı, ł, ø and the like
 * included: "Akışık" is "akisik"); punctuation is kept. Changing what it folds
 * needs a migration that folds the indexes again (migration 6).
 */
export function foldText(text: string): string {
  // Plain ASCII has nothing to take apart or fold but its case (most names, and a good share of texts).
  if (ASCII_RE.test(text)) return text.toLowerCase();
  return text
    .normalize('NFKD')
    .replace(COMBINING_MARKS_RE, '')
    .replace(ARABIC_VARIANT_RE, (c) => ARABIC_VARIANTS[c] ?? c)
    .toLowerCase()
    .replace(LATIN_LETTER_RE, (c) => LATIN_LETTERS[c] ?? c);
}

/**
 * A name folded for matching: foldText, apostrophes dropped ("Qa'ida" is
 * "qaida"), every other run of punctuation or space made one space.
 */
export function foldName(name: string): string {
  return foldText(name).replace(APOSTROPHES_RE, '').replace(NON_WORD_RE, ' ').trim();
}
