import { type Db, isUniqueViolation } from '@tokenos/db';
import { maxSignatureAgeSeconds, maxSignatureFutureSeconds, ProtocolError } from '@tokenos/protocol';

// Both take the service's `request_nonces (keyid, nonce, created_at)` table as given: each
// service's own migrations create it, primary key (keyid, nonce).

/**
 * Records a request nonce once per key, in the database so it holds across instances of a
 * service (RFC 9421 §7.2.2, replay). A second use fails on the primary key.
 */
export async function consumeNonce(db: Db, keyid: string, nonce: string): Promise<void> {
  try {
    await db.query('insert into request_nonces (keyid, nonce) values ($1, $2)', [keyid, nonce]);
  } catch (e) {
    if (isUniqueViolation(e))
      throw new ProtocolError('Replay', `nonce ${nonce} was already used by ${keyid}`, {
        field: 'signature-input',
      });
    throw e;
  }
}

/**
 * Deletes nonces older than the signature window: those can't be replayed anyway, the time check
 * refuses them first. Returns how many went.
 */
export async function purgeNonces(db: Db, now: number): Promise<number> {
  const cutoff = new Date(now - (maxSignatureAgeSeconds + maxSignatureFutureSeconds + 60) * 1000);
  const rows = await db.query('delete from request_nonces where created_at < $1 returning 1', [cutoff]);
  return rows.length;
}
