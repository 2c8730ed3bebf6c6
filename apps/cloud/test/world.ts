import { type AccountRef, ProtocolError } from '@tokenos/protocol';
import { Member, MemoryKeyStore } from '@tokenos/sdk';
import type { TestCloud } from './harness.ts';
import { LedgerBank } from './ledger-bank.ts';

export interface World {
  bank: LedgerBank;
  alice: Member;
  shop: Member;
  aliceAccount: AccountRef;
  shopAccount: AccountRef;
}

let counter = 0;

/** A payer with EUR 1,000.00 and a merchant, both at one test bank the cloud can reach. */
export async function makeWorld(cloud: TestCloud, bank?: LedgerBank): Promise<World> {
  const theBank = bank ?? (await LedgerBank.open(cloud));
  cloud.banks.set(theBank.bankId, theBank);
  const alice = await Member.create(cloud.client, new MemoryKeyStore());
  const shop = await Member.create(cloud.client, new MemoryKeyStore());
  counter++;
  const aliceAccount = await theBank.openAccount(`alice-acct-${counter}`, alice.id, 'EUR', 100_000n);
  const shopAccount = await theBank.openAccount(`shop-acct-${counter}`, shop.id, 'EUR');
  return { bank: theBank, alice, shop, aliceAccount, shopAccount };
}

export function expectCode(code: string) {
  return (e: unknown) => {
    const actual =
      e instanceof ProtocolError || (e instanceof Error && 'code' in e)
        ? (e as { code: string }).code
        : String(e);
    if (actual !== code)
      throw new Error(`expected error ${code}, got ${actual}: ${e instanceof Error ? e.message : ''}`);
    return true;
  };
}
