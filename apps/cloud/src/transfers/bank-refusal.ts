import type { Problem } from '@tokenos/protocol';
import { problemFor } from '@tokenos/service-kit';
import type { TransferRow } from './transfer-store.ts';

/** ISO 20022 ExternalStatusReason1Code NARR: the bank gave its reason in words (a refusal on verification). */
const narrative = 'NARR';

/**
 * A transfer the payer's bank rejected (RJCT), as the refusal the redeemer receives: 422
 * `BankRefused` with the bank's ISO 20022 status reason in `reason` (AM04: insufficient funds),
 * for the first answer and for every retry with the same refId alike.
 */
export function bankRefusal(row: TransferRow): Problem {
  const reason = row.reason ?? narrative;
  return problemFor(
    'BankRefused',
    `the payer's bank refused transfer ${row.transfer_id} (ISO 20022 reason ${reason}); no money moved`,
    { reason },
  );
}
