import {
  type AliasValue,
  aliasValueSchema,
  appendOperation,
  assertValidKeyRef,
  base64url,
  type ClaimAttestation,
  equalBytes,
  type MemberState,
  maxClaimAttestationMs,
  normalizeAlias,
  ProtocolError,
  parseWith,
  publicKeyRefSchema,
  signObject,
} from '@tokenos/protocol';
import { z } from 'zod';
import {
  claimAlias,
  findAlias,
  insertVerification,
  liveOwner,
  markVerified,
} from '../aliases/alias-store.ts';
import { codeDigits, generateCode } from '../aliases/one-time-code.ts';
import { type OutboxMessage, writeOutbox } from '../aliases/outbox.ts';
import { aliasKeysFor, aliasLookupHash, codeHash } from '../aliases/pepper.ts';
import type { CloudDeps } from '../deps.ts';
import { appendToMember, loadMember } from '../members/member-store.ts';
import {
  advanceClaim,
  awaitingClaim,
  type ClaimRow,
  countRecentClaims,
  findClaim,
  insertClaim,
  takeClaimAttempt,
} from './custody-store.ts';
import { checkFresh } from './fresh.ts';

export const claimCodeTtlMs = 10 * 60_000;
export const maxClaimAttempts = 5;
/** Claims per alias per hour, from anyone: each mails a code to the address (see aliases/routes.ts). */
export const maxClaimsPerHour = 5;

export const claimStartSchema = z.strictObject({
  alias: aliasValueSchema,
  /** The claimer's new PRIVILEGED key: it signs every step and the claim operation. */
  key: publicKeyRefSchema,
});
export const claimVerifySchema = z.strictObject({
  code: z.string().regex(new RegExp(`^[0-9]{${codeDigits}}$`), `expected ${codeDigits} digits`),
});
export const claimCompleteSchema = z.strictObject({ operation: z.unknown() });
export const claimIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/, 'expected 22 base64url characters');

export interface ClaimStarted {
  claimId: string;
  expiresAt: number;
  attemptsLeft: number;
}

export interface ClaimVerified {
  claimId: string;
  memberId: string;
  /** The member as it is now (in custody): the claim appends to its head. */
  member: MemberState;
  attestation: ClaimAttestation;
  /** The alias the code proved, with its commitment's salt (the wallet keeps it, as for its own aliases). */
  alias: { type: 'EMAIL' | 'PHONE'; commitment: string; salt: string };
}

/** Parses the start body far enough to know which key must have signed it. */
export function claimStartKey(body: unknown) {
  const parsed = parseWith(claimStartSchema, body, 'claim');
  assertValidKeyRef(parsed.key, 'key');
  return parsed;
}

/**
 * Starts a claim: a code goes to the alias when a member created on someone's behalf awaits it. The
 * answer is the same when none does (a claim row with no member, whose code can't match), so
 * starting a claim does not reveal whether an address has a member waiting.
 */
export async function startClaim(
  deps: CloudDeps,
  input: { alias: AliasValue; key: z.infer<typeof publicKeyRefSchema> },
): Promise<ClaimStarted> {
  const alias = normalizeAlias(input.alias);
  if (alias.type === 'DOMAIN')
    throw new ProtocolError(
      'Malformed',
      'alias.type: a member is claimed by a code sent to an EMAIL or PHONE',
      {
        field: 'alias.type',
      },
    );
  const now = deps.now();
  const keys = await aliasKeysFor(deps);
  const lookupHash = aliasLookupHash(keys, alias);
  if ((await countRecentClaims(deps.db, lookupHash, now - 60 * 60_000)) >= maxClaimsPerHour)
    throw new ProtocolError(
      'Forbidden',
      `at most ${maxClaimsPerHour} claims for one address per hour; try later`,
      {
        field: 'alias.value',
      },
    );
  const memberId = await awaitingClaim(deps.db, lookupHash, now);
  const claimId = base64url(deps.randomBytes(16));
  const code = generateCode(deps.randomBytes);
  const expiresAt = now + claimCodeTtlMs;
  const message: OutboxMessage = {
    channel: alias.type === 'EMAIL' ? 'email' : 'sms',
    recipient: alias.value,
    subject: `Your ${deps.config.rpName} membership claim code`,
    body: `Your ${deps.config.rpName} code to claim your membership is ${code}. It expires in ${claimCodeTtlMs / 60_000} minutes. If you did not ask for it, ignore this message.`,
    createdAt: now,
  };
  await deps.db.transaction(async (tx) => {
    await insertClaim(tx, {
      claim_id: claimId,
      member_id: memberId ?? null,
      lookup_hash: lookupHash,
      key_id: input.key.id,
      claimant_key: input.key,
      code_hash: codeHash(keys, claimId, code),
      max_attempts: maxClaimAttempts,
      created_at: new Date(now),
      expires_at: new Date(expiresAt),
    });
    if (memberId) await writeOutbox(tx, message);
  });
  if (memberId) deps.outboxWritten?.();
  return { claimId, expiresAt, attemptsLeft: maxClaimAttempts };
}

