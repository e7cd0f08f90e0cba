/**
 * npm run lexicon: write `src/text/lexicon-data.json` from compromise (see `src/text/lexicon-source.ts`).
 * Run it after upgrading compromise; `npm test` fails while the file is out of date.
 */
import { writeFileSync } from 'node:fs';
import { lexiconFromCompromise } from '../text/lexicon-source.js';

const path = process.argv[2] ?? 'src/text/lexicon-data.json';
const data = lexiconFromCompromise();
writeFileSync(path, `${JSON.stringify(data)}\n`);
console.log(
  `${path}: ${Object.keys(data.names).length} names, ${data.orgWords.length} organisation words, ${data.placeWords.length} place words, ${Object.keys(data.irregular).length} irregular verb forms`,
);
