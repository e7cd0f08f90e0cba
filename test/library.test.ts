import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { answer } from '../src/answer/engine.js';
import { parseArticle } from '../src/corpus/article.js';
import { readCorpusFolder } from '../src/corpus/folder.js';
import { UserError } from '../src/errors.js';
import { Library } from '../src/library.js';
import { openDatabase } from '../src/storage/db.js';
import { Store } from '../src/storage/store.js';
import { readParagraph } from '../src/text/nlp.js';
import { analyseParagraph } from '../src/text/paragraph.js';
import { FIXTURE_CORPUS, testLibrary } from './helpers/library.js';
import { tempDir } from './helpers/tmp.js';

const dir = tempDir();

describe('Library', () => {
  it('starts a new collection with the bundled corpus, once', () => {
    const library = testLibrary(join(dir, 'a.db'));
    expect(library.listArticles('g1')).toHaveLength(1);
    library.removeArticle('g1', library.listArticles('g1')[0]?.id as number);
    library.unload('g1');
    // Reloading an existing collection does not seed it again.
    expect(library.listArticles('g1')).toHaveLength(0);
  });

  it('indexes an added article at once and forgets a removed one at once', () => {
    const library = testLibrary(join(dir, 'b.db'));
    const collection = library.collection('g1');
    const added = library.addArticle(
      'g1',
      {
        content: 'The harbour of Misrata was shelled on Tuesday, residents said.\nShips could not dock.',
        title: 'Harbour shelled',
      },
      'u1',
    );
    expect(answer('When was the harbour of Misrata shelled?', collection).answer).toBe('Tuesday');
    library.removeArticle('g1', added.id);
    expect(
      answer('When was the harbour of Misrata shelled?', collection).citations.every((c) => c.article.id !== added.id),
    ).toBe(true);
  });

  it('keeps collections apart', () => {
    const library = testLibrary(join(dir, 'c.db'));
    library.addArticle('g1', {
      content: 'Only the first server knows about the zeppelin parade in Oslo.',
      title: 'Zeppelins',
    });
    expect(answer('Where was the zeppelin parade?', library.collection('g1')).answer).toBe('Oslo');
    expect(answer('Where was the zeppelin parade?', library.collection('g2')).answer).toBeNull();
  });

  it('loses nothing when an article is refused', () => {
    const path = join(dir, 'd.db');
    const library = testLibrary(path);
    library.collection('g1');
    const before = library.listArticles('g1').map((a) => a.id);
    for (const bad of [{ content: '' }, { content: Buffer.from([0, 1, 2, 3]) }, { content: 'x', filename: 'a.exe' }]) {
      expect(() => library.addArticle('g1', bad)).toThrow(UserError);
    }
    const seedText = library.store
      .articleParagraphs(before[0] as number)
      .map((p) => p.text)
      .join('\n');
    expect(() => library.addArticle('g1', { content: seedText })).toThrow(/already here/);
    expect(library.listArticles('g1').map((a) => a.id)).toEqual(before);
    // And the database file agrees after a reopen.
    expect(new Store(openDatabase(path)).listArticles('g1').map((a) => a.id)).toEqual(before);
  });

  it('survives a restart: articles and answers come back from the file', () => {
    const path = join(dir, 'e.db');
    testLibrary(path).addArticle('g1', {
      content: 'The tanker Aurora carried 500,000 barrels of oil from Tobruk on Friday.',
      title: 'Tanker',
    });
    const restarted = testLibrary(path);
    expect(answer('How many barrels did the Aurora carry?', restarted.collection('g1')).answer).toBe('500,000');
  });
});

