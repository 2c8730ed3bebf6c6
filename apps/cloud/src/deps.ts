import type { Db } from '@tokenos/db';
import type { SignatureBackend } from '@tokenos/protocol';
import type { BankDirectory } from './banks/connector.ts';
import type { CloudKey } from './cloud-keys.ts';
import type { CloudConfig } from './config.ts';
import type { PersonalDataKeys } from './personal-data/keys.ts';

/** Everything a route needs from outside, passed in so tests can choose the clock and the engine. */
export interface CloudDeps {
  db: Db;
  backend: SignatureBackend;
  config: CloudConfig;
  /** Epoch milliseconds. */
  now: () => number;
  randomBytes: (length: number) => Uint8Array;
  /** The cloud's own signing key, shared by every instance. */
  cloudKey: CloudKey;
  /** How to reach each bank, by its member id. */
  banks: BankDirectory;
  /**
   * Called after a transaction that queued an outbox message commits, so the delivery worker sends
   * it now rather than on its next round (absent: messages wait for the next round).
   */
  outboxWritten?: () => void;
  /** Data keys for profiles and addresses, from configuration (absent: one in memory, for tests). */
  personalDataKeys?: PersonalDataKeys;
}
