import { fileURLToPath } from 'node:url';
import { readCorpusFolder } from '../../src/corpus/folder.js';
import { Library } from '../../src/library.js';
import { openDatabase } from '../../src/storage/db.js';
import { Store } from '../../src/storage/store.js';

/** The test corpus: a copy of the seed article, so tests never read ../shared. */
export const FIXTURE_CORPUS = fileURLToPath(new URL('../fixtures/corpus', import.meta.url));

/** A library over `path` (a private in-memory database by default), seeded with the test corpus. */
export function testLibrary(path = ':memory:'): Library {
  return new Library(new Store(openDatabase(path)), { seed: () => readCorpusFolder(FIXTURE_CORPUS) });
}
