import type { BenchContext } from './types.ts';

// What one payment (create, endorse with passkey SCA, bank co-sign, redeem; bench/world.ts `pay`)
// costs in signature operations and database work, counted from the code (apps/cloud, apps/bank,
// packages/sdk) on 2026-11-22. The load generator shares the machine, so its signatures count too.
//
// Signatures (Ed = Ed25519 via node:crypto; P-256 verify via WebCrypto inside @simplewebauthn/server,
// which imports the key on every call, so priced at "no key cache"; the passkey is signed by the
// SoftAuthenticator with noble):
//
// | step                                   | who    | Ed sign | Ed verify | P-256 sign | P-256 verify |
// | -------------------------------------- | ------ | ------- | --------- | ---------- | ------------ |
// | POST /tokens: request signature        | client | 1       |           |            |              |
// |   verify request signature             | cloud  |         | 1         |            |              |
// | passkey assertion over scaChallenge(id) | client |         |           | 1 (noble)  |              |
// | endorsement object                     | client | 1       |           |            |              |
// | POST /endorse: request signature       | client | 1       |           |            |              |
// |   verify request, endorsement          | cloud  |         | 2         |            |              |
// |   verify passkey assertion (WebAuthn)  | cloud  |         |           |            | 1            |
// |   POST /connector/v1/cosign signed     | cloud  | 1       |           |            |              |
// |   bank: verify cloud's request         | bank   |         | 1         |            |              |
// |   bank: payer's log replayed once      | bank   |         | 0         |            |              |
// |     (BankCloudClient; its operations'  |        |         |           |            |              |
// |     signatures were checked at an      |        |         |           |            |              |
// |     earlier payment: VerifiedLogMemo)  |        |         |           |            |              |
// |   bank: verify endorsement             | bank   |         | 1         |            |              |
// |   bank: verify passkey assertion       | bank   |         |           |            | 1            |
// |   bank: sign the co-signature          | bank   | 1       |           |            |              |
// |   verify bank co-signature             | cloud  |         | 1         |            |              |
// | POST /redeem: request signature        | client | 1       |           |            |              |
// |   verify request signature             | cloud  |         | 1         |            |              |
// |   POST /connector/v1/transfers signed  | cloud  | 1       |           |            |              |
// |   bank: verify request, endorsement,   | bank   |         | 3         |            |              |
// |     own co-signature (log as above)    |        |         |           |            |              |
// |   bank: verify passkey assertion again | bank   |         |           |            | 1            |
// | total                                  |        | 7       | 10        | 1          | 3            |
//
// Database work: R = a statement on its own (autocommit read), W = an autocommit write, T(n) = an
// explicit transaction of n statements. Priced with the engine figures of bench/engines.ts: a
// write (W, or a T) as one "BEGIN; INSERT; UPDATE; COMMIT", each statement of a T beyond those two,
// and each R, as one primary-key SELECT. pg_stat_database's xact_commit per payment should then be
// R + W + T: 15 for the cloud, 14 for the bank (the PostgreSQL runs print what they measured).
//
// | call                          | cloud                                            | bank (Iron)                                           |
// | ----------------------------- | ------------------------------------------------ | ----------------------------------------------------- |
// | POST /tokens                  | R member, W nonce, R parties (one statement),    |                                                       |
// |                               | W token (insert ... returning)                   |                                                       |
// | POST /endorse                 | R member, W nonce, T(6): token for update, SCA   | cosign: W nonce, R co-signature?, R SCA counters,     |
// |                               | counters (insert-or-lock), credential, counter,  | R member head, R passkey counter, R account ref,      |
// |                               | save counters, token; then R bank, W token       | T(5): counters (insert-or-lock), co-signature?,       |
// |                               |                                                  | passkey counter, save counters, insert co-signature   |
// | GET log (bank asks, x2)       | 2R                                               |                                                       |
// | POST /redeem                  | R member, W nonce, T(4): token for update,        | execute: W nonce, R transfer, R co-signature, R       |
// |                               | transfer?, insert transfer (ACTC), usage;         | member head, 2R account refs, T(9): usage (insert-or- |
// |                               | W ACSC                                           | lock, read), transfer, ledger (lock, insert,          |
// |                               |                                                  | balances), status, usage (read, save)                 |
// | total                         | 7R + 6W + T(6) + T(4) = 8 writes, 13 reads        | 10R + 2W + T(5) + T(9) = 4 writes, 20 reads            |
//
// Not counted (the "nothing else" of the bound): HTTP parsing and JSON, canonical JSON and SHA-256
// (token ids, content digests, the hashes of each log replay), schema validation, lock waits on the
// two hot accounts (every payer draws on alice's Savings, every payment credits the one merchant
// account), the 5 HTTP requests between processes besides the client's 3, and the key checks of each
// log replay (isValidPublicKey: pure-JS curve math, remembered per key since 2026-11-22). The bank's
// key file is read once (FileKeyStore keeps it in memory) and its secret key imported once.

