// Judged queries for the trust benchmark (bench/trust.ts): queries over the
// seeded store whose right answers were judged by hand, queries over the
// generated corpus whose targets are known by construction, and negative
// queries (words no text holds) whose right answer is nothing.
import { foldText } from '../db/shared/folding.ts';
import { consonantSkeleton, correctionBound, editDistance } from '../db/search/spelling.ts';
import { seededRandom, type GeneratedEntity, type GeneratedNote, type Random } from './corpus.ts';

export type JudgedClass =
  'exact name' | 'alias' | '1-2 typos' | 'no diacritics' | 'text words' | 'text word, typo' | 'multi-word' | 'Arabic script' | 'negative';

export interface JudgedQuery {
  query: string;
  class: JudgedClass;
  /** Record keys the query is meant to find (kind:seedKey on the seeded store); empty for negatives. */
  targets: string[];
  /** The query as meant, when typed otherwise (typos, another script): a record holding these words is a relevant hit too. */
  meant?: string;
}

const q = (cls: JudgedClass, query: string, targets: string[], meant?: string): JudgedQuery =>
  meant === undefined ? { query, class: cls, targets } : { query, class: cls, targets, meant };

const MWI = 'source:mwi-alliance-of-sahel-states';
const NEXUS = 'source:libya-niger-nexus';
const ISLIBYA = 'source:libya-politics-security-is-libya';
const AXADLE = 'source:axadle-sahel-pact';
const MAGHREB = 'source:maghreb-trilateral-coordination';

