import { describe, expect, it } from 'vitest';
import { configure, resolveConfig } from './config.ts';
import { CheckoutError } from './errors.ts';

describe('configuration', () => {
  it('needs the wallet as an exact origin and the cloud as an http(s) URL', () => {
    expect(
      resolveConfig({ walletOrigin: 'https://wallet.example', cloudUrl: 'https://api.example/token/' }),
    ).toEqual({
      walletOrigin: 'https://wallet.example',
      cloudUrl: 'https://api.example/token',
    });
    for (const walletOrigin of [
      'https://wallet.example/',
      'https://wallet.example/approve',
      'wallet.example',
      '*',
      'javascript:alert(1)',
    ])
      expect(() => resolveConfig({ walletOrigin, cloudUrl: 'https://api.example' })).toThrow(CheckoutError);
    expect(() =>
      resolveConfig({ walletOrigin: 'https://wallet.example', cloudUrl: 'ftp://api.example' }),
    ).toThrow(/cloudUrl/);
  });

  it('options override what configure() (or the script tag) set', () => {
    configure({ walletOrigin: 'https://wallet.example', cloudUrl: 'https://api.example' });
    expect(resolveConfig().walletOrigin).toBe('https://wallet.example');
    expect(resolveConfig({ walletOrigin: 'https://other.example' }).walletOrigin).toBe(
      'https://other.example',
    );
  });
});
