import type { Db } from '@tokenos/db';
import {
  type AccountRef,
  base64url,
  type ChainLevel,
  emptyUsage,
  evaluateChain,
  formatAmount,
  limitationsToConditions,
  type Money,
  memberTokenChargeRefused,
  memberTokenChargeSchema,
  objectId,
  ProtocolError,
  parseAmount,
  parseWith,
  recordChainUsage,
  recordUsage,
  usageFromJson,
  usageToJson,
} from '@tokenos/protocol';
import { liveStatus, loadToken } from '../tokens/token-store.ts';
import { executeTransfer, reserveTransfer } from '../transfers/redeem.ts';
import type { TransferRow, TransferStatus } from '../transfers/transfer-store.ts';
import type { MemberTokenContext } from './context.ts';
import { resolvePresentedToken } from './formats.ts';
import { type ChargeRow, findCharge, loadChain, type MemberTokenRow } from './store.ts';

export interface ChargeView {
  id: string;
  /** The member token charged. */
  tokenId: string;
  refId: string;
  amount: Money;
  /** ISO 20022, as for any redemption: ACSC settled, ACTC pending at the bank, RJCT rejected. */
  status: TransferStatus;
  reason: string | null;
  bankReference: string | null;
  transferId: string;
  createdAt: string;
}

function chargeView(tokenId: string, charge: ChargeRow, transfer: TransferRow): ChargeView {
  return {
    id: charge.charge_id,
    tokenId,
    refId: charge.ref_id,
    amount: {
      value: formatAmount(charge.amount, charge.currency),
      currency: charge.currency as Money['currency'],
    },
    status: transfer.status,
    reason: transfer.reason,
    bankReference: transfer.bank_reference,
    transferId: transfer.transfer_id,
    createdAt: charge.created_at.toISOString(),
  };
}

function levelsOf(chain: readonly MemberTokenRow[]): ChainLevel[] {
  return chain.map((r) => ({
    conditions: limitationsToConditions(r.limitations),
    usage: usageFromJson(r.usage),
  }));
}

/** Checks that do not depend on the amount: cancelled anywhere in the chain, authorization not live. */
async function assertChargeable(
  tx: Db,
  chain: readonly MemberTokenRow[],
  tokenId: string,
  now: number,
): Promise<void> {
  if (chain.some((r) => r.status === 'cancelled'))
    throw new ProtocolError('Cancelled', `member token ${tokenId} is cancelled`, { field: 'token' });
  const backingId = chain[0]!.backing_token_id;
  // A loyalty id a merchant created with a member on the user's behalf moves no money: only the
  // user's own endorsed authorization (a member token it creates) does (issue 9).
  if (backingId === null)
    throw new ProtocolError(
      'Forbidden',
      `member token ${tokenId} is a loyalty id without payment authority: the member has endorsed no payment authorization for it`,
      { field: 'token' },
    );
  const backing = await loadToken(tx, backingId);
  const live = backing ? liveStatus(backing, now) : 'rejected';
  if (live === 'revokedByPsu' || live === 'terminatedByTpp' || live === 'replaced')
    throw new ProtocolError(
      'Cancelled',
      `member token ${tokenId} is cancelled (its authorization is ${live})`,
      {
        field: 'token',
      },
    );
  if (live === 'received')
    throw new ProtocolError('Conflict', `member token ${tokenId} awaits the bank's co-signature`, {
      field: 'token',
    });
  if (live === 'rejected')
    throw new ProtocolError('Conflict', `member token ${tokenId} was refused by the member's bank`, {
      field: 'token',
    });
  // 'expired' is left to the engine, which names the subscription limitation.
}

/**
 * Only the holder charges. Someone else presenting a token limited to a merchant it is not runs
 * into the merchant limitation (seed 001, "Merchant ID: Only a merchant that owns a particular
 * merchant id can use this token"), reported as such by the engine; only that limit is reported,
 * so a stranger learns nothing about the token's other limits or its usage. Anyone else: Forbidden.
 */
function refuseNonHolder(
  chain: readonly MemberTokenRow[],
  callerId: string,
  amount: Money,
  now: number,
): never {
  const attempt = {
    payee: callerId,
    amount: parseAmount(amount.value, amount.currency),
    currency: amount.currency,
  };
  const verdict = evaluateChain(levelsOf(chain), attempt, now);
  const merchant = verdict.allowed ? [] : verdict.violations.filter((v) => v.code === 'Payee');
  if (merchant.length > 0) throw memberTokenChargeRefused(merchant);
  throw new ProtocolError(
    'Forbidden',
    `only the holder ${chain[chain.length - 1]!.holder_id} charges this member token`,
    {
      field: 'token',
    },
  );
}

/**
 * Issue 7, charge: the holder charges a member token it presents in either format. In ONE database
 * transaction: lock the chain root first, answer a retry (same refId) with the first result, check
 * every level's limitations against that level's usage (evaluateChain: a charge through a
 * sub-token is a charge on every ancestor), redeem the backing transfer token (reserveTransfer:
 * its own conditions and usage, under its own row lock) and record the usage at every level
 * (recordChainUsage). Then the bank moves the money, outside the transaction (executeTransfer); a
 * bank refusal gives the room back at every level.
 */
