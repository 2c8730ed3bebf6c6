import { maxSignatureAgeSeconds, maxSignatureFutureSeconds, ProtocolError } from '@tokenos/protocol';

/** A directory operation is signed just before it is sent, as directory/routes.ts requires. */
export function checkFresh(createdAt: number, now: number, field: string): void {
  const age = (now - createdAt) / 1000;
  if (age > maxSignatureAgeSeconds || -age > maxSignatureFutureSeconds)
    throw new ProtocolError(
      'StaleRequest',
      `${field} is ${Math.round(age)}s from now; an operation must be signed just before it is sent`,
      { field },
    );
}