export async function claimOrNotFound(deps: CloudDeps, claimId: string): Promise<ClaimRow> {
  if (!claimIdSchema.safeParse(claimId).success)
    throw new ProtocolError('Malformed', 'claimId: expected 22 base64url characters', { field: 'claimId' });
  const row = await findClaim(deps.db, claimId);
  if (!row) throw new ProtocolError('NotFound', 'no such claim', { field: 'claimId' });
  return row;
}

function refusal(row: ClaimRow, now: number): ProtocolError {
  if (row.status !== 'pending')
    return new ProtocolError('Conflict', 'this code was already used; a claim works once', { field: 'code' });
  if (row.attempts >= row.max_attempts)
    return new ProtocolError('Expired', `all ${row.max_attempts} attempts are used; start a new claim`, {
      field: 'code',
    });
  if (row.expires_at.getTime() <= now)
    return new ProtocolError(
      'Expired',
      `the code expired at ${row.expires_at.toISOString()}; start a new claim`,
      {
        field: 'code',
      },
    );
  return new ProtocolError('Conflict', 'the claim changed meanwhile; try again', { field: 'claimId' });
}

/**
 * The code proves control of the alias: the cloud, as the claim authority the merchant named,
 * signs an attestation for the claimer's key and the member's current head (custody.ts).
 */
export async function verifyClaim(deps: CloudDeps, claim: ClaimRow, input: unknown): Promise<ClaimVerified> {
  const { code } = parseWith(claimVerifySchema, input, 'claim code');
  const now = deps.now();
  const row = await takeClaimAttempt(deps.db, claim.claim_id, now);
  if (!row) throw refusal((await findClaim(deps.db, claim.claim_id)) ?? claim, now);
  const keys = await aliasKeysFor(deps);
  const left = row.max_attempts - row.attempts;
  // A claim with no member has a code nobody was sent: it fails here like any wrong code.
  if (!equalBytes(codeHash(keys, row.claim_id, code), row.code_hash) || row.member_id === null)
    throw new ProtocolError('Forbidden', `wrong code; ${left} attempts left`, { field: 'code' });
  const memberId = row.member_id;
  const member = await loadMember(deps.db, memberId);
  const custody = member?.custody;
  if (!member || !custody)
    throw new ProtocolError('Conflict', 'this member has already been claimed (or is gone)', {
      field: 'claimId',
    });
  if (custody.claimBy <= now)
    throw new ProtocolError('Expired', 'this member was not claimed in time and is gone', {
      field: 'claimId',
    });
  if (custody.claimAuthority.id !== deps.cloudKey.keyId)
    throw new ProtocolError(
      'Conflict',
      `the member names claim authority ${custody.claimAuthority.id}, not this cloud`,
      {
        field: 'claimId',
      },
    );
  if (!(await advanceClaim(deps.db, row.claim_id, 'pending', 'verified', now)))
    throw new ProtocolError('Conflict', 'this code was already used; a claim works once', { field: 'code' });
  const custodial = await deps.db.maybeOne<{
    commitment: string | null;
    salt: string | null;
    alias_type: 'EMAIL' | 'PHONE';
  }>('select commitment, salt, alias_type from custodial_members where member_id = $1', [memberId]);
  if (!custodial?.commitment || custodial.salt === null)
    throw new ProtocolError('Conflict', 'this member is gone', { field: 'claimId' });
  const attestation = await signObject(
    {
      type: 'ClaimAttestation' as const,
      version: 1 as const,
      member: memberId,
      prev: member.head,
      alias: { type: custodial.alias_type, commitment: custodial.commitment },
      keyId: row.key_id,
      authority: deps.cloudKey.keyId,
      issuedAt: now,
      expiresAt: now + maxClaimAttestationMs,
    },
    deps.cloudKey.signer,
  );
  return {
    claimId: row.claim_id,
    memberId,
    member,
    attestation,
    alias: { type: custodial.alias_type, commitment: custodial.commitment, salt: custodial.salt },
  };
}

