import type { AccountRef, Conditions, Money } from '@tokenos/protocol';
import { createToken, endorsementFor, endorseToken, type Member, transferTokenPayload } from '@tokenos/sdk';
import { type BenchStack, startBenchStack } from '../bench/stack.ts';
import { linkAccount, newMember, newPayers, type Payer, passkeySca } from '../bench/world.ts';
import { connectServer } from './environment.ts';
import { Ledgers } from './ledgers.ts';

/**
 * What the payment fault tests start from: cloud processes on databases of their own on the
 * DATABASE_URL server, Iron Bank, payers with a passkey and alice's Savings linked, a merchant with
 * the shop's account linked, and the bank's and the cloud's tables open for the checks.
 */
export interface PaymentStack {
  stack: BenchStack;
  ledgers: Ledgers;
  payers: Payer[];
  merchant: Member;
  /** The merchant's account at Iron Bank ('shop', 'Merchant account'), which redemptions pay into. */
  account: AccountRef;
  /** Closes the ledgers, stops the services (dropping their databases) and the server connection. */
  stop(): Promise<void>;
}

export async function startPaymentStack(o: {
  cloudInstances: 2 | 3;
  payers: number;
  /** Each service a process group of its own, so one can be killed and restarted (BenchStackOptions). */
  separate?: boolean;
}): Promise<PaymentStack> {
  const pg = await connectServer();
  let stack: BenchStack | undefined;
  let ledgers: Ledgers | undefined;
  const stop = async () => {
    await ledgers?.close();
    await stack?.stop();
    await pg.close();
  };
  try {
    stack = await startBenchStack({
      engine: 'postgres',
      pg,
      cloudInstances: o.cloudInstances,
      proxy: false,
      gold: false,
      separate: o.separate,
    });
    const payers = await newPayers(stack.cloudUrl, stack.ironUrl, o.payers);
    const merchant = await newMember(stack.cloudUrl);
    const account = await linkAccount(stack.ironUrl, merchant, {
      username: 'shop',
      account: 'Merchant account',
    });
    ledgers = await Ledgers.open({ bank: stack.databaseUrls.iron!, cloud: stack.databaseUrls.cloud! });
    return { stack, ledgers, payers, merchant, account, stop };
  } catch (e) {
    await stop();
    throw e;
  }
}

/** A token from `payer` to the merchant, endorsed with the payer's STANDARD key and passkey, co-signed by the bank. */
export async function endorsedToken(
  payer: Payer,
  merchant: Member,
  amount: Money,
  conditions: Omit<Conditions, 'currency'>,
): Promise<string> {
  const payload = transferTokenPayload(payer.member, {
    payee: merchant.id,
    amount,
    description: 'race',
    refId: `race-${Math.random().toString(36).slice(2)}`,
    source: payer.source,
    conditions,
  });
  const { id } = await createToken(payer.member, payload);
  const token = await endorseToken(
    payer.member,
    id,
    await endorsementFor(payer.member, id, 'STANDARD', await passkeySca(payer, id)),
  );
  if (token.status !== 'valid')
    throw new Error(`token ${id} is ${token.status} after its endorsement, not valid`);
  return id;
}
