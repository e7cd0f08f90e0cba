/**
 * The prompt. On a terminal it shows "footnote> " and keeps going until /quit or Ctrl-D; when
 * standard input is a pipe or a file it answers each line in turn and returns at the end.
 */
import { createInterface } from 'node:readline';
import type { TerminalSession } from './session.js';

export interface ReplStreams {
  readonly input: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly output: NodeJS.WritableStream;
}

export async function runRepl(
  session: TerminalSession,
  streams: ReplStreams,
  onError: (error: unknown) => void,
): Promise<void> {
  const interactive = streams.input.isTTY === true;
  const rl = createInterface({
    input: streams.input,
    output: interactive ? streams.output : undefined,
    terminal: interactive,
  });
  const write = (text: string) => {
    if (text) streams.output.write(`${text}\n`);
  };
  if (interactive) {
    write('Footnote: ask about the articles (try "who defected?"), or /help.');
    rl.setPrompt('footnote> ');
    rl.prompt();
  }
  for await (const line of rl) {
    if (!interactive && line.trim()) write(`> ${line.trim()}`);
    try {
      const reply = await session.handle(line);
      write(reply.output);
      if (reply.quit) break;
    } catch (error) {
      onError(error);
      write('Something went wrong with that command; it has been logged.');
    }
    if (interactive) {
      write('');
      rl.prompt();
    }
  }
  rl.close();
}
