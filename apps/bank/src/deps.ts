import type { Db } from '@tokenos/db';
import type { SignatureAlgorithm, SignatureBackend } from '@tokenos/protocol';
import type { Member } from '@tokenos/sdk';
import type { BankConfig } from './config.ts';
import type { BankCloudClient } from './directory.ts';
import type { PeerBanks } from './interbank/peers.ts';

/** A cloud signing key, fetched from GET /api/v1/cloud/keys and pinned when the bank starts. */
export interface CloudKeyInfo {
  keyId: string;
  algorithm: SignatureAlgorithm;
  publicKey: Uint8Array;
}

/** Everything the bank's routes need from outside, passed in so tests choose clock, engine and network. */
export interface BankDeps {
  db: Db;
  config: BankConfig;
  backend: SignatureBackend;
  /** The bank itself as a member of the directory, with its keys. */
  member: Member;
  /** The cloud, for directory logs and token status (a client of the cloud, never trusted for conclusions). */
  cloud: BankCloudClient;
  cloudKeys: readonly CloudKeyInfo[];
  peers: PeerBanks;
  /** Epoch milliseconds. */
  now: () => number;
  randomBytes: (length: number) => Uint8Array;
  fetch: typeof fetch;
}
