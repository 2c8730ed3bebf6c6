import type { Db } from '@tokenos/db';

/**
 * One approval, several tokens (a payment and the shipping address shared with it): the wallet
 * asks for one passkey assertion whose challenge is scaBundleChallenge(token ids) and sends it
 * with each token's endorsement. The first verification advances the signature counter as usual
 * (W3C WebAuthn L3 §6.1.1) and records (credential, challenge, counter) here; a later endorsement
 * of another token of the same bundle brings the identical assertion, so its counter is not above
 * the stored one, and it passes only if this exact challenge was accepted at this exact counter.
 * A replay can thus endorse nothing but the tokens the challenge names, each at most once (an
 * endorsed token refuses a second endorsement), which is what the user approved.
 */
export async function acceptedBundleAssertion(
  db: Db,
  args: { credentialId: string; challenge: string; counter: number },
): Promise<boolean> {
  const row = await db.maybeOne<{ counter: bigint | string }>(
    'select counter from sca_bundle_assertions where credential_id = $1 and challenge = $2',
    [args.credentialId, args.challenge],
  );
  return row !== undefined && Number(row.counter) === args.counter;
}

export async function recordBundleAssertion(
  db: Db,
  args: { credentialId: string; challenge: string; counter: number },
): Promise<void> {
  await db.query(
    `insert into sca_bundle_assertions (credential_id, challenge, counter) values ($1, $2, $3)
     on conflict (credential_id, challenge) do update set counter = excluded.counter, accepted_at = now()`,
    [args.credentialId, args.challenge, args.counter],
  );
}
