import type { BankEndorsement, Conditions, Endorsement, TransferTokenPayload } from '@tokenos/protocol';
import { endorse, type TestBank, tokenIdOf, transferPayload, type User, type World } from './harness.ts';

/** A transfer token with everything the bank needs to redeem it. */
export interface Cosigned {
  tokenId: string;
  payload: TransferTokenPayload;
  endorsement: Endorsement;
  bankEndorsement: BankEndorsement;
}

/** A token from `payer` to `payee`, endorsed by the payer with a passkey and co-signed by `bank`. */
export async function cosignedPayment(
  world: World,
  bank: TestBank,
  args: { payer: User; payee: User; accountRef: string; amount: string; conditions?: Partial<Conditions> },
): Promise<Cosigned> {
  const payload = transferPayload(world, {
    payer: args.payer.member,
    payee: args.payee.member,
    bankId: bank.id,
    accountRef: args.accountRef,
    amount: args.amount,
    ...(args.conditions ? { conditions: args.conditions } : {}),
  });
  const tokenId = tokenIdOf(payload);
  const endorsement = await endorse(world, args.payer, tokenId);
  const bankEndorsement = await bank.call<BankEndorsement>('/connector/v1/cosign', {
    tokenId,
    payload,
    endorsement,
  });
  return { tokenId, payload, endorsement, bankEndorsement };
}

/**
 * The body of the cloud's POST /connector/v1/transfers for `t`: the whole token amount unless
 * `amount` says otherwise, under the cloud transfer id `tr-<refId>` unless `transferId` is given.
 */
export function transferRequest(
  t: Cosigned,
  args: {
    refId: string;
    destination: { bankId: string; accountRef: string };
    transferId?: string;
    /** Any currency, not only the token's: a test may ask for what the token does not allow. */
    amount?: { value: string; currency: string };
    bankEndorsement?: unknown;
    location?: { country?: string };
  },
) {
  return {
    transferId: args.transferId ?? `tr-${args.refId}`,
    tokenId: t.tokenId,
    payload: t.payload,
    endorsement: t.endorsement,
    bankEndorsement: args.bankEndorsement ?? t.bankEndorsement,
    refId: args.refId,
    amount: args.amount ?? t.payload.transfer.amount,
    destination: args.destination,
    ...(args.location ? { location: args.location } : {}),
  };
}

/**
 * A merchant's refund: a token from the merchant's account back to the customer, naming the
 * payment it refunds (`refundOf`, left out when undefined), endorsed with the Refund exemption.
 */
export async function refundToken(
  world: World,
  args: {
    merchant: User;
    customer: User;
    bankId: string;
    accountRef: string;
    amount: string;
    refundOf: string | undefined;
  },
): Promise<{ tokenId: string; payload: TransferTokenPayload; endorsement: Endorsement }> {
  const base = transferPayload(world, {
    payer: args.merchant.member,
    payee: args.customer.member,
    bankId: args.bankId,
    accountRef: args.accountRef,
    amount: args.amount,
  });
  const payload =
    args.refundOf === undefined ? base : { ...base, transfer: { ...base.transfer, refundOf: args.refundOf } };
  const tokenId = tokenIdOf(payload);
  const endorsement = await endorse(world, args.merchant, tokenId, {
    sca: { method: 'exemption', exemption: 'Refund' },
  });
  return { tokenId, payload, endorsement };
}
