import {
  type AliasValue,
  aliasCommitment,
  aliasValueSchema,
  base64url,
  type ClaimAttestation,
  type KeyEntry,
  type MemberState,
  type MemberTokenLimitations,
  type MetadataEntry,
  normalizeAlias,
  objectId,
  type PublicKeyRef,
  parseWith,
  signObject,
} from '@tokenos/protocol';
import type { CloudClient } from './client.ts';
import { generateKey } from './keys/generate.ts';
import type { KeyStore, PublicKeyInfo } from './keys/key-store.ts';
import { fetchVerifiedMember, Member, signNextOperation } from './member.ts';
import type { MemberTokenView } from './member-tokens.ts';
import { randomBytes } from './random.ts';

/**
 * Members created on a user's behalf by a merchant, and the user's claim (issue 9; protocol
 * `directory/custody.ts`). The merchant's side: createMemberOnBehalf, changeAliasInCustody. The
 * user's side: startClaim (a code goes to the alias), finishClaim (the code, then the claim
 * operation signed by new keys, then the log replayed and verified here, not trusted).
 */

export interface CustodyPolicy {
  claimAuthority: PublicKeyRef;
  maxCustodyMs: number;
}

export interface CustodialMemberCreated {
  member: MemberState;
  /** The loyalty-only member token the merchant holds (no payment authority). */
  memberToken: MemberTokenView;
}

export interface CreateOnBehalfOptions {
  /** The customer's address, unverified: the claim code goes there. */
  alias: AliasValue;
  limitations: MemberTokenLimitations;
  metadata?: MetadataEntry[];
  /** Epoch ms after which an unclaimed member is deleted; default and maximum: the cloud's. */
  claimBy?: number;
}

export function fetchCustodyPolicy(client: CloudClient): Promise<CustodyPolicy> {
  return client.get<CustodyPolicy>('/api/v1/custody/policy');
}

function publicRef(k: PublicKeyInfo): PublicKeyRef {
  return { id: k.id, algorithm: k.algorithm, publicKey: base64url(k.publicKey) };
}

function toEntry(k: PublicKeyInfo): KeyEntry {
  const e: KeyEntry = { ...publicRef(k), level: k.level };
  if (k.expiresAt !== undefined) e.expiresAt = k.expiresAt;
  return e;
}

/**
 * A merchant creates a member for a customer it knows: the member has no keys (it can endorse
 * nothing), the merchant is its custodian until the customer claims it, and a loyalty-only member
 * token is generated with it. The merchant's STANDARD key signs both the operation and the request.
 */
export async function createMemberOnBehalf(
  merchant: Member,
  opts: CreateOnBehalfOptions,
): Promise<CustodialMemberCreated> {
  const alias = normalizeAlias(parseWith(aliasValueSchema, opts.alias, 'alias'));
  const policy = await fetchCustodyPolicy(merchant.client);
  const signer = await merchant.signerFor('STANDARD');
  const key = (await merchant.keys()).find((k) => k.id === signer.keyId)!;
  const now = merchant.client.now();
  const salt = base64url(randomBytes(16));
  const operation = await signObject(
    {
      type: 'DirectoryOperation' as const,
      version: 1 as const,
      member: null,
      prev: null,
      seq: 0,
      createdAt: now,
      keyId: key.id,
      action: {
        kind: 'createCustodial' as const,
        custodian: { memberId: merchant.id, key: publicRef(key) },
        alias: { type: alias.type, commitment: aliasCommitment(alias, salt) },
        claimAuthority: policy.claimAuthority,
        claimBy: opts.claimBy ?? now + policy.maxCustodyMs,
      },
    },
    signer,
  );
  return merchant.client.send<CustodialMemberCreated>(
    'POST',
    '/api/v1/custody/members',
    {
      operation,
      alias,
      salt,
      memberToken: { limitations: opts.limitations, ...(opts.metadata ? { metadata: opts.metadata } : {}) },
    },
    signer,
  );
}

/** The custodian corrects the address of a member it holds (before the claim only). */
export async function changeAliasInCustody(
  merchant: Member,
  memberId: string,
  alias: AliasValue,
): Promise<MemberState> {
  const normal = normalizeAlias(parseWith(aliasValueSchema, alias, 'alias'));
  const state = await merchant.client.get<MemberState>(`/api/v1/members/${memberId}`);
  const custodianKey = state.custody?.custodian.key.id;
  const signer = await merchant.signerFor('STANDARD');
  const salt = base64url(randomBytes(16));
  const operation = await signNextOperation(
    state,
    {
      keyId: custodianKey ?? signer.keyId,
      action: { kind: 'addAlias', alias: { type: normal.type, commitment: aliasCommitment(normal, salt) } },
      now: merchant.client.now(),
    },
    custodianKey ? await merchant.keyStore.signer(merchant.id, custodianKey) : signer,
  );
  return merchant.client.send<MemberState>(
    'POST',
    `/api/v1/custody/members/${memberId}/operations`,
    { operation, alias: normal, salt },
    signer,
  );
}

