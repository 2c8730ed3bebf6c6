import { ProtocolError } from '../errors.ts';
import { objectId } from '../hash.ts';
import type { DirectoryOperation } from './operation.ts';

/** Where a directory log ends: the seq of its last operation and that operation's hash. */
export interface LogHead {
  seq: number;
  hash: string;
}

/** The head of a non-empty log: its last operation's seq and hash (the next operation's `prev`). */
export function logHead(log: readonly DirectoryOperation[]): LogHead {
  const last = log.at(-1);
  if (!last) throw new ProtocolError('BrokenChain', 'empty directory log');
  return { seq: last.seq, hash: objectId(last) };
}

/**
 * The rule "a head only moves forward" over the hashes of a log (`hashAt(i)` is the hash of
 * operation i, for i < length): the log must still hold the known head at its seq. A log that
 * ends before it was truncated (StaleLog: a cloud hiding a later operation, a removed key say);
 * one with another operation there was forked or rewritten (Forked). Throws; returns nothing.
 */
export function assertHashesExtendHead(
  length: number,
  hashAt: (seq: number) => string | undefined,
  known: LogHead | undefined,
): void {
  if (!known) return;
  if (length <= known.seq)
    throw new ProtocolError(
      'StaleLog',
      `the log ends at seq ${length - 1}, before the head seq ${known.seq} (${known.hash}) seen earlier: truncated`,
      { field: 'operations', expected: known, actual: { seq: length - 1 } },
    );
  const actual = hashAt(known.seq);
  if (actual !== known.hash)
    throw new ProtocolError(
      'Forked',
      `the log holds ${actual} at seq ${known.seq}, not the head ${known.hash} seen earlier: forked or rewritten`,
      { field: `operations.${known.seq}`, expected: known, actual: { seq: known.seq, hash: actual } },
    );
}

/**
 * Checks that `log` (already verified with the chain rule) extends `known`, the newest head this
 * verifier saw for the member: at least as long, and holding the same operation at the known seq.
 * A bank refuses anything else, so a removal it has seen stays removed whatever a cloud serves
 * (seed 000: banks "do not need to trust cloud providers"). Returns the log's own head, the one to
 * remember next. Pure: wallets and SDKs run the same rule.
 */
export function assertExtendsHead(log: readonly DirectoryOperation[], known: LogHead | undefined): LogHead {
  const head = logHead(log);
  if (head.seq !== log.length - 1)
    throw new ProtocolError(
      'BrokenChain',
      `the last operation has seq ${head.seq}, expected ${log.length - 1}`,
      {
        field: `operations.${log.length - 1}.seq`,
      },
    );
  assertHashesExtendHead(
    log.length,
    (seq) => {
      const op = log[seq];
      return op === undefined ? undefined : seq === head.seq ? head.hash : objectId(op);
    },
    known,
  );
  return head;
}

/** Whether `log` extends `known` (assertExtendsHead without the error). */
export function extendsHead(log: readonly DirectoryOperation[], known: LogHead | undefined): boolean {
  try {
    assertExtendsHead(log, known);
    return true;
  } catch (e) {
    if (e instanceof ProtocolError) return false;
    throw e;
  }
}