describe('Library memory budget', () => {
  it('drops the least recently used collections past the budget, and reloads them when asked', () => {
    const library = new Library(new Store(openDatabase(join(dir, 'lru.db'))), { memoryBudgetBytes: 3 * 200_000 });
    const article = (name: string) => ({
      content: Array.from(
        { length: 20 },
        (_, i) => `${name} paragraph ${i} says the harbour of ${name} reopened on day ${i}.`,
      ).join('\n'),
      title: name,
    });
    for (const name of ['alpha', 'beta', 'gamma', 'delta']) library.addArticle(name, article(name));
    // A collection as loaded from its snapshot (texts read on demand).
    const one = new Library(new Store(library.store.db)).collection('alpha').estimatedBytes;
    expect(one).toBeGreaterThan(1_000);
    // Budget for three of these: the fourth pushed out the least recently used.
    const budgeted = new Library(new Store(library.store.db), { memoryBudgetBytes: Math.floor(one * 3.5) });
    for (const name of ['alpha', 'beta', 'gamma']) budgeted.collection(name);
    budgeted.collection('alpha'); // alpha is now the most recent; beta the least
    budgeted.collection('delta');
    expect(budgeted.stats()).toMatchObject({ loaded: 3, loads: 4, evictions: 1 });
    expect(budgeted.isLoaded('beta')).toBe(false);
    expect(budgeted.isLoaded('alpha')).toBe(true);
    expect(
      answer('When did the harbour of beta reopen on day 3?', budgeted.collection('beta')).citations[0]?.text,
    ).toMatch(/beta paragraph 3/);
    expect(budgeted.stats()).toMatchObject({ loads: 5, evictions: 2 });
  });
});

