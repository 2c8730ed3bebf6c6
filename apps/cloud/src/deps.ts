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
  /** Data keys for profiles and addresses, from configuration (absent: one in memory, for tests). */
  personalDataKeys?: PersonalDataKeys;
}
