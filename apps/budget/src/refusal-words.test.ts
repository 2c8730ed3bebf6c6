import { errorCodes } from '@tokenos/protocol';
import { describe, expect, it } from 'vitest';
import { setup } from './testing/budget-app.ts';

const fromAttribute = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('the words budget.js says for a refused connection', () => {
  it('the connect box carries a word for every code, each one of its own data-* words', async () => {
    const page = await (await setup().request('/')).text();
    const table = page.match(/data-refusals="([^"]*)"/)?.[1];
    expect(table).toBeDefined();
    const refusals = JSON.parse(fromAttribute(table ?? '{}')) as Record<string, string>;
    expect(Object.keys(refusals)).toEqual(expect.arrayContaining([...errorCodes, 'NoRequest']));
    expect(refusals.Expired).toBe('expired');
    expect(refusals.Internal).toBe('failed');
    for (const word of new Set(Object.values(refusals))) {
      const attribute = word.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
      expect(page, word).toMatch(new RegExp(`data-${attribute}="[^"]+"`));
    }
  });
});
