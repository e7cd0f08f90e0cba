import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../src/errors.js';
import { runRepl } from '../../src/terminal/repl.js';
import { HELP, TerminalSession } from '../../src/terminal/session.js';
import { testLibrary } from '../helpers/library.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();

type SessionOptions = ConstructorParameters<typeof TerminalSession>[0];

/** A session over a fresh test library; quizzes get a fixed seed. */
function session(fetch?: SessionOptions['fetch']) {
  return new TerminalSession({
    library: testLibrary(),
    collectionId: 'local',
    color: false,
    allowPrivateUrls: false,
    seed: () => 11,
    ...(fetch ? { fetch } : {}),
  });
}

describe('TerminalSession', () => {
  it('answers plain text and /ask with the answer and its passages', async () => {
    const s = session();
    const reply = await s.handle('who defected?');
    expect(reply.output.split('\n')[0]).toMatch(/Moussa Koussa; Shokri Ghanem/);
    expect(reply.output).toMatch(/¶19 \(Reuters\)/);
    expect((await s.handle('/ask When did Ashton visit the rebels?')).output).toMatch(/^Sunday/);
  });

  it('says what a misspelt word was read as', async () => {
    const out = (await session().handle('When did Ashtno visit the rebels?')).output;
    expect(out.split('\n')[0]).toMatch(/^Sunday/);
    expect(out.split('\n')[1]).toBe('  (Read "Ashtno" as "Ashton")');
  });

  it('shows how the articles begin for a request for what they say', async () => {
    const out = (await session().handle('tldr')).output;
    expect(out.split('\n')[0]).toBe('How the articles begin:');
    expect(out).toMatch(/NATO plans to use attack helicopters in Libya to help break a military stalemate/);
  });

  it('does not answer yes or no, and shows what the articles say', async () => {
    const out = (await session().handle('Did Shokri Ghanem defect?')).output;
    expect(out.split('\n')[0]).toBe('Footnote does not answer yes or no for the articles. What they say about it:');
    expect(out).toMatch(/\[1\].*defected/);
  });

  it('says not in the articles and shows the closest passages', async () => {
    const out = (await session().handle('What did Obama say about the helicopters?')).output;
    expect(out).toMatch(/^Not in the articles\. The closest passages:/);
    expect(out).toMatch(/\[1\]/);
  });

  it('bolds the answer in colour mode only', async () => {
    const library = testLibrary();
    const colour = new TerminalSession({ library, collectionId: 'local', color: true, allowPrivateUrls: false });
    expect((await colour.handle('Who edited the report?')).output).toContain('\u001b[1;33mAlison Williams\u001b[0m');
    expect((await session().handle('Who edited the report?')).output).not.toContain('\u001b[');
  });

  it('lists, searches, adds and removes articles', async () => {
    const s = session();
    expect((await s.handle('/articles')).output).toMatch(
      /#1 {2}NATO plans to use attack helicopters in Libya… {2}27 ¶, Reuters/,
    );
    expect((await s.handle('/search Ashton Benghazi')).output).toMatch(
      /Ashton said in the rebel stronghold of Benghazi/,
    );
    const misspelt = (await s.handle('/search Ashton Bengahzi')).output;
    expect(misspelt.split('\n')[0]).toBe('  (Read "Bengahzi" as "Benghazi")');
    expect(misspelt).toMatch(/Ashton said in the rebel stronghold of Benghazi/);
    const file = join(dir, 'oil.md');
    writeFileSync(
      file,
      '---\ntitle: Oil output falls\n---\n\nLibyan oil output fell to 100,000 barrels a day in May, the ministry said.\n',
    );
    expect((await s.handle(`/add ${file}`)).output).toMatch(/^Added #2 "Oil output falls" \(1 paragraphs\)/);
    expect((await s.handle('How much oil did Libya produce in May?')).output).toMatch(/100,000/);
    expect((await s.handle('/remove 2')).output).toBe('Removed #2 "Oil output falls".');
    expect((await s.handle('/articles')).output).not.toMatch(/Oil output/);
  });

  it('adds a page by URL through the fetcher', async () => {
    const s = session(async (url) => ({
      url,
      contentType: 'text/html',
      content: Buffer.from(
        '<html><head><title>Page</title></head><body><article><p>The harbour reopened on Friday after weeks of shelling, port officials said.</p></article></body></html>',
      ),
    }));
    expect((await s.handle('/add https://news.example/harbour')).output).toMatch(/^Added #2/);
    expect((await s.handle('When did the harbour reopen?')).output).toMatch(/^Friday/);
  });

  it('answers bad input with a clear message and keeps going', async () => {
    const s = session();
    expect((await s.handle('/remove abc')).output).toMatch(/^Sorry: Give the article number/);
    expect((await s.handle('/remove 999')).output).toBe('Sorry: There is no article #999 here.');
    expect((await s.handle('/add /no/such/file.txt')).output).toBe('Sorry: No file at /no/such/file.txt.');
    expect((await s.handle('/add')).output).toMatch(/^Sorry: Give a file/);
    expect((await s.handle('/search')).output).toMatch(/^Sorry:/);
    expect((await s.handle('/ask')).output).toMatch(/^Sorry: Ask a question/);
    expect((await s.handle(`/ask ${'why '.repeat(100)}`)).output).toMatch(/limited to 300 characters/);
    expect((await s.handle('/frobnicate')).output).toMatch(/Unknown command/);
    const failing = session(async () => {
      throw new UserError('FETCH_FAILED', 'The site answered 404; the page could not be fetched.');
    });
    expect((await failing.handle('/add https://x.example/missing')).output).toBe(
      'Sorry: The site answered 404; the page could not be fetched.',
    );
    expect((await s.handle('/articles')).output).toMatch(/27 ¶/);
  });

  it('has help and quit', async () => {
    const s = session();
    expect((await s.handle('/help')).output).toBe(HELP);
    expect(await s.handle('/quit')).toEqual({ output: '', quit: true });
  });
});

describe('runRepl with piped input', () => {
  it('answers each line and returns at the end of input', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    const done = runRepl(session(), { input, output }, () => {});
    input.end('who defected?\n\n/articles\n');
    await done;
    expect(text).toMatch(/^> who defected\?\nMoussa Koussa; Shokri Ghanem/);
    expect(text).toMatch(/> \/articles\n {2}#1/);
    expect(text).not.toContain('footnote>');
  });

  it('logs an unexpected failure and carries on', async () => {
    const broken = {
      handle: async (line: string) => (line === 'boom' ? Promise.reject(new Error('bug')) : { output: 'fine' }),
    } as unknown as TerminalSession;
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (chunk: Buffer) => {
      text += chunk.toString();
    });
    const errors: unknown[] = [];
    const done = runRepl(broken, { input, output }, (e) => errors.push(e));
    input.end('boom\nok\n');
    await done;
    expect(errors).toHaveLength(1);
    expect(text).toContain('Something went wrong with that command; it has been logged.');
    expect(text).not.toContain('bug');
    expect(text).toContain('fine');
  });
});

describe('/quiz in the terminal', () => {
  it('runs a solo multiple-choice quiz and scores it', async () => {
    const s = session();
    const start = (await s.handle('/quiz 2')).output;
    expect(start).toMatch(/^Quiz: 2 questions from your articles\. Answer A, B, C or D\./);
    expect(start).toMatch(/Question 1 of 2: .+\n {2}A\) .+\n {2}B\) /);
    expect((await s.handle('E')).output).toBe('Answer A, B, C or D (or /quiz stop).');
    const first = (await s.handle('A')).output;
    expect(first).toMatch(/^(Right|Not quite)/);
    expect(first).toMatch(/from #1 NATO plans to use attack helicopters in Libya…, ¶\d+: /);
    expect(first).toMatch(/Question 2 of 2/);
    const last = (await s.handle('b')).output;
    expect(last).toMatch(/Done: [0-2] of 2 right\.$/);
    // Back to questions after the quiz.
    expect((await s.handle('Who edited the report?')).output).toMatch(/^Alison Williams/);
  });

  it('takes typed answers in cloze mode, and stops on request', async () => {
    const s = session();
    const start = (await s.handle('/quiz 3 cloze')).output;
    expect(start).toMatch(/Type each answer\./);
    expect(start).not.toMatch(/ {2}A\) /);
    expect((await s.handle('certainly not this')).output).toMatch(/^Not quite: the answer is /);
    expect((await s.handle('/quiz stop')).output).toBe('Quiz stopped: 0 of 1 right.');
    expect((await s.handle('/quiz 99')).output).toMatch(/1 to 20 questions/);
  });
});
