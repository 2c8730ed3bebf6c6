import type { Custody } from './custody.ts';
import type { AliasEntry, KeyEntry, PasskeyEntry } from './entries.ts';

/** A member's directory state after replaying its log up to `head`. */
export interface MemberState {
  memberId: string;
  /** Hash of the last applied operation and its sequence number. */
  head: string;
  seq: number;
  createdAt: number;
  updatedAt: number;
  keys: KeyEntry[];
  aliases: AliasEntry[];
  passkeys: PasskeyEntry[];
  /**
   * Present while a member created on a user's behalf is unclaimed (custody.ts): `keys` is empty
   * then, so nothing can act as the member; the custodian may change its aliases until `claimBy`.
   */
  custody?: Custody;
  /** Set by the claim: who held the member before and when the user took it over. */
  claimed?: { custodian: string; at: number };
}

export function findKey(state: MemberState, keyId: string): KeyEntry | undefined {
  return state.keys.find((k) => k.id === keyId);
}