/** A claim between its two steps; plain data, so an app can keep it across renders. */
export interface ClaimInProgress {
  claimId: string;
  expiresAt: number;
  attemptsLeft: number;
  /** Where the new keys wait in the key store until the claim names their member. */
  provisional: string;
  keyId: string;
}

export interface ClaimedMember {
  member: Member;
  alias: { type: 'EMAIL' | 'PHONE'; commitment: string; salt: string };
}

function claimantSigner(keyStore: KeyStore, claim: { provisional: string; keyId: string }) {
  return keyStore
    .signer(claim.provisional, claim.keyId)
    .then((s) => ({ ...s, keyid: `claimant:${claim.keyId}` }));
}

/**
 * Starts claiming a member a merchant created for this address: makes this device's PRIVILEGED
 * key (it signs every step) and asks for a code. The answer is the same whether or not a member
 * awaits the address; only a code in the inbox tells.
 */
export async function startClaim(
  client: CloudClient,
  keyStore: KeyStore,
  alias: AliasValue,
): Promise<ClaimInProgress> {
  const normal = normalizeAlias(parseWith(aliasValueSchema, alias, 'alias'));
  const provisional = `claim-${base64url(randomBytes(9))}`;
  const key = await generateKey(keyStore, provisional, 'PRIVILEGED', { now: client.now() });
  const signer = await claimantSigner(keyStore, { provisional, keyId: key.id });
  const started = await client.send<{ claimId: string; expiresAt: number; attemptsLeft: number }>(
    'POST',
    '/api/v1/custody/claims',
    { alias: normal, key: publicRef(key) },
    signer,
  );
  return { ...started, provisional, keyId: key.id };
}

/**
 * Finishes a claim with the code from the message: the cloud attests the proof, this device adds
 * its STANDARD and LOW keys beside the PRIVILEGED one and signs the claim operation, then replays
 * the member's whole log (verifyDirectoryLog) before it trusts the result. Returns the member, now
 * this device's, and the proven alias with its commitment's salt (keep it, as addAlias says).
 */
export async function finishClaim(
  client: CloudClient,
  keyStore: KeyStore,
  claim: ClaimInProgress,
  code: string,
): Promise<ClaimedMember> {
  const signer = await claimantSigner(keyStore, claim);
  const verified = await client.send<{
    memberId: string;
    member: MemberState;
    attestation: ClaimAttestation;
    alias: ClaimedMember['alias'];
  }>('POST', `/api/v1/custody/claims/${encodeURIComponent(claim.claimId)}/verify`, { code }, signer);
  const now = client.now();
  const privileged = (await keyStore.list(claim.provisional)).find((k) => k.id === claim.keyId);
  if (!privileged) throw new Error(`key ${claim.keyId} is no longer in the key store`);
  const others = [
    await generateKey(keyStore, claim.provisional, 'LOW', { now }),
    await generateKey(keyStore, claim.provisional, 'STANDARD', { now }),
  ];
  const { member, attestation } = verified;
  const operation = await signNextOperation(
    member,
    {
      keyId: privileged.id,
      action: { kind: 'claim', keys: [...others, privileged].map(toEntry), attestation },
      now,
      notBefore: attestation.issuedAt,
    },
    signer,
  );
  await client.send<MemberState>(
    'POST',
    `/api/v1/custody/claims/${encodeURIComponent(claim.claimId)}/complete`,
    { operation },
    signer,
  );
  // Trust nothing the cloud said: the log must replay to a state holding exactly these keys.
  const state = await fetchVerifiedMember(client, verified.memberId, {
    seq: operation.seq,
    hash: objectId(operation),
  });
  const ours = new Set([privileged.id, ...others.map((k) => k.id)]);
  if (state.custody || state.keys.length !== ours.size || state.keys.some((k) => !ours.has(k.id)))
    throw new Error(`member ${verified.memberId}'s log does not end with this device's claim`);
  await keyStore.rename(claim.provisional, verified.memberId);
  return { member: new Member(verified.memberId, client, keyStore), alias: verified.alias };
}
