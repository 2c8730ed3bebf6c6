// Which address a payment that asks for one ships to before the user touches the picker (issue 14,
// item 5): for physical goods sharing an address is the default, and an address the user just
// added from the approval comes back to it chosen.
import { addressIdSchema, type StoredAddress } from '@tokenos/protocol';

/** The value of the picker: an address id, or `none` for "don't share an address". */
export type ShipTo = string | 'none';

/** The query parameter that carries the address just added back to the approval that asked for it. */
export const addedAddressParam = 'added-address';

/** `next` (a wallet path) with the id of the address added for it. */
export function withAddedAddress(next: string, addressId: string): string {
  const url = new URL(next, 'http://wallet.invalid');
  url.searchParams.set(addedAddressParam, addressId);
  return url.pathname + url.search;
}

/** The address id the approval's URL carries back from the profile, if it is one. */
export function parseAddedAddress(params: URLSearchParams): string | undefined {
  const parsed = addressIdSchema.safeParse(params.get(addedAddressParam));
  return parsed.success ? parsed.data : undefined;
}

/**
 * The address just added, if it is in the book; else the first one; with no address to share,
 * `none` where sharing is optional and nothing where it is required (the user must add one).
 */
export function defaultShipTo(
  requirement: 'required' | 'optional',
  addresses: readonly Pick<StoredAddress, 'id'>[],
  added: string | undefined,
): ShipTo | undefined {
  if (added && addresses.some((a) => a.id === added)) return added;
  return addresses[0]?.id ?? (requirement === 'optional' ? 'none' : undefined);
}
