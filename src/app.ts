/** Opening the pieces every front end needs: the database, the store and the library. */
import type { Config } from './config.js';
import { readCorpusFolder } from './corpus/folder.js';
import { Library } from './library.js';
import { type Db, openDatabase } from './storage/db.js';
import { Store } from './storage/store.js';

export interface Opened {
  readonly db: Db;
  readonly library: Library;
  close(): void;
}

/** Open the database at `config.databasePath`; new collections start with the articles of `config.corpusDir`. */
export function openLibrary(
  config: Pick<Config, 'databasePath' | 'corpusDir'> & Partial<Pick<Config, 'memoryBudgetMb'>>,
): Opened {
  const db = openDatabase(config.databasePath);
  const library = new Library(new Store(db), {
    seed: () => readCorpusFolder(config.corpusDir),
    ...(config.memoryBudgetMb !== undefined ? { memoryBudgetBytes: config.memoryBudgetMb * 1024 * 1024 } : {}),
  });
  return {
    db,
    library,
    close: () => {
      if (db.open) db.close();
    },
  };
}
