import { describe, expect, it } from 'vitest';
import { defaultBanks, parseBankList, parseWalletConfig } from './bank-config.ts';

describe('the bank list (WALLET_BANKS)', () => {
  it('parses names and origins, with ids from the names', () => {
    expect(parseBankList(defaultBanks)).toEqual([
      { id: 'iron-bank', name: 'Iron Bank', url: 'http://localhost:4100' },
      { id: 'gold-bank', name: 'Gold Bank', url: 'http://localhost:4200' },
    ]);
    expect(parseBankList(' Bank = https://bank.example/ , ')).toEqual([
      { id: 'bank', name: 'Bank', url: 'https://bank.example' },
    ]);
    expect(parseBankList('')).toEqual([]);
  });

  it.each([
    ['no name', '=http://localhost:4100'],
    ['no URL', 'Iron Bank'],
    ['not http', 'Iron Bank=ftp://bank.example'],
    ['a path, not an origin', 'Iron Bank=http://localhost:4100/bank'],
    ['the same bank twice', 'Iron Bank=http://a.example,Iron  bank=http://b.example'],
  ])('refuses %s', (_why, text) => {
    expect(() => parseBankList(text)).toThrow(RangeError);
  });
});

describe('/config.json as the page reads it', () => {
  it('accepts the server’s shape and refuses anything else', () => {
    const banks = [{ id: 'iron-bank', name: 'Iron Bank', url: 'http://localhost:4100' }];
    expect(parseWalletConfig({ banks })).toEqual({ banks });
    expect(() => parseWalletConfig({ banks: [{ id: 'Iron Bank', name: 'x', url: 'http://a' }] })).toThrow();
    expect(() => parseWalletConfig({ banks: [{ id: 'x', name: 'x', url: 'not a url' }] })).toThrow();
    expect(() => parseWalletConfig([])).toThrow();
  });
});
