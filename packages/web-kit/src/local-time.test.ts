import { describe, expect, it } from 'vitest';
import { localTime } from './local-time.ts';

describe('localTime', () => {
  it('gives the instant to machines and a readable UTC fallback, never a raw GMT string', () => {
    const at = Date.UTC(2026, 11, 7, 18, 5);
    expect(localTime(at).text).toBe(
      '<time datetime="2026-12-07T18:05:00.000Z" data-local="datetime">7 Dec 2026, 18:05 UTC</time>',
    );
    expect(localTime(at, 'date').text).toBe(
      '<time datetime="2026-12-07T18:05:00.000Z" data-local="date">7 Dec 2026</time>',
    );
    expect(localTime(at).text).not.toContain('GMT');
  });
});