/** Judged by hand against resources/seed: the records each query is about. */
export const SEED_QUERIES: JudgedQuery[] = [
  // Exact names.
  q('exact name', 'Khalifa Haftar', ['actor:haftar']),
  q('exact name', 'Libyan National Army', ['actor:lna']),
  q('exact name', 'Tripoli', ['place:tripoli']),
  q('exact name', 'Wagner Group', ['actor:wagner-group', 'actor:africa-corps']),
  q('exact name', 'Rapid Support Forces', ['actor:rsf']),
  q('exact name', 'Mohamed Bazoum', ['actor:bazoum']),
  q('exact name', 'Alliance of Sahel States', ['actor:aes']),
  q('exact name', 'Ouagadougou', ['place:ouagadougou']),
  q('exact name', 'Operation Barkhane', ['actor:operation-barkhane']),
  q('exact name', 'Economic Community of West African States', ['actor:ecowas']),
  q('exact name', 'Kidal', ['place:kidal']),
  q('exact name', 'Thomas Waldhauser', ['actor:waldhauser']),
  q('exact name', 'Marcel Plichta', ['actor:marcel-plichta']),
  q('exact name', 'Loumbila', ['place:loumbila']),
  q('exact name', 'Fezzan', ['place:fezzan']),
  q('exact name', 'Djibo', ['place:djibo']),
  q('exact name', 'Sirte', ['place:sirte']),
  q('exact name', 'Task Force Takuba', ['actor:takuba']),
  q('exact name', 'Fulani', ['actor:fulani']),
  q('exact name', 'Point 35', ['place:point-35']),
  // Aliases, acronyms and other spellings stored on the record.
  q('alias', 'LNA', ['actor:lna']),
  q('alias', 'FAMa', ['actor:malian-armed-forces']),
  q('alias', 'Daesh', ['actor:islamic-state']),
  q('alias', 'ISIL', ['actor:islamic-state']),
  q('alias', 'AFRICOM', ['actor:africom']),
  q('alias', 'MINUSMA', ['actor:minusma']),
  q('alias', 'CEDEAO', ['actor:ecowas']),
  q('alias', 'Tarabulus', ['place:tripoli']),
  q('alias', 'Pentagon', ['actor:us-dod']),
  q('alias', 'West Point', ['actor:usma']),
  q('alias', 'Liptako-Gourma', ['place:tri-border-region']),
  q('alias', 'Peul', ['actor:fulani']),
  q('alias', 'Kremlin', ['actor:russia']),
  q('alias', 'Misurata', ['place:misrata']),
  q('alias', 'Toummo', ['place:al-toum-crossing']),
  q('alias', 'Afrika Korpus', ['actor:africa-corps']),
  q('alias', 'CNSP', ['actor:nigerien-junta']),
  q('alias', 'Ouaga', ['place:ouagadougou']),
  q('alias', 'Burkinabe army', ['actor:burkina-faso-armed-forces']),
  q('alias', 'Zuwarah', ['place:zuwara']),
  // Names with one or two typos (within the correction bound of the word).
  q('1-2 typos', 'haftr', ['actor:haftar'], 'haftar'),
  q('1-2 typos', 'Kalifa Haftar', ['actor:haftar'], 'khalifa haftar'),
  q('1-2 typos', 'wagnr', ['actor:wagner-group', 'actor:africa-corps'], 'wagner'),
  q('1-2 typos', 'Barkhan', ['actor:operation-barkhane'], 'barkhane'),
  q('1-2 typos', 'Bazuom', ['actor:bazoum'], 'bazoum'),
  q('1-2 typos', 'Ouagadougu', ['place:ouagadougou'], 'ouagadougou'),
  q('1-2 typos', 'Tchinai', ['actor:tchiani'], 'tchiani'),
  q('1-2 typos', 'Misratta', ['place:misrata'], 'misrata'),
  q('1-2 typos', 'Algeira', ['actor:algeria'], 'algeria'),
  q('1-2 typos', 'Tunsia', ['actor:tunisia', 'place:tunisia'], 'tunisia'),
  q('1-2 typos', 'Stutgart', ['place:stuttgart'], 'stuttgart'),
  q('1-2 typos', 'Waldhouzer', ['actor:waldhauser'], 'waldhauser'),
  q('1-2 typos', 'Plichat', ['actor:marcel-plichta'], 'plichta'),
  q('1-2 typos', 'Loumbilla', ['place:loumbila'], 'loumbila'),
  q('1-2 typos', 'Mediteranean', ['place:mediterranean'], 'mediterranean'),
  q('1-2 typos', 'Ouagadugu', ['place:ouagadougou'], 'ouagadougou'),
  q('1-2 typos', 'Burkina Fasso', ['actor:burkina-faso', 'place:burkina-faso'], 'burkina faso'),
  q('1-2 typos', 'Mohamed Bazum', ['actor:bazoum'], 'mohamed bazoum'),
  q('1-2 typos', 'Abdourahmane Tchani', ['actor:tchiani'], 'abdourahamane tchiani'),
  q('1-2 typos', 'Fezan', ['place:fezzan'], 'fezzan'),
  q('1-2 typos', 'Tripolli', ['place:tripoli'], 'tripoli'),
  q('1-2 typos', 'Sudna', ['place:sudan'], 'sudan'),
  q('1-2 typos', 'Gotia', ['actor:goita'], 'goita'),
  q('1-2 typos', 'Westfalian', [NEXUS], 'westphalian'),
  q('1-2 typos', 'mercenaires', [MWI], 'mercenaries'),
  // Names typed without their diacritics.
  q('no diacritics', 'Goita', ['actor:goita']),
  q('no diacritics', 'Traore', ['actor:traore']),
  q('no diacritics', 'Forces Armees Maliennes', ['actor:malian-armed-forces']),
  q('no diacritics', 'Alliance des Etats du Sahel', ['actor:aes']),
  q('no diacritics', 'Turkiye', ['actor:turkey']),
  q('no diacritics', 'Goita second coup', ['event:goita-second-coup']),
  q('no diacritics', 'Ibrahim Traore', ['actor:traore']),
  q('no diacritics', 'Etats du Sahel', ['actor:aes']),
  // Words of event summaries and source texts.
  q('text words', 'westphalian', [NEXUS]),
  q('text words', 'bayraktar', [MWI]),
  q('text words', 'kidnapped soldiers', ['event:lna-recaptures-al-toum', NEXUS]),
  q('text words', 'detainees', ['event:turkish-airstrikes-syria-camp', 'event:is-detainees-escape-northern-syria', ISLIBYA]),
  q('text words', 'ineligible', ['event:state-department-niger-coup-declaration', MWI]),
  q('text words', 'airline', ['event:aes-economic-ministers-meeting', MWI]),
  q('text words', 'valley', ['event:malian-advance-near-kidal']),
  q('text words', 'displaced persons', ['event:djibo-attack', MWI]),
  q('text words', 'reload drills', ['event:loumbila-drill']),
  q('text words', 'maritime cooperation', ['event:naveur-commander-visits-tunisia']),
  q('text words', 'interior ministers', ['event:trilateral-task-force-established', MAGHREB]),
  q('text words', 'security vacuum', ['event:us-departure-northern-syria']),
  q('text words', 'warlords', [NEXUS]),
  q('text words', 'insinuated', ['event:lna-warns-is-prisoner-escape', ISLIBYA]),
  q('text words', 'improvised explosive', [AXADLE]),
  q('text words', 'humanitarian', [AXADLE]),
  q('text words', 'drone base', ['event:state-department-niger-coup-declaration']),
  q('text words', 'foiled', ['event:burkina-coup-attempt-foiled']),
  q('text words', 'Stuttgart headquarters', [ISLIBYA]),
  q('text words', 'mountain ranges', ['event:malian-advance-near-kidal']),
  q('text words', 'rebranded', [NEXUS]),
  q('text words', 'overstretched', [AXADLE]),
  q('text words', 'geopolitical', [MAGHREB]),
  // Several words naming what happened.
  q('multi-word', 'niger coup', ['event:niger-coup', 'event:state-department-niger-coup-declaration']),
  q('multi-word', 'AFRICOM airstrikes Libya', ['event:africom-airstrikes-is-libya']),
  q('multi-word', 'Turkish invasion Syria', ['event:turkish-invasion-northern-syria']),
  q('multi-word', 'Malian army Kidal', ['event:malian-advance-near-kidal']),
  q('multi-word', 'Burkina Faso coup', ['event:burkina-faso-coup']),
  q('multi-word', 'France exit Niger', ['event:france-exit-from-niger']),
  q('multi-word', 'Islamic State Libya', ['actor:islamic-state-libya']),
  q('multi-word', 'task force Tripoli meeting', ['event:trilateral-task-force-tripoli-meeting']),
  q('multi-word', 'ECOWAS Niger standoff', ['event:ecowas-niger-standoff']),
  q('multi-word', 'IS detainees escape', ['event:is-detainees-escape-northern-syria']),
  q('multi-word', 'Haftar Tripoli Misrata', ['event:lna-warns-is-prisoner-escape']),
  q('multi-word', 'Russian personnel Ouagadougou', ['event:russian-personnel-to-ouagadougou']),
  q('multi-word', 'G5 Sahel force', ['actor:g5-sahel', 'event:aes-states-leave-g5-sahel']),
  q('multi-word', 'French UN withdrawal Mali', ['event:french-un-withdrawal-mali']),
  q('multi-word', 'Chadian army protocol', ['event:lna-chad-point-35-protocol']),
  // Arabic script, for records that carry an Arabic spelling as a transliteration alias.
  q('Arabic script', 'حفتر', ['actor:haftar'], 'haftar'),
  q('Arabic script', 'خليفة حفتر', ['actor:haftar'], 'khalifa haftar'),
  q('Arabic script', 'طرابلس', ['place:tripoli'], 'tripoli'),
  q('Arabic script', 'ليبيا', ['actor:libya', 'place:libya'], 'libya'),
  q('Arabic script', 'النيجر', ['actor:niger', 'place:niger'], 'niger'),
  q('Arabic script', 'مالي', ['actor:mali', 'place:mali'], 'mali'),
  q('Arabic script', 'داعش', ['actor:islamic-state'], 'daesh'),
  q('Arabic script', 'القاعدة', ['actor:al-qaeda'], 'al-qaeda'),
  q('Arabic script', 'فاغنر', ['actor:wagner-group'], 'wagner'),
  q('Arabic script', 'السراج', ['actor:serraj'], 'serraj'),
  q('Arabic script', 'بازوم', ['actor:bazoum'], 'bazoum'),
  q('Arabic script', 'سرت', ['place:sirte'], 'sirte'),
  q('Arabic script', 'مصراتة', ['place:misrata'], 'misrata'),
  q('Arabic script', 'كيدال', ['place:kidal'], 'kidal'),
  q('Arabic script', 'باماكو', ['place:bamako'], 'bamako'),
  q('Arabic script', 'الساحل', ['place:sahel'], 'sahel'),
  q('Arabic script', 'غويتا', ['actor:goita'], 'goita'),
  q('Arabic script', 'روسيا', ['actor:russia'], 'russia'),
  q('Arabic script', 'الجزائر', ['actor:algeria'], 'algeria'),
  q('Arabic script', 'فزان', ['place:fezzan'], 'fezzan'),
  q('Arabic script', 'قوات الدعم السريع', ['actor:rsf'], 'rapid support forces'),
];

