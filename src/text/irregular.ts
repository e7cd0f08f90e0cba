/**
 * Irregular English verb forms mapped to their infinitive ("took" -> "take", "fled" -> "flee"),
 * derived from compromise's lexicon and conjugation rules (extracted into `lexicon-data.json`,
 * see `lexicon-source.ts`), for the forms Porter's stemmer cannot join. Forms that are also
 * common nouns or adjectives ("found", "left", "rose") are left out.
 */
import data from './lexicon-data.json' with { type: 'json' };

const table: ReadonlyMap<string, string> = new Map(Object.entries(data.irregular));

/** The infinitive of an irregular past form, or undefined. */
export function irregularInfinitive(word: string): string | undefined {
  return table.get(word);
}
