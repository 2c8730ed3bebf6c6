import type { CheckoutOutcome } from './checkout.ts';
import type { TokenRequestResult } from './message.ts';

/** A signed result as the checkout's outcome: approved with its token, or declined. */
export function outcomeOf(result: TokenRequestResult): CheckoutOutcome {
  return result.outcome === 'approved' && result.tokenId !== null
    ? { status: 'approved', requestId: result.requestId, tokenId: result.tokenId, result }
    : { status: 'cancelled', requestId: result.requestId, reason: 'declined', result };
}
