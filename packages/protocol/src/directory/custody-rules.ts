import { assertValidKeyRef, fail } from './checks.ts';
import { type ClaimAttestation, type Custody, maxClaimAttestationMs, type PublicKeyRef } from './custody.ts';
import { assertMemberKey } from './key-rule.ts';
import type { DirectoryAction, DirectoryOperation } from './operation.ts';
import type { MemberState } from './state.ts';

/** A claim's attestation and the key it must verify under; checked with the operation's signature. */
export interface ClaimCheck {
  attestation: ClaimAttestation;
  authority: PublicKeyRef;
}

type Applied = { state: MemberState; signingKey: PublicKeyRef; claim?: ClaimCheck };

/** The first operation of a member created on a user's behalf (custody.ts): signed by the custodian. */
export function applyCustodialCreate(
  op: DirectoryOperation,
  action: Extract<DirectoryAction, { kind: 'createCustodial' }>,
  hash: string,
): Applied {
  assertValidKeyRef(action.custodian.key, 'action.custodian.key');
  assertValidKeyRef(action.claimAuthority, 'action.claimAuthority');
  if (op.keyId !== action.custodian.key.id)
    fail(
      'UnknownKey',
      `createCustodial is signed by the custodian's key ${action.custodian.key.id}, not ${op.keyId}`,
      'keyId',
    );
  if (action.claimBy <= op.createdAt)
    fail(
      'Malformed',
      `action.claimBy: expected a time after createdAt ${op.createdAt}, got ${action.claimBy}`,
      'action.claimBy',
    );
  return {
    signingKey: action.custodian.key,
    state: {
      memberId: hash,
      head: hash,
      seq: 0,
      createdAt: op.createdAt,
      updatedAt: op.createdAt,
      // No keys: nothing can sign as this member until the user claims it (no money authority).
      keys: [],
      aliases: [action.alias],
      passkeys: [],
      custody: {
        custodian: action.custodian,
        claimAuthority: action.claimAuthority,
        claimBy: action.claimBy,
      },
    },
  };
}

function applyClaim(
  before: MemberState,
  custody: Custody,
  op: DirectoryOperation,
  action: Extract<DirectoryAction, { kind: 'claim' }>,
  hash: string,
): Applied {
  const keys = action.keys;
  for (const [i, k] of keys.entries()) assertValidKeyRef(k, `action.keys.${i}`);
  if (new Set(keys.map((k) => k.id)).size !== keys.length)
    fail('Malformed', 'action.keys: duplicate key id', 'action.keys');
  // The user's own PRIVILEGED key, one the claim adds, signs the takeover, never the custodian's
  // or the authority's.
  const signingKey = assertMemberKey({
    member: { memberId: before.memberId, keys },
    signer: { memberId: before.memberId, keyId: op.keyId },
    required: 'PRIVILEGED',
    now: op.createdAt,
    field: 'keyId',
  });
  const t = action.attestation;
  const expect = (ok: boolean, field: string, message: string) => {
    if (!ok) fail('Forbidden', `action.attestation.${field}: ${message}`, `action.attestation.${field}`);
  };
  expect(t.member === before.memberId, 'member', `expected ${before.memberId}, got ${t.member}`);
  expect(t.prev === before.head, 'prev', `expected the head ${before.head}, got ${t.prev}`);
  expect(t.keyId === op.keyId, 'keyId', `expected the claim's signing key ${op.keyId}, got ${t.keyId}`);
  expect(
    t.authority === custody.claimAuthority.id,
    'authority',
    `expected the claim authority ${custody.claimAuthority.id} named at creation, got ${t.authority}`,
  );
  expect(
    before.aliases.some((a) => a.type === t.alias.type && a.commitment === t.alias.commitment),
    'alias',
    `the member has no ${t.alias.type} alias ${t.alias.commitment}`,
  );
  expect(
    t.expiresAt > t.issuedAt && t.expiresAt - t.issuedAt <= maxClaimAttestationMs,
    'expiresAt',
    `expected at most ${maxClaimAttestationMs} ms after issuedAt ${t.issuedAt}, got ${t.expiresAt}`,
  );
  if (op.createdAt < t.issuedAt || op.createdAt >= t.expiresAt)
    fail(
      'Expired',
      `the attestation is good from ${t.issuedAt} until ${t.expiresAt}; the claim is at ${op.createdAt}`,
      'action.attestation.expiresAt',
    );
  const { custody: _ended, ...rest } = before;
  return {
    signingKey,
    claim: { attestation: t, authority: custody.claimAuthority },
    state: {
      ...rest,
      head: hash,
      seq: op.seq,
      updatedAt: op.createdAt,
      keys: [...keys],
      claimed: { custodian: custody.custodian.memberId, at: op.createdAt },
    },
  };
}

/** Any operation after the first on a member still in custody: the claim, or the custodian's alias edits. */
export function applyInCustody(
  before: MemberState,
  custody: Custody,
  op: DirectoryOperation,
  hash: string,
): Applied {
  if (op.createdAt >= custody.claimBy)
    fail(
      'Expired',
      `member ${before.memberId} was not claimed by ${custody.claimBy}: it can no longer change`,
      'createdAt',
    );
  const a = op.action;
  if (a.kind === 'claim') return applyClaim(before, custody, op, a, hash);
  const custodianKey = custody.custodian.key;
  if (op.keyId !== custodianKey.id)
    fail(
      'UnknownKey',
      `member ${before.memberId} is in custody: only its custodian's key ${custodianKey.id} changes it until the user claims it`,
      'keyId',
    );
  const next: MemberState = { ...before, head: hash, seq: op.seq, updatedAt: op.createdAt };
  if (a.kind === 'addAlias') {
    if (before.aliases.some((x) => x.commitment === a.alias.commitment))
      fail('Malformed', 'alias already present', 'action.alias');
    next.aliases = [...before.aliases, a.alias];
  } else if (a.kind === 'removeAlias') {
    if (!before.aliases.some((x) => x.commitment === a.commitment))
      fail('Malformed', 'alias not present', 'action.commitment');
    next.aliases = before.aliases.filter((x) => x.commitment !== a.commitment);
    // The alias is how the user claims the member: one always stays.
    if (next.aliases.length === 0)
      fail('Forbidden', 'a member in custody keeps at least one alias to be claimed by', 'action.commitment');
  } else
    fail(
      'Forbidden',
      `a custodian changes only aliases (got ${a.kind}): keys come only with the user's claim`,
      'action.kind',
    );
  if (next.aliases.length > 16) fail('Malformed', 'at most 16 aliases', 'action.alias');
  return { state: next, signingKey: custodianKey };
}