/**
 * Candidate negative queries: words of the Sahel and Maghreb no seeded text
 * names, and everyday words far from the corpus. Each corpus keeps only those
 * it holds neither as a word nor as a near spelling (see cleanNegatives).
 */
export const NEGATIVE_CANDIDATES = (
  'tuareg zintan penguin menaka kangaroo volcano bitcoin tsunami saxophone glacier hurricane pineapple vaccine cholera ebola ' +
  'tennis jazz gazelle avalanche snowfall submarine lithium timbuktu gao mopti agadez tamanrasset ubari kufra sebha benghazi ' +
  'tobruk derna tibesti arlit tillaberi diffa tahoua jnim polisario hirak bouteflika tebboune dbeibah bashagha giraffe ' +
  'chocolate orchestra marathon blizzard tornado cathedral dolphin octopus broccoli espresso skyscraper tulip zebra hockey ' +
  'cricket wrestling keyboard mosquito pyjamas waffle pretzel yoghurt quartz wizard cyclone plywood scooter trumpet ' +
  'accordion pumpkin cucumber avocado jellyfish platypus walrus flamingo crocodile elephant telescope vineyard lighthouse ' +
  'microwave xylophone yacht volleyball cappuccino spaghetti wheelbarrow sunflower porcupine velvet puzzle ' +
  'طوارق الزنتان بنغازي تمبكتو'
)
  .split(' ')
  .concat(['jazz orchestra', 'penguin volcano', 'chocolate espresso', 'timbuktu tuareg', 'platypus walrus']);

