import { expectEveryCatalogComplete } from '@tokenos/i18n/testing';
import { describe, expect, it } from 'vitest';

describe("the wallet's words", () => {
  it('exist in every language, with the same placeholders and the plural forms each needs', () => {
    const modules = import.meta.glob('../**/*.messages.ts', { eager: true });
    const { catalogs, messages } = expectEveryCatalogComplete(modules);
    expect(catalogs).toBeGreaterThan(0);
    expect(messages).toBeGreaterThan(0);
  });
});
