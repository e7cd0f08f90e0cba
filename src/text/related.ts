/**
 * Related words from WordNet (see `related-source.ts`): the index terms a term's common senses share a synset with
 * or derive from ("die" - "death", "explain" - "explanation"). Loaded once from `related-data.json`.
 */
import { readFileSync } from 'node:fs';

// Read and parsed rather than imported: a 1.5 MB module costs the test runner's transform far more than JSON.parse
// (the build copies the file beside the compiled code).
const data: Record<string, string[]> = JSON.parse(
  readFileSync(new URL('./related-data.json', import.meta.url), 'utf8'),
);
const table: ReadonlyMap<string, readonly string[]> = new Map(Object.entries(data));
const NONE: readonly string[] = [];

/** The index terms related to an index term (none for most names and numbers). */
export function relatedTerms(term: string): readonly string[] {
  return table.get(term) ?? NONE;
}

/** True when a related term of `term` is in `terms`. */
export function hasRelated(term: string, terms: ReadonlySet<string>): boolean {
  for (const r of relatedTerms(term)) if (terms.has(r)) return true;
  return false;
}
