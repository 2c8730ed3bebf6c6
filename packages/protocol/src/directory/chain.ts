import { fromBase64url } from '../encoding.ts';
import { ProtocolError } from '../errors.ts';
import { objectId } from '../hash.ts';
import type { SignatureBackend } from '../signature.ts';
import { verifyObjectSignature } from '../signing.ts';
import { parseWith } from '../validate.ts';
import { assertValidKeyRef, fail } from './checks.ts';
import type { PublicKeyRef } from './custody.ts';
import { applyCustodialCreate, applyInCustody, type ClaimCheck } from './custody-rules.ts';
import { assertMemberKey, isKeyUsable } from './key-rule.ts';
import { assertHashesExtendHead, type LogHead } from './log-head.ts';
import { type DirectoryOperation, directoryOperationSchema } from './operation.ts';
import { findKey, type MemberState } from './state.ts';
import type { VerifiedLogMemo } from './verified-logs.ts';

/** The hash that names an operation (signature included): the next operation's `prev`. */
export function operationHash(op: DirectoryOperation): string {
  return objectId(op);
}

/**
 * The chain rule, pure and synchronous: given the state before (null for a new member) and the
 * next operation, either the state after or a ProtocolError. The signature is checked separately
 * (`verifyOperationSignature`) because verification is asynchronous on the server backend.
 * Returns the state, the key that must have signed and, for a claim, the attestation whose
 * signature must verify too (custody.ts).
 */
