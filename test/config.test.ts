import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_CORPUS_DIR, DEFAULT_DATABASE_PATH, parseConfig } from '../src/config.js';

describe('parseConfig', () => {
  it('has working defaults for the terminal', () => {
    expect(parseConfig({})).toEqual({
      databasePath: DEFAULT_DATABASE_PATH,
      corpusDir: DEFAULT_CORPUS_DIR,
      logLevel: 'info',
      allowPrivateUrls: false,
      noColor: false,
      cooldownSeconds: 3,
      memoryBudgetMb: 512,
    });
  });

  it('reads every variable', () => {
    const config = parseConfig({
      DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz012345',
      DISCORD_CLIENT_ID: '123456789012345678',
      DISCORD_GUILD_ID: '223456789012345678',
      DISCORD_API_BASE: 'http://127.0.0.1:9999/api/',
      DATABASE_PATH: '/tmp/x.db',
      CORPUS_DIR: '/tmp/corpus',
      LOG_LEVEL: 'debug',
      ALLOW_PRIVATE_URLS: 'true',
      NO_COLOR: '1',
    });
    expect(config).toMatchObject({
      discordApiBase: 'http://127.0.0.1:9999/api',
      databasePath: '/tmp/x.db',
      logLevel: 'debug',
      allowPrivateUrls: true,
      noColor: true,
    });
  });

  it('fails fast with every problem listed, and never echoes the token', () => {
    try {
      parseConfig({
        DISCORD_TOKEN: 'not-a-token',
        DISCORD_CLIENT_ID: 'abc',
        LOG_LEVEL: 'loud',
        ALLOW_PRIVATE_URLS: 'maybe',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toMatch(/DISCORD_TOKEN is not a bot token/);
      expect(message).toMatch(/DISCORD_CLIENT_ID must be the application id/);
      expect(message).toMatch(/LOG_LEVEL must be one of/);
      expect(message).toMatch(/ALLOW_PRIVATE_URLS must be true or false/);
      expect(message).not.toContain('not-a-token');
    }
  });

  it('treats blank values as unset', () => {
    expect(parseConfig({ DISCORD_TOKEN: '  ', DATABASE_PATH: '' }).discordToken).toBeUndefined();
  });
});

describe('parseConfig for Discord', () => {
  it('needs the application id with a token', () => {
    expect(() =>
      parseConfig({ DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.abcdefghijklmnopqrstuvwxyz012345' }),
    ).toThrow(/DISCORD_CLIENT_ID is missing/);
  });

  it('reads the cooldown', () => {
    expect(parseConfig({ COOLDOWN_SECONDS: '7' }).cooldownSeconds).toBe(7);
    expect(() => parseConfig({ COOLDOWN_SECONDS: '-1' })).toThrow(/COOLDOWN_SECONDS/);
  });
});