export const paymentCost = {
  ed25519Sign: 7,
  p256SignNoble: 1,
  ed25519Verify: 10,
  p256Verify: 3,
  cloud: { writes: 8, reads: 13, commits: 15 },
  bank: { writes: 4, reads: 20, commits: 14 },
} as const;

/** The signature figures of bench/signatures.ts this model is priced with. */
export const signatureFigures = {
  ed25519Sign: 'Ed25519 sign, node',
  p256SignNoble: 'P-256 sign, noble',
  ed25519Verify: 'Ed25519 verify, node x64',
  p256Verify: 'P-256 verify, node x64, no key cache',
} as const;

export interface EngineRates {
  /** Small write transactions per second (BEGIN; INSERT; UPDATE; COMMIT). */
  writes: number | undefined;
  /** Primary-key SELECTs per second. */
  reads: number | undefined;
  /** Cores the engine used to reach those rates: 1 for PGlite (one thread), all of them for a server. */
  cores: number;
}

export interface PaymentBound {
  /** Payments per second the counted work allows if nothing else cost anything; NaN if a figure is missing. */
  perSecond: number;
  /** Where the time goes, for the table's note. */
  note: string;
}

/**
 * The bound: one over the machine time of one payment's counted work, each part priced at its
 * measured rate on this machine in this run. Machine time, so the parts add up: a figure reached
 * with all `cores` (node:crypto on the thread pool, PostgreSQL's backends) costs 1/rate of the
 * machine per operation; one reached on a single thread (noble, PGlite) leaves the other cores to
 * other work (the cloud's and the bank's PGlite run side by side), so it costs 1/(rate x cores).
 */
export function paymentBound(
  context: BenchContext,
  cores: number,
  cloud: EngineRates,
  bank: EngineRates,
): PaymentBound {
  const missing: string[] = [];
  /** Machine seconds per operation for a figure reached on `used` of the `cores`. */
  const cost = (name: string, value: number | undefined, used: number): number => {
    if (value === undefined || !(value > 0)) {
      missing.push(name);
      return Number.NaN;
    }
    return used / (value * cores);
  };
  const figure = (name: string, used: number) => cost(name, context.figure(name), used);
  const sig =
    paymentCost.ed25519Sign * figure(signatureFigures.ed25519Sign, cores) +
    paymentCost.p256SignNoble * figure(signatureFigures.p256SignNoble, 1) +
    paymentCost.ed25519Verify * figure(signatureFigures.ed25519Verify, cores) +
    paymentCost.p256Verify * figure(signatureFigures.p256Verify, cores);
  const db = (who: 'cloud' | 'bank', r: EngineRates) =>
    paymentCost[who].writes * cost(`${who} engine writes`, r.writes, Math.min(r.cores, cores)) +
    paymentCost[who].reads * cost(`${who} engine reads`, r.reads, Math.min(r.cores, cores));
  const cloudDb = db('cloud', cloud);
  const bankDb = db('bank', bank);
  if (missing.length > 0) return { perSecond: Number.NaN, note: `no figure for ${missing.join(', ')}` };
  const ms = (seconds: number) => `${(seconds * 1000).toFixed(2)} ms`;
  return {
    perSecond: 1 / (sig + cloudDb + bankDb),
    note: `machine time per payment: signatures ${ms(sig)} + cloud DB ${ms(cloudDb)} + bank DB ${ms(bankDb)}`,
  };
}
