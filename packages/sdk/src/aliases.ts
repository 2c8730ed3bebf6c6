import {
  type AliasType,
  type AliasValue,
  aliasCommitment,
  aliasValueSchema,
  base64url,
  normalizeAlias,
  parseWith,
} from '@tokenos/protocol';
import type { Member } from './member.ts';
import { randomBytes } from './random.ts';

/** The cloud's answer when a verification starts. */
export interface AliasVerificationStarted {
  verificationId: string;
  type: AliasType;
  commitment: string;
  /** Epoch ms; after it, or once the attempts are used, start again with the same salt. */
  expiresAt: number;
  attemptsLeft: number;
  /** DOMAIN only: serve `document` as JSON at `url`, then call completeAliasVerification without a code. */
  domain?: { url: string; document: { memberId: string; token: string } };
}

export interface AddedAlias extends AliasVerificationStarted {
  /**
   * The salt of the alias's commitment in the directory. Only the owner has it, and without it the
   * alias can't be verified again or matched to its directory entry: the wallet stores it beside
   * the member's keys.
   */
  salt: string;
}

export interface AliasVerified {
  verificationId: string;
  memberId: string;
  alias: { type: AliasType; commitment: string };
  verifiedAt: number;
}

/**
 * Asks the cloud to verify an alias already in the member's directory under `salt` (a new code, or
 * a new DOMAIN token). Use it when a verification expired or ran out of attempts.
 */
export async function startAliasVerification(
  member: Member,
  alias: AliasValue,
  salt: string,
): Promise<AliasVerificationStarted> {
  const signer = await member.signerFor('PRIVILEGED');
  return member.client.send<AliasVerificationStarted>(
    'POST',
    '/api/v1/aliases/verifications',
    { alias: normalizeAlias(alias), salt },
    signer,
  );
}

/**
 * Adds an alias (EMAIL, PHONE, DOMAIN) to the member's directory as a salted commitment, the only
 * form the public log holds, and starts its verification. EMAIL and PHONE get a one-time code by
 * message; DOMAIN returns the document to publish. Keep the returned salt (see AddedAlias.salt).
 */
export async function addAlias(member: Member, alias: AliasValue): Promise<AddedAlias> {
  // Checked here first: the log is append-only, so a malformed alias must never reach it.
  const normal = normalizeAlias(parseWith(aliasValueSchema, alias, 'alias'));
  const salt = base64url(randomBytes(16));
  await member.applyDirectoryAction({
    kind: 'addAlias',
    alias: { type: normal.type, commitment: aliasCommitment(normal, salt) },
  });
  const started = await startAliasVerification(member, normal, salt);
  return { ...started, salt };
}

/** Completes a verification: the code from the message for EMAIL/PHONE, nothing for DOMAIN. */
export async function completeAliasVerification(
  member: Member,
  verificationId: string,
  code?: string,
): Promise<AliasVerified> {
  const signer = await member.signerFor('PRIVILEGED');
  return member.client.send<AliasVerified>(
    'POST',
    `/api/v1/aliases/verifications/${encodeURIComponent(verificationId)}/complete`,
    code === undefined ? undefined : { code },
    signer,
  );
}

/** Removes the alias's commitment from the directory; it stops resolving at once. */
export async function removeAlias(member: Member, alias: AliasValue, salt: string): Promise<void> {
  await member.applyDirectoryAction({ kind: 'removeAlias', commitment: aliasCommitment(alias, salt) });
}

/**
 * The member a verified alias belongs to; an ApiError `NotFound` when none (unknown or unverified
 * alike). Signed with the asker's LOW key: the cloud counts resolutions per member and per alias
 * (429 `TooManyRequests` with Retry-After past the budget), since each answer tells whether an
 * address belongs to a member.
 */
export async function resolveAlias(member: Member, alias: AliasValue): Promise<string> {
  const { type, value } = normalizeAlias(alias);
  const { memberId } = await member.client.send<{ memberId: string }>(
    'GET',
    `/api/v1/aliases/resolve?type=${encodeURIComponent(type)}&value=${encodeURIComponent(value)}`,
    undefined,
    await member.signerFor('LOW'),
  );
  return memberId;
}
