import { fileURLToPath } from 'node:url';
import type { Collection } from '../../src/collection.js';
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

/** A collection of one article of `paragraphs`, in a library of its own (a private in-memory database, no corpus). */
export function collectionOf(paragraphs: readonly string[], title = 'Test'): Collection {
  const library = new Library(new Store(openDatabase(':memory:')));
  library.addArticle('test', { title, content: paragraphs.join('\n\n') });
  return library.collection('test');
}