/**
 * The candidates a corpus holds nowhere: not as a word, not as the start of
 * a word, not within the correction bound of a word, not with a word's
 * consonant skeleton. So nothing is the right answer, and any hit is wrong.
 */
export function cleanNegatives(candidates: readonly string[], vocabulary: ReadonlySet<string>, count: number): string[] {
  const skeletons = new Set<string>();
  for (const word of vocabulary) {
    const s = consonantSkeleton(word);
    if (s && s.length >= 3) skeletons.add(s);
  }
  const clean = (word: string) => {
    const bound = correctionBound(word);
    const skeleton = consonantSkeleton(word);
    if (skeleton && skeletons.has(skeleton)) return false;
    for (const v of vocabulary) if (v.startsWith(word) || editDistance(word, v, bound) <= bound) return false;
    return true;
  };
  const single = candidates.filter((c) => !c.includes(' ') && clean(foldText(c)));
  const several = candidates.filter((c) => c.includes(' ') && foldText(c).split(' ').every(clean));
  // A few several-word negatives, then single words up to `count`.
  return [...several, ...single].slice(0, count);
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/** One edit inside a word (never its first letter): substituted, dropped, doubled or swapped letters. */
export function typoInWord(random: Random, word: string): string {
  const chars = [...word];
  const at = 1 + Math.floor(random() * (chars.length - 2));
  const op = Math.floor(random() * 4);
  if (op === 0) {
    const swaps = [...'aeioustrnlkm'].filter((c) => c !== chars[at]);
    chars[at] = pick(random, swaps);
  } else if (op === 1) chars.splice(at, 1);
  else if (op === 2) chars.splice(at, 0, chars[at]!);
  else if (chars[at] !== chars[at + 1]) [chars[at], chars[at + 1]] = [chars[at + 1]!, chars[at]!];
  else chars.splice(at, 1);
  return chars.join('');
}

/** `edits` typos in the words of `text` long enough for the correction bound to allow them (5+ letters for 1, 7+ for 2). */
export function typosWithinBound(random: Random, text: string, edits: 1 | 2): string | undefined {
  const parts = text.split(/(\s+)/);
  const wordAt = parts.map((p, i) => [p, i] as const).filter(([p]) => /^\p{L}+$/u.test(p));
  if (edits === 2) {
    const long = wordAt.filter(([p]) => [...p].length >= 7);
    const mid = wordAt.filter(([p]) => [...p].length >= 5);
    if (long.length && (mid.length < 2 || random() < 0.5)) {
      const [word, i] = pick(random, long);
      let typed = typoInWord(random, word);
      for (let tries = 0; tries < 5; tries++) {
        const twice = typoInWord(random, typed);
        if (editDistance(foldText(word), foldText(twice), 2) === 2) {
          typed = twice;
          break;
        }
      }
      if (editDistance(foldText(word), foldText(typed), 2) !== 2) return undefined;
      parts[i] = typed;
      return parts.join('');
    }
    if (mid.length < 2) return undefined;
    const first = pick(random, mid);
    const second = pick(
      random,
      mid.filter((w) => w[1] !== first[1]),
    );
    parts[first[1]] = typoInWord(random, first[0]);
    parts[second[1]] = typoInWord(random, second[0]);
    return parts.join('');
  }
  const mid = wordAt.filter(([p]) => [...p].length >= 5);
  if (mid.length === 0) return undefined;
  const [word, i] = pick(random, mid);
  const typed = typoInWord(random, word);
  if (editDistance(foldText(word), foldText(typed), 1) !== 1) return undefined;
  parts[i] = typed;
  return parts.join('');
}

/** Strips accents (and Turkish ı, German ß) as a hurried typist would. */
export function withoutDiacritics(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ı/g, 'i').replace(/ß/g, 'ss').replace(/ø/g, 'o').replace(/ł/g, 'l');
}

