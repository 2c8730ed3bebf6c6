import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findBadText, textIssue, textSchema } from './text.ts';

describe('protocol text (issue 13 item 4)', () => {
  it('refuses NUL, lone surrogates and bidirectional controls; keeps other text, emoji included', () => {
    for (const bad of [
      'a\u0000b',
      '\ud800',
      'x\udfff',
      '\ud83d',
      'Shop \u202Egnp.exe',
      '\u2067x',
      '\u200F',
      '\u061C',
    ])
      expect(textIssue(bad), JSON.stringify(bad)).toBeDefined();
    for (const ok of ['Order 42', 'Café Zoë', '😀 coffee', 'שלום', 'مرحبا', 'tab\tand\nnewline', ''])
      expect(textIssue(ok), ok).toBeUndefined();
  });

  it('accepts any well-formed string free of the refused characters (property)', () => {
    const refused = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/;
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (s) => {
        expect(textIssue(s) === undefined).toBe(!refused.test(s) && !s.includes('\u0000'));
      }),
    );
  });

  it('textSchema refuses what textIssue refuses, and overlong text', () => {
    const schema = textSchema({ min: 1, max: 5 });
    expect(schema.safeParse('abc').success).toBe(true);
    expect(schema.safeParse('abcdef').success).toBe(false);
    expect(schema.safeParse('a\u0000').success).toBe(false);
  });

  it('findBadText names the first bad string or key by its dotted path, at any depth', () => {
    expect(findBadText({ a: [{ b: 'ok' }, { c: 'x\ud800' }] })).toMatchObject({ field: 'a.1.c' });
    expect(findBadText({ first: '\u0000', second: '\u202E' })).toMatchObject({ field: 'first' });
    expect(findBadText({ 'k\u202Ey': 1 })).toMatchObject({ field: 'k\u202Ey' });
    expect(findBadText({ a: 1, b: [true, null, 'fine'] })).toBeUndefined();
    let deep: unknown = 'x\u0000';
    for (let i = 0; i < 50_000; i++) deep = [deep];
    expect(findBadText(deep)?.field.split('.')).toHaveLength(50_000);
  });
});
