/**
 * What kind of name a word is, from compromise's English lexicon (first and last names,
 * honorifics, countries, cities, regions, organisations, demonyms, months and weekdays) and
 * its lists of words that end organisation and place names ("Council", "Island").
 * A hint, never a verdict: unknown names ("Shokri Ghanem") are simply not in it.
 */
import nlp from 'compromise';

export type NameHint = 'first' | 'last' | 'person' | 'honorific' | 'place' | 'org' | 'demonym' | 'month' | 'weekday';

interface CompromiseModel {
  one: { lexicon: Record<string, string | string[]> };
  two: { orgWords: Record<string, boolean>; placeWords: Record<string, boolean> };
}

const compromiseModel = (nlp as unknown as { model(): CompromiseModel }).model();
const lexicon = compromiseModel.one.lexicon;
const orgWords = compromiseModel.two.orgWords;
const placeWords = compromiseModel.two.placeWords;

const TAG_HINTS: Record<string, NameHint> = {
  FemaleName: 'first',
  MaleName: 'first',
  FirstName: 'first',
  LastName: 'last',
  Person: 'person',
  Honorific: 'honorific',
  Country: 'place',
  City: 'place',
  Region: 'place',
  Place: 'place',
  Organization: 'org',
  SportsTeam: 'org',
  Demonym: 'demonym',
  Month: 'month',
  WeekDay: 'weekday',
};

/** Name hints for a folded word or multi-word name ("barack obama"). */
export function nameHints(folded: string): NameHint[] {
  const tags = lexicon[folded];
  if (tags === undefined) return [];
  const list = Array.isArray(tags) ? tags : [tags];
  const out: NameHint[] = [];
  for (const tag of list) {
    const hint = TAG_HINTS[tag];
    if (hint && !out.includes(hint)) out.push(hint);
  }
  return out;
}

/** True for words that end organisation names: "council", "ministry", "university". */
export function isOrgWord(folded: string): boolean {
  return orgWords[folded] === true || EXTRA_ORG_WORDS.has(folded);
}

/** True for words that end place names: "island", "river", "county". */
export function isPlaceWord(folded: string): boolean {
  return placeWords[folded] === true || EXTRA_PLACE_WORDS.has(folded);
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
