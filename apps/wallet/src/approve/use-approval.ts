import { useQueryClient } from '@tanstack/react-query';
import type { PasskeyEntry, TokenRequestResult } from '@tokenos/protocol';
import { useState } from 'react';
import { useMember } from '../wallet/member.ts';
import { useMemberState } from '../wallet/queries.ts';
import { rememberApp } from '../wallet/wallet-db.ts';
import { decline, type Step } from './flows.ts';
import type { LoadedRequest } from './request.ts';
import { type Returned, returnToRequester, walletMessage } from './return.ts';

export type Phase =
  | { kind: 'review' }
  | { kind: 'working'; step: Step; declining: boolean }
  | { kind: 'failed'; error: unknown }
  | { kind: 'done'; outcome: 'approved' | 'declined'; returned: Returned };

/** What an approval flow gets from the screen: the member's passkeys and where to report its steps. */
export interface FlowContext {
  passkeys: readonly PasskeyEntry[];
  onStep: (step: Step) => void;
}

/**
 * The phases every approval screen goes through and its two answers. `approve` runs the screen's
 * flow, remembers the app and refreshes the lists it changed (`refresh`, and the apps); `refuse`
 * declines (cancelling a token an earlier attempt made). Either way the answer goes back to the
 * requester; a failure is shown and the user may try again.
 */
export function useApproval(loaded: LoadedRequest, nonce: string) {
  const member = useMember();
  const queryClient = useQueryClient();
  const directory = useMemberState(member);
  const [phase, setPhase] = useState<Phase>({ kind: 'review' });
  const { request, domainVerified } = loaded;

  const attempt = async (step: Step, declining: boolean, answer: () => Promise<TokenRequestResult>) => {
    setPhase({ kind: 'working', step, declining });
    try {
      const result = await answer();
      const returned = returnToRequester(walletMessage(loaded.id, nonce, result), request);
      setPhase({ kind: 'done', outcome: result.outcome, returned });
    } catch (error) {
      console.error(error);
      setPhase({ kind: 'failed', error });
    }
  };

  const approve = (
    refresh: string,
    flow: (context: FlowContext) => Promise<{ result: TokenRequestResult }>,
  ): Promise<void> =>
    attempt('creating', false, async () => {
      const passkeys = directory.data?.passkeys ?? (await member.state()).passkeys;
      const { result } = await flow({
        passkeys,
        onStep: (step) => setPhase({ kind: 'working', step, declining: false }),
      });
      await rememberApp({
        memberId: request.signer.memberId,
        name: request.requester.name,
        domain: request.requester.domain,
        domainVerified,
      });
      void queryClient.invalidateQueries({ queryKey: [refresh] });
      void queryClient.invalidateQueries({ queryKey: ['apps'] });
      return result;
    });

  const refuse = (tokenId?: string): Promise<void> =>
    attempt('answering', true, () => decline(member, loaded.id, tokenId));

  return { member, phase, working: phase.kind === 'working', approve, refuse };
}