const ARABIC = /\p{Script=Arabic}/u;

/** Queries being drawn: each class up to its count, no query twice, in the order drawn. */
interface QueryDraw {
  random: Random;
  out: JudgedQuery[];
  used: Set<string>;
}

/** Adds up to `count` queries from `make` (which may find none on a try), giving up after many tries. */
function take(draw: QueryDraw, count: number, make: () => JudgedQuery | undefined): void {
  for (let n = 0, tries = 0; n < count && tries < count * 200; tries++) {
    const query = make();
    if (!query || draw.used.has(query.query)) continue;
    draw.used.add(query.query);
    draw.out.push(query);
    n++;
  }
}

/** Entity names and aliases: exact, with typos, without accents, in Arabic script. */
function entityNameQueries(draw: QueryDraw, entities: GeneratedEntity[]): void {
  const { random } = draw;
  const entity = (filter: (e: GeneratedEntity) => boolean) => {
    const i = Math.floor(random() * entities.length);
    return filter(entities[i]!) ? ([entities[i]!, i] as const) : undefined;
  };
  // Names that more than one entity holds cannot have one judged target.
  const nameCount = new Map<string, number>();
  for (const e of entities) for (const n of [e.name, ...e.aliases]) nameCount.set(foldText(n), (nameCount.get(foldText(n)) ?? 0) + 1);
  const unique = (name: string) => nameCount.get(foldText(name)) === 1;

  take(draw, 15, () => {
    const found = entity((e) => unique(e.name) && !ARABIC.test(e.name));
    return found && q('exact name', found[0].name, [`entity:${found[1]}`]);
  });
  take(draw, 15, () => {
    const found = entity((e) => e.aliases.some((a) => !ARABIC.test(a) && unique(a)));
    if (!found) return undefined;
    const alias = pick(
      random,
      found[0].aliases.filter((a) => !ARABIC.test(a) && unique(a)),
    );
    return q('alias', alias, [`entity:${found[1]}`]);
  });
  take(draw, 25, () => {
    const found = entity((e) => unique(e.name) && !ARABIC.test(e.name));
    if (!found) return undefined;
    const typed = typosWithinBound(random, found[0].name, random() < 0.6 ? 1 : 2);
    return typed && typed !== found[0].name ? q('1-2 typos', typed, [`entity:${found[1]}`], found[0].name) : undefined;
  });
  take(draw, 10, () => {
    const found = entity((e) => unique(e.name) && withoutDiacritics(e.name) !== e.name);
    return found && q('no diacritics', withoutDiacritics(found[0].name), [`entity:${found[1]}`], found[0].name);
  });
  take(draw, 10, () => {
    const found = entity((e) => [e.name, ...e.aliases].some((n) => ARABIC.test(n) && unique(n)));
    if (!found) return undefined;
    return q(
      'Arabic script',
      pick(
        random,
        [found[0].name, ...found[0].aliases].filter((n) => ARABIC.test(n) && unique(n)),
      ),
      [`entity:${found[1]}`],
    );
  });
}

