import {
  type AccessTokenPayload,
  type AccountBalance,
  type AccountResource,
  type AccountScope,
  accessTokenPayloadSchema,
  assertSignedByMemberKey,
  endorsementScaChallenge,
  endorsementSchema,
  formatAmount,
  isAccountResource,
  type LinkedAccount,
  ProtocolError,
  parseWith,
  requiredEndorsementLevel,
  type TransactionsPage,
  tokenId as tokenIdOf,
  tokenIdSchema,
} from '@tokenos/protocol';
import { z } from 'zod';
import type { BankDeps } from '../deps.ts';
import { maskAccountNumber } from '../ledger/iban.ts';
import { loadAccount } from '../ledger/ledger.ts';
import { transactionsPage } from '../ledger/transactions-page.ts';
import { type ResolvedRef, resolveAccountRef } from '../link/store.ts';
import { noteGrantEnded, recordGrantRead } from '../online/access-store.ts';
import { grantApp } from '../online/grant-app.ts';
import { grantStatusAtCloud } from '../online/grant-status.ts';
import { verifyPasskeyAssertion } from './passkey.ts';

const accountRefField = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'expected an opaque account reference');
const grantFields = { tokenId: tokenIdSchema, payload: z.unknown(), endorsement: z.unknown() };
export const accountsRequestSchema = z.strictObject(grantFields);
export const balanceRequestSchema = z.strictObject({ ...grantFields, accountRef: accountRefField });
export const transactionsRequestSchema = z.strictObject({
  ...grantFields,
  accountRef: accountRefField,
  cursor: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,200}$/)
    .optional(),
  limit: z.number().int().min(1).max(200).optional(),
});

interface Grant {
  tokenId: string;
  payload: AccessTokenPayload;
  /** The grant's resources at this bank. */
  resources: AccountResource[];
}

/**
 * Re-verifies an access grant before any read (seed 000: banks verify every transaction): the
 * token id is the hash of the payload, the grant is in force now, the grantor's endorsement is
 * signed by a current STANDARD key of the grantor's own directory log (replayed here), SCA is a
 * passkey assertion bound to this token (PSD2 RTS Art. 10: access needs SCA), and the cloud,
 * asked with this bank's own signature, says nobody cancelled it. Fails closed: no answer from the
 * cloud is no read.
 */
async function verifyGrant(
  deps: BankDeps,
  req: { tokenId: string; payload: unknown; endorsement: unknown },
): Promise<Grant> {
  const payload = parseWith(accessTokenPayloadSchema, req.payload, 'access token');
  if (tokenIdOf(payload) !== req.tokenId)
    throw new ProtocolError('Malformed', `token id ${req.tokenId} is not the hash of the payload`, {
      field: 'tokenId',
    });
  const now = deps.now();
  if (now < payload.effectiveAt)
    throw new ProtocolError(
      'NotYetValid',
      `the grant starts at ${new Date(payload.effectiveAt).toISOString()}`,
      { field: 'effectiveAt' },
    );
  if (now >= payload.expiresAt)
    throw new ProtocolError('Expired', `the grant expired at ${new Date(payload.expiresAt).toISOString()}`, {
      field: 'expiresAt',
    });
  const endorsement = parseWith(endorsementSchema, req.endorsement, 'endorsement');
  if (endorsement.tokenId !== req.tokenId)
    throw new ProtocolError('Malformed', 'the endorsement is for another token', {
      field: 'endorsement.tokenId',
    });
  const grantorId = payload.from.memberId;
  if (endorsement.signer.memberId !== grantorId)
    throw new ProtocolError(
      'Forbidden',
      `endorsement signed by ${endorsement.signer.memberId}, the grantor is ${grantorId}`,
      { field: 'endorsement.signer' },
    );
  const grantor = await deps.cloud.verifiedMember(grantorId);
  await assertSignedByMemberKey({
    member: grantor,
    signer: endorsement.signer,
    required: requiredEndorsementLevel({ kind: 'access' }),
    now,
    field: 'endorsement.signer.keyId',
    signed: endorsement,
    backend: deps.backend,
    signatureField: 'endorsement.signature',
  });
  if (endorsement.sca.method !== 'passkey')
    throw new ProtocolError(
      'ScaRequired',
      'access to account information needs strong customer authentication (PSD2 RTS Art. 10)',
      { field: 'endorsement.sca' },
    );
  // The same assertion comes with every read, so its signature is checked each time and its counter never.
  await verifyPasskeyAssertion({
    config: deps.config,
    member: grantor,
    assertion: endorsement.sca.assertion,
    challenge: endorsementScaChallenge(endorsement),
    storedCounter: 0,
  });

  // The customer's revocation at the bank is final here, whatever the cloud answers below.
  const seen = await deps.db.maybeOne<{ revoked_at: Date | null }>(
    'select revoked_at from access_grants where token_id = $1',
    [req.tokenId],
  );
  if (seen?.revoked_at)
    throw new ProtocolError('Cancelled', `the account holder revoked token ${req.tokenId} at this bank`, {
      field: 'tokenId',
    });
  const status = await grantStatusAtCloud(deps, req.tokenId);
  if (status !== 'valid') {
    // Ended elsewhere (cancelled in the wallet, replaced, expired): the customer's page says so.
    if (seen) await noteGrantEnded(deps.db, req.tokenId, status, deps.now());
    if (status === 'expired')
      throw new ProtocolError('Expired', `the cloud reports token ${req.tokenId} expired`, {
        field: 'tokenId',
      });
    throw new ProtocolError('Cancelled', `the cloud reports token ${req.tokenId} as ${status}`, {
      field: 'tokenId',
    });
  }
  const resources = payload.resources
    .filter(isAccountResource)
    .filter((r) => r.account.bankId === deps.member.id);
  await noteGrantRead(deps, { tokenId: req.tokenId, payload, resources, firstRead: !seen });
  return { tokenId: req.tokenId, payload, resources };
}

