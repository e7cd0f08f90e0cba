/**
 * node dist/src/cli/coldstart.js DATABASE COLLECTION QUESTION
 *
 * The bench's cold start, in a process of its own: load what answering needs (the answer
 * engine, its text analysis and tagger model, the database layer), open the database, load
 * the collection (from its index snapshot), answer once. Prints the times since the process
 * started, in ms, as JSON. The bot's own process loads discord.js besides (about 0.5 s) and
 * logs in to the gateway before its first interaction.
 */
import { answer } from '../answer/engine.js';
import { Library } from '../library.js';
import { openDatabase } from '../storage/db.js';
import { Store } from '../storage/store.js';

const modules = performance.now();
const [path, collectionId, question] = process.argv.slice(2);
if (!path || !collectionId || !question) {
  console.error('usage: coldstart.js DATABASE COLLECTION QUESTION');
  process.exit(2);
}
const store = new Store(openDatabase(path));
const open = performance.now();
const library = new Library(store);
const collection = library.collection(collectionId);
const loaded = performance.now();
const result = answer(question, collection);
const firstAnswer = performance.now();
const { snapshotLoads, fullBuilds } = library.stats();
process.stdout.write(
  JSON.stringify({ modules, open, loaded, firstAnswer, snapshotLoads, fullBuilds, cited: result.citations.length }),
);
