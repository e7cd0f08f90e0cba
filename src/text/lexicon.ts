/**
 * What kind of name a word is, from compromise's English lexicon (extracted into `lexicon-data.json`, see `lexicon-source.ts`) (first and last names,
 * honorifics, countries, cities, regions, organisations, demonyms, months and weekdays) and
 * its lists of words that end organisation and place names ("Council", "Island").
 * A hint, never a verdict: unknown names ("Shokri Ghanem") are simply not in it.
 */
import data from './lexicon-data.json' with { type: 'json' };
import type { LexiconData, NameHint } from './lexicon-source.js';

export type { NameHint } from './lexicon-source.js';

const lexicon = data as LexiconData;
const names = new Map(Object.entries(lexicon.names));
const orgWords = new Set(lexicon.orgWords);
const placeWords = new Set(lexicon.placeWords);

/**
 * Well-known places compromise's lexicon lacks ("Britain", "the Middle East"); names that are also common first or
 * last names ("Chad", "Hesse") are left out.
 */
const EXTRA_PLACES = [
  'britain',
  'holland',
  'congo',
  'tibet',
  'balkans',
  'caribbean',
  'middle east',
  'west bank',
  'sahara',
  'darfur',
  'kashmir',
  'kurdistan',
  'catalonia',
  'flanders',
  'sardinia',
  'crete',
  'eurasia',
  'scandinavia',
  'mesopotamia',
  'persia',
  'anatolia',
  'arabia',
  'levant',
  'sinai',
  'silicon valley',
  'brittany',
  'lombardy',
  'prussia',
  'bohemia',
  'moravia',
  'silesia',
  'andalusia',
  'castile',
  'provence',
  'burgundy',
  'westphalia',
  'transylvania',
  'bosnia',
  'laos',
  'philippines',
];
const extraPlaces = new Set(EXTRA_PLACES);

/**
 * Demonyms compromise's lexicon lacks, most of them those in "-ish" ("Swedish streaming service Nordtone", "the
 * Turkish presidency").
 */
const EXTRA_DEMONYMS = [
  'swedish',
  'turkish',
  'british',
  'danish',
  'polish',
  'irish',
  'spanish',
  'finnish',
  'english',
  'kurdish',
  'flemish',
  'yemeni',
  'somali',
  'argentinian',
  'catalan',
  'basque',
  'bavarian',
  'maltese',
  'cypriot',
  'uzbek',
  'tibetan',
  'nepali',
  'burmese',
  'laotian',
];
for (const word of EXTRA_DEMONYMS) {
  const hints = names.get(word) ?? [];
  if (!hints.includes('demonym')) names.set(word, [...hints, 'demonym']);
}

/**
 * Whether a folded word or multi-word name is a place: compromise's, or one of `EXTRA_PLACES`. For telling names
 * apart only; the analyser's demonym rule keeps to compromise's places, since index terms (and the tables built on
 * them) must not move with this list.
 */
export function isPlaceName(folded: string): boolean {
  return extraPlaces.has(folded) || nameHints(folded).includes('place');
}

/** Whether a folded word is a demonym ("french", "swedish"): compromise's, or one of `EXTRA_DEMONYMS`. */
export function isDemonym(folded: string): boolean {
  return nameHints(folded).includes('demonym');
}

/** Name hints for a folded word or multi-word name ("barack obama"). */
export function nameHints(folded: string): readonly NameHint[] {
  return names.get(folded) ?? NO_HINTS;
}

const NO_HINTS: readonly NameHint[] = [];

/** True for words that end organisation names: "council", "ministry", "university". */
export function isOrgWord(folded: string): boolean {
  return orgWords.has(folded) || EXTRA_ORG_WORDS.has(folded);
}

/** True for words that end place names: "island", "river", "county". */
export function isPlaceWord(folded: string): boolean {
  return placeWords.has(folded) || EXTRA_PLACE_WORDS.has(folded);
}

const EXTRA_ORG_WORDS = new Set([
  'council',
  'ministry',
  'government',
  'parliament',
  'senate',
  'congress',
  'committee',
  'commission',
  'court',
  'party',
  'union',
  'league',
  'federation',
  'alliance',
  'coalition',
  'forces',
  'army',
  'navy',
  'police',
  'department',
  'office',
  'agency',
  'organization',
  'organisation',
  'institute',
  'foundation',
  'society',
  'corporation',
  'company',
  'group',
  'bank',
  'school',
  'college',
  'university',
  'museum',
  'orchestra',
  'band',
  'club',
  'team',
  'network',
  'channel',
  'newspaper',
  'times',
  'post',
  'journal',
  'press',
  'records',
]);

const EXTRA_PLACE_WORDS = new Set([
  'city',
  'county',
  'province',
  'state',
  'district',
  'region',
  'island',
  'islands',
  'river',
  'lake',
  'sea',
  'ocean',
  'mountain',
  'mountains',
  'valley',
  'street',
  'avenue',
  'square',
  'park',
  'bridge',
  'airport',
  'station',
  'peninsula',
  'desert',
  'coast',
  'border',
  'strait',
  'straits',
  'bay',
  'gulf',
  'canal',
]);

/**
 * Words that stand before a person's name without being part of it: titles, roles,
 * nationalities. "Tunisian Foreign Minister Mouldi Kefi" -> "Mouldi Kefi".
 */
export const TITLE_WORDS: ReadonlySet<string> = new Set([
  'mr',
  'mrs',
  'ms',
  'miss',
  'dr',
  'sir',
  'dame',
  'lord',
  'lady',
  'prof',
  'professor',
  'president',
  'vice',
  'prime',
  'minister',
  'foreign',
  'defense',
  'defence',
  'interior',
  'finance',
  'secretary',
  'general',
  'chancellor',
  'king',
  'queen',
  'prince',
  'princess',
  'emperor',
  'empress',
  'pope',
  'saint',
  'st',
  'senator',
  'sen',
  'rep',
  'representative',
  'governor',
  'gov',
  'mayor',
  'judge',
  'justice',
  'chief',
  'deputy',
  'spokesman',
  'spokeswoman',
  'spokesperson',
  'ambassador',
  'envoy',
  'leader',
  'chairman',
  'chairwoman',
  'director',
  'commander',
  'colonel',
  'col',
  'captain',
  'capt',
  'lieutenant',
  'lt',
  'sergeant',
  'sgt',
  'admiral',
  'gen',
  'major',
  'maj',
  'officer',
  'official',
  'bishop',
  'archbishop',
  'cardinal',
  'rabbi',
  'imam',
  'sheikh',
  'ayatollah',
  'coach',
  'manager',
  'ceo',
  'executive',
  'chairperson',
  'commissioner',
  'economist',
  'analyst',
  'editor',
  'founder',
  'head',
  'armed',
  'forces',
  'state',
  'former',
  'late',
  'new',
  'top',
  'senior',
  'junior',
  'health',
  'trade',
  'economy',
  'oil',
  'army',
  'rebel',
  'opposition',
  'u.s',
  'us',
  'un',
  'eu',
  'nato',
  'french',
  'british',
  'american',
  'russian',
  'libyan',
]);
