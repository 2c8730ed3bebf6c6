import { describe, expect, it } from 'vitest';
import { addedAddressParam, defaultShipTo, parseAddedAddress, withAddedAddress } from './ship-to.ts';

const home = { id: 'h'.repeat(22) };
const work = { id: 'w'.repeat(22) };

describe('defaultShipTo', () => {
  it('shares the first address by default, also where sharing is optional', () => {
    expect(defaultShipTo('optional', [home, work], undefined)).toBe(home.id);
    expect(defaultShipTo('required', [home, work], undefined)).toBe(home.id);
  });

  it('chooses the address just added at checkout', () => {
    expect(defaultShipTo('optional', [home, work], work.id)).toBe(work.id);
    expect(defaultShipTo('required', [home, work], work.id)).toBe(work.id);
  });

  it('ignores an added id that is not in the address book (deleted since, or made up)', () => {
    expect(defaultShipTo('optional', [home], work.id)).toBe(home.id);
  });

  it('shares nothing when there is no address: none if optional, no choice yet if required', () => {
    expect(defaultShipTo('optional', [], undefined)).toBe('none');
    expect(defaultShipTo('required', [], undefined)).toBeUndefined();
  });
});

describe('the added address through the URL', () => {
  it('keeps the approval URL and adds the id, which reads back', () => {
    const next = withAddedAddress('/approve?request=abc&nonce=n1', work.id);
    const url = new URL(next, 'http://wallet.test');
    expect(url.pathname).toBe('/approve');
    expect(url.searchParams.get('request')).toBe('abc');
    expect(url.searchParams.get('nonce')).toBe('n1');
    expect(parseAddedAddress(url.searchParams)).toBe(work.id);
  });

  it('replaces an earlier added id instead of adding a second one', () => {
    const twice = withAddedAddress(withAddedAddress('/approve?request=abc', home.id), work.id);
    expect(new URL(twice, 'http://wallet.test').searchParams.getAll(addedAddressParam)).toEqual([work.id]);
  });

  it('reads nothing from a missing or malformed id', () => {
    expect(parseAddedAddress(new URLSearchParams())).toBeUndefined();
    expect(parseAddedAddress(new URLSearchParams({ [addedAddressParam]: '<script>' }))).toBeUndefined();
  });
});
