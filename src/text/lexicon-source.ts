/**
 * Where `lexicon-data.json` comes from: compromise's English lexicon (names, places,
 * organisations, demonyms, months, weekdays), its lists of words that end organisation and place
 * names, and the irregular past forms its conjugation rules turn into infinitives.
 *
 * compromise takes about half a second to load, longer than the rest of Footnote together, and
 * only these tables of it are used; so they are extracted once (`npm run lexicon`) into a JSON
 * file that loads in milliseconds. A test holds the file equal to what this function makes.
 */
import nlp from 'compromise';

export type NameHint = 'first' | 'last' | 'person' | 'honorific' | 'place' | 'org' | 'demonym' | 'month' | 'weekday';

export interface LexiconData {
  /** Folded word or multi-word name -> its hints. */
  readonly names: Record<string, NameHint[]>;
  readonly orgWords: string[];
  readonly placeWords: string[];
  /** Irregular past form -> infinitive ("took" -> "take"). */
  readonly irregular: Record<string, string>;
}

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

/**
 * Past forms that are also common nouns or adjectives ("found", "left", "rose"), or too
 * common to matter, are left alone.
 */
const AMBIGUOUS_PAST_FORMS = new Set(
  'found ground wound rose saw left lay bore lit bound felt fell spat tore was were been had did said meant lied msged dove hung shed ate sank'.split(
    ' ',
  ),
);

interface Compromise {
  model(): {
    one: { lexicon: Record<string, string | string[]> };
    two: { orgWords: Record<string, boolean>; placeWords: Record<string, boolean> };
  };
  methods(): { two: { transform: { verb: { toInfinitive(word: string, model: unknown, tense: string): string } } } };
}

export function lexiconFromCompromise(): LexiconData {
  const c = nlp as unknown as Compromise;
  const model = c.model();
  const toInfinitive = c.methods().two.transform.verb.toInfinitive;
  const names: Record<string, NameHint[]> = {};
  const irregular: Record<string, string> = {};
  for (const [word, value] of Object.entries(model.one.lexicon).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const tags = Array.isArray(value) ? value : [value];
    const hints: NameHint[] = [];
    for (const tag of tags) {
      const hint = TAG_HINTS[tag];
      if (hint && !hints.includes(hint)) hints.push(hint);
    }
    if (hints.length > 0) names[word] = hints;
    if (word.includes(' ') || AMBIGUOUS_PAST_FORMS.has(word)) continue;
    const tense = tags.includes('PastTense') ? 'PastTense' : tags.includes('Participle') ? 'Participle' : undefined;
    if (!tense) continue;
    const infinitive = toInfinitive(word, model, tense);
    if (infinitive && infinitive !== word && /^[a-z]+$/.test(infinitive)) irregular[word] = infinitive;
  }
  const keys = (o: Record<string, boolean>) =>
    Object.keys(o)
      .filter((k) => o[k] === true)
      .sort();
  return { names, orgWords: keys(model.two.orgWords), placeWords: keys(model.two.placeWords), irregular };
}
