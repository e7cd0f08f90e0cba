/**
 * Irregular English verb forms mapped to their infinitive ("took" -> "take", "fled" -> "flee"),
 * derived once from compromise's lexicon and conjugation rules, for the forms Porter's stemmer
 * cannot join. Forms that are also common nouns or adjectives ("found", "left", "rose") are left alone.
 */
import nlp from 'compromise';

const AMBIGUOUS = new Set([
  'found',
  'ground',
  'wound',
  'rose',
  'saw',
  'left',
  'lay',
  'bore',
  'lit',
  'bound',
  'felt',
  'fell',
  'spat',
  'tore',
  'was',
  'were',
  'been',
  'had',
  'did',
  'said',
  'meant',
  'lied',
  'msged',
  'dove',
  'hung',
  'shed',
  'ate',
  'sank',
]);

let table: ReadonlyMap<string, string> | undefined;

interface Compromise {
  model(): { one: { lexicon: Record<string, string | string[]> } };
  methods(): { two: { transform: { verb: { toInfinitive(word: string, model: unknown, tense: string): string } } } };
}

function build(): ReadonlyMap<string, string> {
  const c = nlp as unknown as Compromise;
  const model = c.model();
  const toInfinitive = c.methods().two.transform.verb.toInfinitive;
  const map = new Map<string, string>();
  for (const [word, value] of Object.entries(model.one.lexicon)) {
    if (word.includes(' ') || AMBIGUOUS.has(word)) continue;
    const tags = Array.isArray(value) ? value : [value];
    const tense = tags.includes('PastTense') ? 'PastTense' : tags.includes('Participle') ? 'Participle' : undefined;
    if (!tense) continue;
    const infinitive = toInfinitive(word, model, tense);
    if (infinitive && infinitive !== word && /^[a-z]+$/.test(infinitive)) map.set(word, infinitive);
  }
  return map;
}

/** The infinitive of an irregular past form, or undefined. */
export function irregularInfinitive(word: string): string | undefined {
  table ??= build();
  return table.get(word);
}