export function applyOperation(
  before: MemberState | null,
  op: DirectoryOperation,
): { state: MemberState; signingKey: PublicKeyRef; claim?: ClaimCheck } {
  const hash = operationHash(op);
  if (before === null && op.action.kind === 'createCustodial' && op.seq === 0 && op.prev === null)
    return applyCustodialCreate(op, op.action, hash);
  if (before === null) {
    if (op.action.kind !== 'create' || op.seq !== 0 || op.prev !== null)
      fail('BrokenChain', 'a log starts with a create operation at seq 0');
    const keys = op.action.keys;
    for (const [i, k] of keys.entries()) assertValidKeyRef(k, `action.keys.${i}`);
    if (new Set(keys.map((k) => k.id)).size !== keys.length)
      fail('Malformed', 'action.keys: duplicate key id', 'action.keys');
    if (!keys.some((k) => k.level === 'PRIVILEGED'))
      fail('InsufficientKeyLevel', 'a member needs at least one PRIVILEGED key', 'action.keys');
    // The first operation is self-signed by a PRIVILEGED key it introduces (seed 000: key changes need a valid key).
    const signingKey = assertMemberKey({
      member: { memberId: hash, keys },
      signer: { memberId: hash, keyId: op.keyId },
      required: 'PRIVILEGED',
      now: op.createdAt,
      field: 'keyId',
    });
    const aliases = op.action.aliases ?? [];
    if (new Set(aliases.map((a) => a.commitment)).size !== aliases.length)
      fail('Malformed', 'action.aliases: duplicate alias', 'action.aliases');
    return {
      signingKey,
      state: {
        memberId: hash,
        head: hash,
        seq: 0,
        createdAt: op.createdAt,
        updatedAt: op.createdAt,
        keys: [...keys],
        aliases: [...aliases],
        passkeys: [],
      },
    };
  }

  if (op.member !== before.memberId)
    fail('BrokenChain', `operation is for member ${op.member}, the log is ${before.memberId}`, 'member');
  if (op.seq !== before.seq + 1) fail('BrokenChain', `expected seq ${before.seq + 1}, got ${op.seq}`, 'seq');
  if (op.prev !== before.head) fail('BrokenChain', `expected prev ${before.head}, got ${op.prev}`, 'prev');
  if (op.createdAt < before.updatedAt)
    fail(
      'BrokenChain',
      `createdAt ${op.createdAt} is before the previous operation's ${before.updatedAt}`,
      'createdAt',
    );
  if (before.custody) return applyInCustody(before, before.custody, op, hash);
  if (op.action.kind === 'claim')
    fail('Conflict', `member ${before.memberId} is not in custody: there is nothing to claim`, 'action.kind');

  // Every directory change (keys, aliases, passkeys) needs PRIVILEGED (seed 000, "Key Management").
  const signingKey = assertMemberKey({
    member: before,
    signer: { memberId: before.memberId, keyId: op.keyId },
    required: 'PRIVILEGED',
    now: op.createdAt,
    field: 'keyId',
  });

  const next: MemberState = { ...before, head: hash, seq: op.seq, updatedAt: op.createdAt };
  const a = op.action;
  switch (a.kind) {
    case 'create':
    case 'createCustodial':
      fail('BrokenChain', `${a.kind} may only be the first operation`, 'action.kind');
      break;
    case 'addKey':
      assertValidKeyRef(a.key, 'action.key');
      if (findKey(before, a.key.id)) fail('Malformed', `key ${a.key.id} is already present`, 'action.key.id');
      next.keys = [...before.keys, a.key];
      break;
    case 'removeKey': {
      if (!findKey(before, a.keyId)) fail('UnknownKey', `key ${a.keyId} is not present`, 'action.keyId');
      next.keys = before.keys.filter((k) => k.id !== a.keyId);
      if (!next.keys.some((k) => isKeyUsable(k, 'PRIVILEGED', op.createdAt)))
        fail(
          'InsufficientKeyLevel',
          'removing this key would leave no usable PRIVILEGED key',
          'action.keyId',
        );
      break;
    }
    case 'addAlias':
      if (before.aliases.some((x) => x.commitment === a.alias.commitment))
        fail('Malformed', 'alias already present', 'action.alias');
      next.aliases = [...before.aliases, a.alias];
      break;
    case 'removeAlias':
      if (!before.aliases.some((x) => x.commitment === a.commitment))
        fail('Malformed', 'alias not present', 'action.commitment');
      next.aliases = before.aliases.filter((x) => x.commitment !== a.commitment);
      break;
    case 'addPasskey':
      if (before.passkeys.some((p) => p.credentialId === a.passkey.credentialId))
        fail('Malformed', 'passkey already present', 'action.passkey.credentialId');
      next.passkeys = [...before.passkeys, a.passkey];
      break;
    case 'removePasskey':
      if (!before.passkeys.some((p) => p.credentialId === a.credentialId))
        fail('Malformed', 'passkey not present', 'action.credentialId');
      next.passkeys = before.passkeys.filter((p) => p.credentialId !== a.credentialId);
      break;
  }
  return { state: next, signingKey };
}

export async function verifyOperationSignature(
  op: DirectoryOperation,
  key: PublicKeyRef,
  backend: SignatureBackend,
): Promise<boolean> {
  return verifyObjectSignature(op, key.algorithm, fromBase64url(key.publicKey), backend);
}

/** Applies one untrusted operation: schema, chain rule, then signature. */
export async function appendOperation(
  before: MemberState | null,
  input: unknown,
  backend: SignatureBackend,
): Promise<{ state: MemberState; op: DirectoryOperation }> {
  const op = parseWith(directoryOperationSchema, input, 'directory operation');
  const { state, signingKey, claim } = applyOperation(before, op);
  await assertOperationSignatures(op, signingKey, claim, backend);
  return { state, op };
}

