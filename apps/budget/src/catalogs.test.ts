/// <reference types="vite/client" />
import { expectEveryCatalogComplete } from '@tokenos/i18n/testing';
import { describe, expect, it } from 'vitest';

describe("the budget app's words", () => {
  it('exist in every language with the same placeholders and the plural forms each needs', () => {
    const { catalogs } = expectEveryCatalogComplete(import.meta.glob('./**/*.messages.ts', { eager: true }));
    expect(catalogs).toBeGreaterThanOrEqual(2);
  });
});