export async function chargeMemberToken(
  ctx: MemberTokenContext,
  callerId: string,
  input: unknown,
): Promise<{ view: ChargeView; fresh: boolean }> {
  const { deps } = ctx;
  const body = parseWith(memberTokenChargeSchema, input, 'charge');
  const presented = await resolvePresentedToken(ctx, body.token);
  const leafId = presented.row.id;
  const amount = parseAmount(body.amount.value, body.amount.currency);
  const chargeId = base64url(deps.randomBytes(16));
  // One transfer per (member token, refId): a deterministic refId for the backing token, so even
  // racing retries map to the same transfer, and the bank executes it at most once.
  const transferRefId = `mt.${objectId({ memberToken: leafId, refId: body.refId })}`;

  const outcome = await deps.db.transaction(async (tx) => {
    const chain = await loadChain(tx, leafId, { forUpdate: true });
    const leaf = chain[chain.length - 1]!;
    if (leaf.holder_id !== callerId) refuseNonHolder(chain, callerId, body.amount, deps.now());
    const existing = await findCharge(tx, leafId, body.refId);
    if (existing) {
      if (existing.amount !== amount || existing.currency !== body.amount.currency)
        throw new ProtocolError('Conflict', `refId ${body.refId} was used for another amount`, {
          field: 'refId',
        });
      const transfer = await tx.one<TransferRow>('select * from transfers where transfer_id = $1', [
        existing.transfer_id,
      ]);
      return { charge: existing, transfer, fresh: false };
    }
    const now = deps.now();
    await assertChargeable(tx, chain, presented.tokenId, now);
    let destination: AccountRef;
    if (leaf.depth === 0) {
      if (body.destination === undefined)
        throw new ProtocolError(
          'Malformed',
          "destination: a charge on a root token names the merchant's account",
          {
            field: 'destination',
          },
        );
      destination = body.destination;
    } else {
      if (body.destination !== undefined)
        throw new ProtocolError(
          'Malformed',
          'destination: a sub-token is paid where its root merchant said',
          {
            field: 'destination',
          },
        );
      destination = leaf.destination!;
    }
    const attempt = {
      payee: leaf.merchant_of_record,
      amount,
      currency: body.amount.currency,
      ...(body.location ? { location: body.location } : {}),
    };
    const levels = levelsOf(chain);
    const verdict = evaluateChain(levels, attempt, now);
    if (!verdict.allowed) throw memberTokenChargeRefused(verdict.violations);
    const { row: transfer } = await reserveTransfer(
      { ...deps, db: tx },
      leaf.backing_token_id!, // assertChargeable refused a chain without one
      leaf.merchant_of_record,
      {
        amount: body.amount,
        refId: transferRefId,
        destination,
        ...(body.location ? { location: body.location } : {}),
      },
    );
    const usages = recordChainUsage(levels, attempt, now);
    for (const [i, level] of chain.entries())
      await tx.query('update member_tokens set usage = $2::jsonb where id = $1', [
        level.id,
        JSON.stringify(usageToJson(usages[i]!)),
      ]);
    const charge = await tx.one<ChargeRow>(
      `insert into member_token_charges (charge_id, member_token_id, ref_id, levels, transfer_id, charged_by, amount, currency, location, created_at)
       values ($1, $2, $3, $4::uuid[], $5, $6, $7, $8, $9::jsonb, $10) returning *`,
      [
        chargeId,
        leafId,
        body.refId,
        chain.map((r) => r.id),
        transfer.transfer_id,
        callerId,
        amount,
        body.amount.currency,
        body.location ? JSON.stringify(body.location) : null,
        new Date(now),
      ],
    );
    return { charge, transfer, fresh: true };
  });

  const done = await executeTransfer(deps, outcome.transfer);
  if (done.status === 'RJCT') await recomputeChainUsage(ctx, leafId);
  return { view: chargeView(presented.tokenId, outcome.charge, done), fresh: outcome.fresh };
}

/**
 * Usage of every level from the charges that still count (their transfer not rejected), under the
 * chain's locks: a charge the bank refused stops counting everywhere, as redeem.ts does for the
 * transfer token itself.
 */
export async function recomputeChainUsage(ctx: MemberTokenContext, leafId: string): Promise<void> {
  await ctx.deps.db.transaction(async (tx) => {
    for (const level of await loadChain(tx, leafId, { forUpdate: true })) {
      const conditions = limitationsToConditions(level.limitations);
      const charges = await tx.query<{ amount: bigint; currency: string; created_at: Date }>(
        `select c.amount, c.currency, c.created_at from member_token_charges c
         join transfers t on t.transfer_id = c.transfer_id
         where c.levels @> array[$1::uuid] and t.status <> 'RJCT'
         order by c.created_at, c.charge_id`,
        [level.id],
      );
      let usage = emptyUsage();
      for (const c of charges)
        usage = recordUsage(
          conditions,
          usage,
          { payee: level.merchant_of_record, amount: c.amount, currency: c.currency },
          c.created_at.getTime(),
        );
      await tx.query('update member_tokens set usage = $2::jsonb where id = $1', [
        level.id,
        JSON.stringify(usageToJson(usage)),
      ]);
    }
  });
}