/** The operation's own signature, and for a claim the claim authority's attestation. */
async function assertOperationSignatures(
  op: DirectoryOperation,
  signingKey: PublicKeyRef,
  claim: ClaimCheck | undefined,
  backend: SignatureBackend,
): Promise<void> {
  if (!(await verifyOperationSignature(op, signingKey, backend)))
    throw new ProtocolError(
      'InvalidSignature',
      `signature of operation seq ${op.seq} does not verify under key ${op.keyId}`,
      { field: 'signature' },
    );
  // The claim authority's word that the claimer proved the alias (custody.ts).
  if (
    claim &&
    !(await verifyObjectSignature(
      claim.attestation,
      claim.authority.algorithm,
      fromBase64url(claim.authority.publicKey),
      backend,
    ))
  )
    throw new ProtocolError(
      'InvalidSignature',
      `the claim attestation does not verify under the claim authority ${claim.authority.id}`,
      { field: 'action.attestation.signature' },
    );
}

export interface VerifyLogOptions {
  /** The member id the log must belong to. */
  memberId?: string;
  /** A head seen earlier (by this client or a bank): the log must extend it (log-head.ts), else StaleLog or Forked. */
  knownHead?: LogHead;
  /**
   * The claim authorities this verifier trusts (a bank pins the cloud's published keys). When
   * given, a member created in custody must name one of them, id, algorithm and public key alike:
   * otherwise whoever created it (a merchant, or a cloud that lies) could have named a key of its
   * own and attested the claim to itself. Absent: any authority the first operation names.
   */
  claimAuthorities?: readonly PublicKeyRef[];
  /**
   * Logs this verifier checked before (verified-logs.ts): operations that hash to the remembered
   * ones, from the first on, skip their signature checks; every other check runs, and the answer
   * (state or error) is the one a full replay gives. A log that passes is remembered.
   */
  memo?: VerifiedLogMemo;
}

function checkTrustedAuthority(named: PublicKeyRef, trusted: readonly PublicKeyRef[]): void {
  if (
    !trusted.some(
      (t) => t.id === named.id && t.algorithm === named.algorithm && t.publicKey === named.publicKey,
    )
  )
    throw new ProtocolError(
      'Forbidden',
      `log entry 0: the claim authority ${named.id} is not one this verifier trusts (${trusted.map((t) => t.id).join(', ') || 'none'})`,
      { field: '0.action.claimAuthority' },
    );
}

/**
 * Replays a whole log from its first operation (ARCHITECTURE.md: anyone, a bank included, can verify it
 * without trusting the cloud). Throws on a broken chain, a bad signature, or a fork.
 */
export async function verifyDirectoryLog(
  log: readonly unknown[],
  backend: SignatureBackend,
  options: VerifyLogOptions = {},
): Promise<MemberState> {
  if (log.length === 0) throw new ProtocolError('BrokenChain', 'empty directory log');
  let state: MemberState | null = null;
  const hashes: string[] = [];
  // The remembered log of this member (known once operation 0 names it), while it still matches.
  let remembered: readonly string[] | undefined;
  for (const [i, input] of log.entries()) {
    try {
      const op = parseWith(directoryOperationSchema, input, 'directory operation');
      const applied = applyOperation(state, op);
      state = applied.state;
      if (i === 0) remembered = options.memo?.verifiedHashes(state.memberId);
      if (remembered?.[i] !== state.head) {
        remembered = undefined;
        await assertOperationSignatures(op, applied.signingKey, applied.claim, backend);
      }
    } catch (e) {
      if (e instanceof ProtocolError)
        throw new ProtocolError(e.code, `log entry ${i}: ${e.message}`, {
          field: `${i}.${e.field ?? ''}`,
          cause: e,
        });
      throw e;
    }
    hashes.push(state.head);
    if (i === 0 && state.custody && options.claimAuthorities)
      checkTrustedAuthority(state.custody.claimAuthority, options.claimAuthorities);
  }
  const final = state as MemberState;
  if (options.memberId !== undefined && final.memberId !== options.memberId)
    throw new ProtocolError(
      'BrokenChain',
      `log is for member ${final.memberId}, expected ${options.memberId}`,
    );
  assertHashesExtendHead(hashes.length, (seq) => hashes[seq], options.knownHead);
  options.memo?.remember(final.memberId, hashes);
  return final;
}
