// The wallet's side of log delivery (log-delivery.ts) wired to IndexedDB, the banks' relay and
// react-query. Keys: ['log-deliveries'].
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { deliverDirectoryLog, type Member } from '@tokenos/sdk';
import { useCallback } from 'react';
import { bankClient } from './bank-reads.ts';
import { type DeliveryOutcome, deliverToBanks, markPending } from './log-delivery.ts';
import { loadLinks, loadLogDeliveries, saveLogDeliveries } from './wallet-db.ts';

/** Delivers the member's log to its linked banks (all after a change, else those still pending). */
export async function deliverChanges(
  member: Member,
  opts: { afterChange: boolean },
): Promise<DeliveryOutcome> {
  const [links, stored] = await Promise.all([loadLinks(), loadLogDeliveries()]);
  const records = opts.afterChange ? markPending(links, stored) : stored;
  if (opts.afterChange) await saveLogDeliveries(records);
  const outcome = await deliverToBanks({
    links,
    records,
    afterChange: opts.afterChange,
    deliver: (link, knownHead) =>
      deliverDirectoryLog({
        member,
        bank: bankClient(member, link.bankKey),
        ...(knownHead ? { knownHead } : {}),
      }),
  });
  await saveLogDeliveries(outcome.records);
  return outcome;
}

export function useLogDeliveries() {
  return useQuery({ queryKey: ['log-deliveries'], queryFn: loadLogDeliveries });
}

/**
 * A callback that delivers and then shows the banks' answers. Never throws: a bank that did not
 * answer stays pending (shown on Security) and is asked again on the next unlock.
 */
export function useDeliverChanges(member: Member): (opts: { afterChange: boolean }) => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(
    async (opts) => {
      await deliverChanges(member, opts).catch(() => undefined);
      await queryClient.invalidateQueries({ queryKey: ['log-deliveries'] });
    },
    [member, queryClient],
  );
}
