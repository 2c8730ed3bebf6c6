/**
 * The directory logs a verifier has already checked in full, so that replaying a member's log
 * again (a bank does it several times per payment) can skip the signatures it checked before.
 * What is kept is, per member id, the operation hashes of the last log that passed
 * `verifyDirectoryLog` with this memo: operation i of a new log is taken as verified only while
 * operations 0..i all hash to the remembered ones. An operation's hash covers its signature and
 * its `prev`, the hash before it, so equal hashes mean the same operations (SHA-256 collision
 * resistance) applied to the same state, and the signature check would answer as it did then.
 * Everything else (schema, chain rule, claim authority, member id, known head) runs every time.
 *
 * An explicit object the caller creates and passes in (protocol code keeps no hidden state); one
 * per verifier, used with one signature backend. Bounded: the least recently used member goes
 * first, so a flood of distinct members cannot grow it without limit.
 */
export class VerifiedLogMemo {
  readonly capacity: number;
  readonly #logs = new Map<string, readonly string[]>();

  constructor(capacity = 10_000) {
    if (!Number.isInteger(capacity) || capacity < 0)
      throw new RangeError(`capacity must be an integer >= 0, got ${capacity}`);
    this.capacity = capacity;
  }

  get size(): number {
    return this.#logs.size;
  }

  /** The operation hashes of the member's last fully verified log (index = seq), if remembered. */
  verifiedHashes(memberId: string): readonly string[] | undefined {
    const hashes = this.#logs.get(memberId);
    if (hashes === undefined) return undefined;
    // Map iterates in insertion order: re-inserting moves the member to the young end.
    this.#logs.delete(memberId);
    this.#logs.set(memberId, hashes);
    return hashes;
  }

  /** Called by verifyDirectoryLog only, after a log passed every check. */
  remember(memberId: string, hashes: readonly string[]): void {
    if (this.capacity === 0) return;
    this.#logs.delete(memberId);
    if (this.#logs.size >= this.capacity) {
      const oldest = this.#logs.keys().next();
      if (!oldest.done) this.#logs.delete(oldest.value);
    }
    this.#logs.set(memberId, [...hashes]);
  }
}
