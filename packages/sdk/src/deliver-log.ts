import {
  assertExtendsHead,
  type DirectoryOperation,
  getSignatureBackend,
  type LogHead,
  type LogReceipt,
  logReceiptSchema,
  ProtocolError,
  parseWith,
  verifyDirectoryLog,
} from '@tokenos/protocol';
import type { CloudClient } from './client.ts';
import type { Member } from './member.ts';

/**
 * Delivers the member's directory log straight to a bank it linked (POST /me/log, signed with the
 * member's LOW key), so that the bank learns of a key or alias change from the member itself and
 * a cloud cannot hide it later by serving an older log. The log is read from the cloud but
 * replayed here first, and must extend `knownHead` (the head this bank confirmed last, say): the
 * wallet does not pass on a log it would refuse itself. Returns the bank's receipt: the head it
 * now holds, and when it confirmed it.
 */
export async function deliverDirectoryLog(args: {
  member: Member;
  /** A client whose base URL is the bank (or a relay to it). */
  bank: CloudClient;
  knownHead?: LogHead;
}): Promise<LogReceipt> {
  const { member } = args;
  const { operations } = await member.client.get<{ operations: unknown[] }>(
    `/api/v1/members/${member.id}/log`,
  );
  await verifyDirectoryLog(operations, getSignatureBackend(), { memberId: member.id });
  // verifyDirectoryLog parsed each operation with the schema, which transforms nothing.
  const head = assertExtendsHead(operations as DirectoryOperation[], args.knownHead);
  const receipt = parseWith(
    logReceiptSchema,
    await args.bank.send<unknown>('POST', '/me/log', { operations }, await member.signerFor('LOW')),
    'log receipt',
  );
  // The bank answers the head it holds: the one delivered, never another.
  if (receipt.memberId !== member.id || receipt.head.seq !== head.seq || receipt.head.hash !== head.hash)
    throw new ProtocolError(
      'Conflict',
      `the bank holds ${receipt.head.hash} at seq ${receipt.head.seq} for ${receipt.memberId}, expected ${head.hash} at seq ${head.seq} for ${member.id}`,
      { field: 'head', expected: head, actual: receipt.head },
    );
  return receipt;
}