/**
 * Records the verified grant for the customer's "Apps with access" page: on the first read with the
 * accounts it reaches here and the app's own name, afterwards only the time of the read.
 */
async function noteGrantRead(
  deps: BankDeps,
  args: { tokenId: string; payload: AccessTokenPayload; resources: AccountResource[]; firstRead: boolean },
): Promise<void> {
  const now = deps.now();
  if (!args.firstRead) {
    await deps.db.query('update access_grants set last_read_at = $2 where token_id = $1', [
      args.tokenId,
      new Date(now),
    ]);
    return;
  }
  const accountIds: bigint[] = [];
  for (const r of args.resources) {
    const resolved = await resolveAccountRef(deps.db, r.account.accountRef);
    if (resolved && resolved.memberId === args.payload.from.memberId)
      accountIds.push(resolved.account.account_id);
  }
  await recordGrantRead(
    deps.db,
    {
      tokenId: args.tokenId,
      grantor: args.payload.from.memberId,
      grantee: args.payload.to.memberId,
      app: await grantApp(deps, args.payload),
      scopes: [...new Set(args.resources.flatMap((r) => r.scopes))],
      expiresAt: args.payload.expiresAt,
      accountIds,
    },
    now,
  );
}

/** The account behind a granted reference, if the grant has `scope` on it and the account is still the grantor's. */
async function grantedAccount(
  deps: BankDeps,
  grant: Grant,
  accountRef: string,
  scope: AccountScope,
): Promise<ResolvedRef> {
  const resource = grant.resources.find((r) => r.account.accountRef === accountRef);
  if (!resource)
    throw new ProtocolError('NotFound', `account ${accountRef} at this bank is not part of the grant`, {
      field: 'accountRef',
    });
  if (!resource.scopes.includes(scope))
    throw new ProtocolError('Forbidden', `the grant does not include ${scope} of account ${accountRef}`, {
      field: 'scope',
    });
  const resolved = await resolveAccountRef(deps.db, accountRef);
  if (!resolved || resolved.memberId !== grant.payload.from.memberId)
    throw new ProtocolError('NotFound', `account ${accountRef} is not linked to the grantor`, {
      field: 'accountRef',
    });
  return resolved;
}

function view(r: ResolvedRef): LinkedAccount {
  return {
    accountRef: r.accountRef,
    name: r.account.name,
    currency: r.account.currency as LinkedAccount['currency'],
    maskedNumber: maskAccountNumber(r.account.iban ?? '0000'),
  };
}

/** POST /connector/v1/accounts: the granted accounts with the `details` scope, masked. */
export async function readAccounts(deps: BankDeps, input: unknown): Promise<{ accounts: LinkedAccount[] }> {
  const grant = await verifyGrant(deps, parseWith(accountsRequestSchema, input, 'accounts request'));
  const accounts: LinkedAccount[] = [];
  for (const r of grant.resources) {
    if (!r.scopes.includes('details')) continue;
    const resolved = await resolveAccountRef(deps.db, r.account.accountRef);
    if (resolved && resolved.memberId === grant.payload.from.memberId) accounts.push(view(resolved));
  }
  return { accounts };
}

/** POST /connector/v1/balances. */
export async function readBalance(deps: BankDeps, input: unknown): Promise<AccountBalance> {
  const req = parseWith(balanceRequestSchema, input, 'balance request');
  const grant = await verifyGrant(deps, req);
  const resolved = await grantedAccount(deps, grant, req.accountRef, 'balances');
  const account = (await loadAccount(deps.db, resolved.account.account_id))!;
  const amount = {
    value: formatAmount(account.balance, account.currency),
    currency: account.currency as LinkedAccount['currency'],
  };
  // No holds or credit lines at this bank: what is booked is available.
  return { accountRef: req.accountRef, booked: amount, available: amount, asOf: deps.now() };
}

/** POST /connector/v1/transactions: newest first, a page at a time (keyset cursor on the entry id). */
export async function readTransactions(deps: BankDeps, input: unknown): Promise<TransactionsPage> {
  const req = parseWith(transactionsRequestSchema, input, 'transactions request');
  const grant = await verifyGrant(deps, req);
  const resolved = await grantedAccount(deps, grant, req.accountRef, 'transactions');
  return transactionsPage(deps.db, resolved.account, req.accountRef, {
    cursor: req.cursor,
    limit: req.limit,
  });
}