/**
 * Appends the claim operation (signed by the claimer's key, carrying the attestation): the chain
 * rule checks everything a verifier would. Custody ends in the same transaction, and the alias the
 * code proved is indexed for resolution unless another member already verified it.
 */
export async function completeClaim(deps: CloudDeps, claim: ClaimRow, input: unknown): Promise<MemberState> {
  const { operation } = parseWith(claimCompleteSchema, input, 'claim completion');
  const now = deps.now();
  if (claim.status === 'pending' || claim.member_id === null)
    throw new ProtocolError('Conflict', 'verify the code first', { field: 'claimId' });
  if (claim.status === 'claimed')
    throw new ProtocolError('Conflict', 'this member has already been claimed', { field: 'claimId' });
  const memberId = claim.member_id;
  return deps.db.transaction(async (tx) => {
    const before = await loadMember(tx, memberId, { forUpdate: true });
    if (!before) throw new ProtocolError('NotFound', 'this member is gone', { field: 'claimId' });
    const { state, op } = await appendOperation(before, operation, deps.backend).catch((e: unknown) => {
      if (e instanceof ProtocolError)
        throw new ProtocolError(e.code, `operation: ${e.message}`, {
          field: `operation.${e.field ?? ''}`,
          cause: e,
        });
      throw e;
    });
    if (op.action.kind !== 'claim')
      throw new ProtocolError('Malformed', `operation.action.kind: expected claim, got ${op.action.kind}`, {
        field: 'operation.action.kind',
      });
    if (op.keyId !== claim.key_id)
      throw new ProtocolError('Forbidden', `operation.keyId: expected the claim's key ${claim.key_id}`, {
        field: 'operation.keyId',
      });
    checkFresh(op.createdAt, now, 'operation.createdAt');
    if (!(await advanceClaim(tx, claim.claim_id, 'verified', 'claimed', now)))
      throw new ProtocolError('Conflict', 'this member has already been claimed', { field: 'claimId' });
    await appendToMember(tx, state, op);
    const custodial = await tx.maybeOne<{
      lookup_hash: Uint8Array;
      commitment: string;
      alias_type: 'EMAIL' | 'PHONE';
    }>(
      `update custodial_members set status = 'claimed', claimed_at = $2
        where member_id = $1 and status = 'pending' returning lookup_hash, commitment, alias_type`,
      [memberId, new Date(now)],
    );
    if (!custodial)
      throw new ProtocolError('Conflict', 'this member has already been claimed', { field: 'claimId' });
    // The code proved the alias: index it, as a verified alias, unless someone else holds it.
    const held = await findAlias(tx, custodial.lookup_hash);
    if (!held || (held.member_id !== memberId && (await liveOwner(tx, held)) === undefined)) {
      await insertVerification(tx, {
        verificationId: claim.claim_id,
        memberId,
        type: custodial.alias_type,
        commitment: custodial.commitment,
        lookupHash: custodial.lookup_hash,
        codeHash: claim.code_hash,
        maxAttempts: claim.max_attempts,
        createdAt: claim.created_at.getTime(),
        expiresAt: claim.expires_at.getTime(),
      });
      await markVerified(tx, claim.claim_id, now);
      await claimAlias(tx, {
        lookupHash: custodial.lookup_hash,
        type: custodial.alias_type,
        commitment: custodial.commitment,
        memberId,
        verificationId: claim.claim_id,
        now,
      });
    }
    return state;
  });
}
