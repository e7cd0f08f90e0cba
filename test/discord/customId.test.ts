import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Cooldowns } from '../../src/discord/cooldown.js';
import { decodeId, encodeId, intArg, pageArg } from '../../src/discord/customId.js';

describe('custom ids', () => {
  it('round-trips and stays within 100 characters', () => {
    const id = encodeId('ask', 'page', 123456789, 2);
    expect(id).toBe('fn:ask:page:123456789:2');
    expect(decodeId(id)).toEqual({ command: 'ask', action: 'page', args: ['123456789', '2'] });
    expect(() => encodeId('ask', 'x', 'a'.repeat(41))).toThrow();
    expect(() => encodeId('Ask', 'x')).toThrow();
  });

  it('rejects anything forged (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 120 }), (s) => {
        const decoded = decodeId(s);
        if (decoded) expect(encodeId(decoded.command, decoded.action, ...decoded.args)).toBe(s);
      }),
    );
    expect(decodeId('fn:ask')).toBeNull();
    expect(decodeId('xx:ask:page:1')).toBeNull();
    expect(decodeId(`fn:ask:page:${'1'.repeat(200)}`)).toBeNull();
  });

  it('reads numeric arguments strictly', () => {
    expect(intArg('12')).toBe(12);
    expect(intArg('0')).toBeNull();
    expect(intArg('1e3')).toBeNull();
    expect(pageArg('0')).toBe(0);
    expect(pageArg('1001')).toBeNull();
  });
});

describe('Cooldowns', () => {
  it('lets a user act once per period, per command', () => {
    let now = 0;
    const cooldowns = new Cooldowns(5, () => now);
    expect(cooldowns.take('ask', 'u1')).toBe(0);
    expect(cooldowns.take('ask', 'u1')).toBe(5);
    expect(cooldowns.take('search', 'u1')).toBe(0);
    expect(cooldowns.take('ask', 'u2')).toBe(0);
    now = 3500;
    expect(cooldowns.take('ask', 'u1')).toBe(2);
    now = 5000;
    expect(cooldowns.take('ask', 'u1')).toBe(0);
    expect(new Cooldowns(0).take('ask', 'u1')).toBe(0);
  });
});
