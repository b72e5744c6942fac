// Word lists for telling names from ordinary capitalised words. All folded
// (lowercase, no accents), as foldName writes them.

const set = (words: string) => new Set(words.split(/\s+/).filter(Boolean));

/** Small words that keep a name going when a capitalised word follows: "Department of the Army", "Abu Bakr al Baghdadi". */
export const CONNECTORS = set('of the for de des du la le al el bin ibn bint ben van von der da di y');

/** Arabic particles that may open a name when hyphen-joined to it: "al-Qaida", "el-Sisi". */
export const PARTICLES = set('al el ad an as ash at az ar bin ibn bint abu ben');

/** Words that are capitalised because a sentence or a heading starts with them, never names on their own. */
export const STOPWORDS = set(`
  a an the this that these those it its they them their there here he she we i you his her our my your us me him
  in on at by for from to of with without as after before during while when where which who whom whose what why how
  if but and or nor yet so although though because since despite however instead indeed thus also still even only
  just then now both each every all any some many most much more few other another such no not none nothing
  one two three four five six seven eight nine ten first second third last lastly next further furthermore
  moreover meanwhile nonetheless nevertheless therefore hence unlike like among amid amidst across against between
  beyond under over within according given rather whether once until unless upon via throughout toward towards
  is are was were be been being has have had do does did can could will would shall should may might must let
  yes see read click leave reply share follow subscribe advertisement photo image source note update
  mr mrs ms dr
`);

/** Dates are not names: months, days and their abbreviations. */
export const CALENDAR = set(`
  january february march april may june july august september october november december
  jan feb mar apr jun jul aug sep sept oct nov dec
  monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs fri sat sun
`);

/** Abbreviations whose full stop does not end a sentence. */
export const ABBREVIATIONS = set(`
  mr mrs ms dr st gen col lt sgt capt maj cpl adm brig prof sen gov rep jr sr no nos vs etc
  inc ltd co corp dept est approx fig
  jan feb mar apr jun jul aug sep sept oct nov dec
`);

/** Titles in front of a name: "President Bazoum", "General Thomas Waldhauser". */
export const TITLES = set(`
  president vice prime minister general gen colonel col lieutenant lt major maj captain capt sergeant sgt staff
  corporal cpl commander ambassador secretary spokesman spokeswoman spokesperson chief king queen prince princess
  sheikh shaykh emir amir sultan mr mrs ms dr prof professor senator governor mayor marshal admiral adm brigadier brig
  judge imam bishop director chairman chairwoman envoy deputy
`);
/** What may follow a title with "of": "Secretary of State", "Minister of Interior". */
export const TITLE_OFFICES = set('state defense defence interior foreign affairs staff justice finance');

/** Adjectives of nationality or region: "Russian logistics" names no one. */
export const DEMONYMS = set(`
  libyan african american moroccan mexican european french dutch greek arab arabic islamist jihadist salafist
  western eastern northern southern sahelian nigerian burkinabe malian kenyan korean sahrawi tuareg
  sunni shia shiite muslim christian
`);
const DEMONYM_END = /(?:ian|ean|ien|ienne|ese|ish|yan|can)$/;
export const isDemonym = (word: string): boolean => DEMONYMS.has(word) || (word.length > 4 && DEMONYM_END.test(word));

/** A nationality followed by one of these is a group: "Chadian rebels", "Egyptian intelligence", "Nigerien military junta". */
export const GROUP_NOUNS = set(`
  army forces force military militants rebels intelligence government junta troops authorities militia militias
  fighters paramilitaries mercenaries insurgents separatists jihadists navy police guard gendarmerie
`);
export const GROUP_MODIFIERS = set('special armed security military national regular elite task');
/** "Niger-based militants", "Russian-backed forces". */
export const ADJECTIVE_SUFFIXES = set('based backed led aligned linked affiliated allied sponsored');

/** Sentence-initial words with these endings are ordinary words ("Crucially", "Relying", "Officials"). */
export const COMMON_ENDING = /(?:ly|ing|ed|ers|ists|ions|ness|ments?|ity|ous|ive|ful|less|able)$/;

/** A name holding one of these is an actor. */
export const ACTOR_NAME_WORDS = set(`
  army forces force group council ministry department institute university organization organisation union alliance
  front brigade brigades movement party command corps agency academy government militia committee coalition
  association company bank court parliament assembly mission taskforce community office service services guard
  police navy battalion regiment division network times news press agency federation league authority school college
  foundation centre center fund programme program initiative
`);
/** A name holding one of these is a place. */
export const PLACE_NAME_WORDS = set(`
  crossing region province district governorate mountains mountain valley river sea ocean desert city island
  islands basin lake gulf strait coast zone point camp airport port airbase border frontier oasis plateau peninsula
  county square street road highway bridge dam bay cape hills heights
`);

/** "in Kidal", "near the Al-Toum crossing": what comes before a place. */
export const PLACE_PREPOSITIONS = set('in at near into across outside around throughout inside');
/** "from Tripoli", "to Kidal"; but also "loyal to Khalifa Haftar": half a vote. */
export const WEAK_PLACE_PREPOSITIONS = set('from to toward towards');
/** "Al-Toum crossing", "Fezzan region": what comes after a place. */
export const PLACE_FOLLOWERS = set(`
  crossing region border borders frontier province district governorate area city town village valley basin oasis
  desert coast mountains headquarters
`);