/** Words only one note holds (and no entity name): one word, one with a typo, two together. */
function noteWordQueries(draw: QueryDraw, entities: GeneratedEntity[], notes: GeneratedNote[]): void {
  const { random } = draw;
  const noteFrequency = new Map<string, number>();
  for (const note of notes)
    for (const w of new Set(foldText(`${note.title} ${note.text}`).match(/\p{L}+/gu) ?? []))
      noteFrequency.set(w, (noteFrequency.get(w) ?? 0) + 1);
  const entityWords = new Set(entities.flatMap((e) => foldText([e.name, ...e.aliases].join(' ')).match(/\p{L}+/gu) ?? []));
  const rareNote = () => {
    const i = Math.floor(random() * notes.length);
    const rare = notes[i]!.rare.filter((w) => noteFrequency.get(foldText(w)) === 1 && !entityWords.has(foldText(w)) && w.length >= 5);
    return rare.length ? ([rare, i] as const) : undefined;
  };
  take(draw, 15, () => {
    const found = rareNote();
    return found && q('text words', found[0][0]!, [`note:${found[1]}`]);
  });
  take(draw, 10, () => {
    const found = rareNote();
    if (!found) return undefined;
    const typed = typosWithinBound(random, found[0][0]!, 1);
    return typed ? q('text word, typo', typed, [`note:${found[1]}`], found[0][0]!) : undefined;
  });
  take(draw, 15, () => {
    const i = Math.floor(random() * notes.length);
    const [a, b] = notes[i]!.rare as [string, string];
    if (a === b) return undefined;
    return q('multi-word', `${a} ${b}`, [`note:${i}`]);
  });
}

/**
 * Judged queries over the generated corpus (bench/corpus.ts): entity names,
 * aliases, typos, accents dropped, Arabic-script names, and words only one
 * note holds. Keys: `entity:i`, `note:i`.
 */
export function generatedQueries(entities: GeneratedEntity[], notes: GeneratedNote[], seed: number): JudgedQuery[] {
  const draw: QueryDraw = { random: seededRandom(seed), out: [], used: new Set() };
  // In this order: both draw from the one seeded random sequence.
  entityNameQueries(draw, entities);
  noteWordQueries(draw, entities, notes);
  return draw.out;
}
