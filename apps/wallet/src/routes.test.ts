import { describe, expect, it } from 'vitest';
import { isRoutePath, safeNextPath } from './routes.ts';

describe('routes', () => {
  it('knows its pages, with or without a trailing slash', () => {
    expect(isRoutePath('/grants/')).toBe(true);
    expect(isRoutePath('/nope')).toBe(false);
  });

  it('follows ?next= only to a page of this wallet', () => {
    expect(safeNextPath('/approve?request=abc&nonce=def')).toBe('/approve?request=abc&nonce=def');
    expect(safeNextPath('/link')).toBe('/link');
    for (const bad of [
      'https://evil.example/',
      '//evil.example/approve',
      '/\\evil.example',
      '/unknown',
      '',
      null,
    ])
      expect(safeNextPath(bad)).toBeUndefined();
  });
});