describe('Library index snapshots', () => {
  const harbour = {
    content: 'The harbour of Misrata was shelled on Tuesday, residents said.\nShips could not dock.',
    title: 'Harbour shelled',
  };

  it('saves a snapshot at the first load and starts from it after a restart, reading texts only when asked', () => {
    const path = join(dir, 'snap-a.db');
    const first = testLibrary(path);
    first.collection('g1');
    expect(first.stats()).toMatchObject({ fullBuilds: 1, snapshotLoads: 0, snapshotSaves: 1 });
    const restarted = testLibrary(path);
    const collection = restarted.collection('g1');
    expect(restarted.stats()).toMatchObject({ fullBuilds: 0, snapshotLoads: 1, snapshotSaves: 0 });
    expect(collection.paragraphCount).toBe(first.collection('g1').paragraphCount);
    // Every text can be read in turn (acronyms are read so), without keeping what was read.
    const held = collection.estimatedBytes;
    const texts = [...collection.paragraphTexts()];
    expect(texts).toHaveLength(collection.paragraphCount);
    expect(texts.some((t) => t.includes('Moussa Koussa'))).toBe(true);
    expect(collection.estimatedBytes).toBe(held);
    const revision = collection.revision;
    const seedId = collection.articles()[0]?.id as number;
    const result = answer('Who defected?', collection);
    expect(result.answer).toMatch(/Koussa|Ghanem/);
    expect(result.citations[0]?.text).toMatch(/defect/);
    // An article added before anyone asked for paragraph ids keeps its own list; the loaded ones come from the index.
    const added = restarted.addArticle('g1', harbour);
    expect(collection.revision).toBeGreaterThan(revision);
    expect(collection.paragraphIdsOf(added.id)).toEqual(restarted.store.articleParagraphs(added.id).map((p) => p.id));
    expect(collection.paragraphIdsOf(seedId)).toEqual(first.collection('g1').paragraphIdsOf(seedId));
    // A paragraph id of another collection is not served through this one.
    const other = restarted.addArticle('g2', harbour);
    const otherId = restarted.store.articleParagraphs(other.id)[0]?.id as number;
    expect(collection.paragraph(otherId)).toBeUndefined();
  });

  it("keeps every paragraph's sentences and terms in the snapshot, as analysing its text again gives them", () => {
    const path = join(dir, 'snap-analysed.db');
    testLibrary(path).collection('g1');
    const restarted = testLibrary(path);
    const collection = restarted.collection('g1');
    expect(restarted.stats()).toMatchObject({ snapshotLoads: 1 });
    for (const id of collection.index.ids())
      expect(collection.index.analysed(id)).toEqual(analyseParagraph(restarted.store.paragraph(id)?.text ?? ''));
  });

  it('answers from the sentence readings stored with the paragraphs, and tags sentences whose readings are gone or damaged', () => {
    const library = testLibrary(join(dir, 'readings.db'));
    const collection = library.collection('g1');
    const asked: number[] = [];
    collection.useStoredReadings((id) => {
      asked.push(id);
      return library.store.paragraphReadings(id);
    });
    // Names no other test uses, so that no sentence is tagged already.
    const stories = ['Vardo Lintzek', 'Omari Quessel', 'Halvard Brisk'].map((name, k) => {
      const record = library.addArticle('g1', {
        title: `Defector ${k}`,
        content: `Officials in Tripoli said ${name} defected to Tunisia on Monday with two aides.`,
      });
      return { name, id: library.store.articleParagraphs(record.id)[0]?.id as number };
    });
    const [stored, gone, damaged] = stories as [(typeof stories)[0], (typeof stories)[0], (typeof stories)[0]];
    library.store.db.prepare('DELETE FROM paragraph_tags WHERE paragraph_id = ?').run(gone.id);
    library.store.db
      .prepare("UPDATE paragraph_tags SET readings = 'not a reading' WHERE paragraph_id = ?")
      .run(damaged.id);
    for (const story of [stored, gone, damaged]) {
      const result = answer(`Who defected to Tunisia with two aides, officials in Tripoli said?`, collection, {
        article: collection.paragraph(story.id)?.articleId as number,
      });
      expect(result.answer).toBe(story.name);
      expect(asked).toContain(story.id);
    }
  });

  it("reads a paragraph's stored readings once for several of its sentences, and forgets them with its article", () => {
    const library = testLibrary(join(dir, 'readings-once.db'));
    const collection = library.collection('g1');
    const record = library.addArticle('g1', {
      title: 'Harbour',
      content: 'The harbour of Misrata was shelled on Tuesday. Residents fled to the port. Ships waited offshore.',
    });
    const id = library.store.articleParagraphs(record.id)[0]?.id as number;
    const asked: number[] = [];
    const fromStore = (paragraphId: number) => {
      asked.push(paragraphId);
      return library.store.paragraphReadings(paragraphId);
    };
    collection.useStoredReadings(fromStore);
    const before = collection.estimatedBytes;
    const first = collection.storedReadings(id);
    expect(first).toBe(library.store.paragraphReadings(id));
    expect(collection.storedReadings(id)).toBe(first);
    expect(asked).toEqual([id]);
    // What it keeps counts in the memory budget's estimate.
    expect(collection.estimatedBytes).toBe(before + 2 * (first?.length ?? 0));
    // A source set anew forgets what was read; none stored is remembered too; a paragraph removed has none.
    library.store.db.prepare('DELETE FROM paragraph_tags WHERE paragraph_id = ?').run(id);
    collection.useStoredReadings(fromStore);
    expect(collection.estimatedBytes).toBe(before);
    expect(collection.storedReadings(id)).toBeUndefined();
    expect(collection.storedReadings(id)).toBeUndefined();
    expect(asked).toEqual([id, id]);
    collection.removeArticle(record.id);
    expect(collection.storedReadings(id)).toBeUndefined();
    expect(asked).toEqual([id, id]);
  });

  it('gives paragraphs stored by an older release their sentence readings when their collection is built from its rows', () => {
    const path = join(dir, 'older.db');
    const first = testLibrary(path);
    first.collection('g1');
    first.addArticle('g1', {
      title: 'Harbour',
      content: 'The harbour of Misrata was shelled on Tuesday, residents said.',
    });
    // As an older release left it: no readings, and a snapshot this release does not read.
    first.store.db.exec("DELETE FROM paragraph_tags; UPDATE index_snapshots SET data = x'00'");
    const restarted = testLibrary(path);
    restarted.collection('g1');
    expect(restarted.stats()).toMatchObject({ damagedSnapshots: 1 });
    const ids = restarted.collection('g1').index.ids();
    for (const id of ids)
      expect(restarted.store.paragraphReadings(id)).toBe(readParagraph(restarted.store.paragraph(id)?.text ?? ''));
    // At most as many characters a load as adding an article reads: none with a budget of one.
    restarted.store.db.exec('DELETE FROM paragraph_tags');
    expect(restarted.store.readUnreadParagraphs('g1', 1)).toBe(0);
    expect(restarted.store.readUnreadParagraphs('g1', Number.POSITIVE_INFINITY)).toBe(ids.length);
  });

  it('reads the texts of many paragraphs in one query, held as if read one by one, none of another collection', () => {
    const path = join(dir, 'snap-many.db');
    testLibrary(path).collection('g1');
    const restarted = testLibrary(path);
    const collection = restarted.collection('g1');
    const ids = [...collection.index.ids()].slice(0, 5);
    const other = restarted.addArticle('g2', harbour);
    const otherId = restarted.store.articleParagraphs(other.id)[0]?.id as number;
    const held = collection.estimatedBytes;
    collection.preload([...ids, otherId]);
    expect(collection.estimatedBytes).toBeGreaterThan(held);
    for (const id of ids) expect(collection.paragraph(id)?.text).toBe(restarted.store.paragraph(id)?.text);
    expect(collection.paragraph(otherId)).toBeUndefined();
    expect(restarted.store.paragraphs([ids[0] as number, 999_999])).toEqual([
      restarted.store.paragraph(ids[0] as number),
    ]);
  });

  it('brings an out-of-date snapshot in line with the database (another process added and removed articles)', () => {
    const path = join(dir, 'snap-b.db');
    testLibrary(path).collection('g1');
    // Another process (a shard) changed the rows and stopped before saving a snapshot.
    const other = new Store(openDatabase(path));
    other.addArticle('g1', parseArticle(harbour));
    other.removeArticle('g1', other.listArticles('g1')[0]?.id as number);
    const restarted = testLibrary(path);
    const collection = restarted.collection('g1');
    expect(restarted.stats()).toMatchObject({ fullBuilds: 0, snapshotLoads: 1 });
    expect(answer('When was the harbour of Misrata shelled?', collection).answer).toBe('Tuesday');
    expect(answer('Who defected?', collection).citations).toEqual([]);
    expect(collection.index.size).toBe(2);
  });

  it('rebuilds a damaged or missing snapshot, and saves a good one', () => {
    const path = join(dir, 'snap-c.db');
    testLibrary(path).collection('g1');
    const db = openDatabase(path);
    db.prepare("UPDATE index_snapshots SET data = randomblob(length(data)) WHERE collection_id = 'g1'").run();
    const damaged = testLibrary(path);
    expect(answer('Who defected?', damaged.collection('g1')).answer).toMatch(/Koussa|Ghanem/);
    expect(damaged.stats()).toMatchObject({ damagedSnapshots: 1, fullBuilds: 1, snapshotSaves: 1 });
    expect(testLibrary(path).collection('g1') && true).toBe(true);
    db.prepare("DELETE FROM index_snapshots WHERE collection_id = 'g1'").run();
    const missing = testLibrary(path);
    missing.collection('g1');
    expect(missing.stats()).toMatchObject({ damagedSnapshots: 0, fullBuilds: 1, snapshotSaves: 1 });
    const after = testLibrary(path);
    after.collection('g1');
    expect(after.stats()).toMatchObject({ fullBuilds: 0, snapshotLoads: 1 });
  });

  it('folds added articles into a new snapshot once the live segment has grown', () => {
    const path = join(dir, 'snap-d.db');
    const library = new Library(new Store(openDatabase(path)), { indexOptions: { compactAbove: 16 } });
    library.collection('g1');
    const saves = library.stats().snapshotSaves;
    for (let i = 0; i < 4; i++)
      library.addArticle('g1', {
        content: Array.from({ length: 6 }, (_, k) => `Ship ${i}-${k} docked at pier ${k} of port ${i}.`).join('\n'),
        title: `Port ${i}`,
      });
    expect(library.stats().snapshotSaves).toBeGreaterThan(saves);
    expect(library.collection('g1').index.liveSize).toBeLessThanOrEqual(16);
    const restarted = new Library(new Store(openDatabase(path)));
    expect(answer('Where did ship 3-2 dock?', restarted.collection('g1')).citations[0]?.text).toMatch(/Ship 3-2/);
  });
});

describe('Library snapshot failures', () => {
  it('answers from memory when a snapshot cannot be written, and counts it', () => {
    const path = join(dir, 'snap-e.db');
    class FullDisk extends Store {
      override saveIndexSnapshot(): void {
        throw new Error('SQLITE_FULL: database or disk is full');
      }
    }
    const library = new Library(new FullDisk(openDatabase(path)), { seed: () => readCorpusFolder(FIXTURE_CORPUS) });
    expect(answer('Who defected?', library.collection('g1')).answer).toMatch(/Koussa|Ghanem/);
    expect(library.stats()).toMatchObject({ fullBuilds: 1, snapshotSaves: 0, snapshotSaveFailures: 1 });
    expect(library.store.indexSnapshot('g1')).toBeUndefined();
  });
});
