// The one rule for "signed by this member, with a key of this level, valid now" (seed 000, "Key
// Management": LOW < STANDARD < PRIVILEGED; "Public Keys": the directory maps a member id to its
// keys). Every service, the SDK, the wallet and the directory chain rule ask it, so a key refused
// in one place is refused, with the same code, everywhere.
//
// What the directory model allows the rule to tell apart:
// - a removed key leaves the member's state (chain.ts, removeKey), so it is UnknownKey, the same as
//   a key the member never had or a key of another member;
// - a key has an end (`expiresAt`, exclusive) but no start (entries.ts): no key is "not yet
//   valid". A key is valid from the operation that adds it, and the state does not keep when that
//   was; the signed object's own `createdAt` is the signer's claim and proves nothing about when
//   it was signed, so the rule judges the key at the time the caller passes (normally now).

import { type KeyLevel, levelAtLeast } from '../common.ts';
import { fromBase64url } from '../encoding.ts';
import { ProtocolError } from '../errors.ts';
import type { SignatureBackend } from '../signature.ts';
import { verifyObjectSignature } from '../signing.ts';
import type { KeyEntry } from './entries.ts';
import type { MemberState } from './state.ts';

/** The error codes of the key rule, in the order it checks them. */
export type KeyRuleCode = 'UnknownKey' | 'KeyExpired' | 'InsufficientKeyLevel';

export interface MemberKeyCheck {
  /** The directory state of the member that must have signed (only its id and keys are read). */
  member: Pick<MemberState, 'memberId' | 'keys'>;
  /** Who the signed thing says signed it. */
  signer: { memberId: string; keyId: string };
  /** The least level the act needs. */
  required: KeyLevel;
  /** When the key must be valid: normally now (epoch ms); the directory uses the operation's time. */
  now: number;
  /** Where the caller's input names the signer: every refusal names this field. */
  field: string;
}

/** Why a key of the member may not sign at `now`, or undefined when it may. Expiry is told first. */
function keyRefusal(
  key: Pick<KeyEntry, 'level' | 'expiresAt'>,
  required: KeyLevel,
  now: number,
): 'KeyExpired' | 'InsufficientKeyLevel' | undefined {
  // `expiresAt` is the first instant the key is no longer valid (entries.ts).
  if (key.expiresAt !== undefined && now >= key.expiresAt) return 'KeyExpired';
  if (!levelAtLeast(key.level, required)) return 'InsufficientKeyLevel';
  return undefined;
}

/** Whether `key` may sign something needing `required` at `now`: level high enough, not expired. */
export function isKeyUsable(
  key: Pick<KeyEntry, 'level' | 'expiresAt'>,
  required: KeyLevel,
  now: number,
): boolean {
  return keyRefusal(key, required, now) === undefined;
}

/**
 * The key rule: the signer is the member, the key is one of its current keys, unexpired at `now`
 * and of at least `required` level. Returns the key (to verify a signature with); throws a
 * ProtocolError with a KeyRuleCode otherwise.
 */
export function assertMemberKey(o: MemberKeyCheck): KeyEntry {
  const { member, signer, required, now, field } = o;
  const refuse = (code: KeyRuleCode, message: string): never => {
    throw new ProtocolError(code, message, { field });
  };
  if (signer.memberId !== member.memberId)
    refuse('UnknownKey', `expected a key of member ${member.memberId}, got one of ${signer.memberId}`);
  const key = member.keys.find((k) => k.id === signer.keyId);
  if (!key)
    return refuse(
      'UnknownKey',
      `expected a current key of member ${member.memberId}, got ${signer.keyId}, which it does not have`,
    );
  const refusal = keyRefusal(key, required, now);
  if (refusal === 'KeyExpired')
    refuse(
      refusal,
      `expected a key valid at ${new Date(now).toISOString()}, got ${key.id}, expired at ${new Date(key.expiresAt ?? now).toISOString()}`,
    );
  if (refusal === 'InsufficientKeyLevel')
    refuse(refusal, `expected a ${required} key or higher, got ${key.id} at ${key.level}`);
  return key;
}

export interface SignedByMemberKeyCheck extends MemberKeyCheck {
  /** The signed object: what is signed is its RFC 8785 bytes without `signature` (signing.ts). */
  signed: { signature: string };
  backend: SignatureBackend;
  /** Where the caller's input holds the signature: an InvalidSignature names this field. */
  signatureField: string;
}

/**
 * The key rule, then the object's signature under that key (InvalidSignature when it does not
 * verify). Returns the key.
 */
export async function assertSignedByMemberKey(o: SignedByMemberKeyCheck): Promise<KeyEntry> {
  const key = assertMemberKey(o);
  if (!(await verifyObjectSignature(o.signed, key.algorithm, fromBase64url(key.publicKey), o.backend)))
    throw new ProtocolError(
      'InvalidSignature',
      `expected a signature by ${key.id} of member ${o.member.memberId}; it does not verify`,
      { field: o.signatureField },
    );
  return key;
}
