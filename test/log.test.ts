import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/log.js';

describe('createLogger', () => {
  it('writes JSON lines and redacts tokens', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const log = createLogger('info', sink);
    log.info({ token: 'secret-token', config: { discordToken: 'secret-2' }, guild: '1' }, 'started');
    log.debug('hidden at info level');
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] as string);
    expect(entry).toMatchObject({
      msg: 'started',
      token: '[redacted]',
      config: { discordToken: '[redacted]' },
      guild: '1',
    });
    expect(lines[0]).not.toContain('secret');
  });
});
