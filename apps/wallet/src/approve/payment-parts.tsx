import type { LineItem } from '@tokenos/protocol';
import type { Member } from '@tokenos/sdk';
import { Fragment, type ReactNode } from 'react';
import { useFormat, useT } from '../i18n/use-t.ts';
import { useBankAccounts } from '../wallet/bank-reads.ts';
import type { AccountChoice } from '../wallet/queries.ts';
import type { BankLinkRecord } from '../wallet/wallet-db.ts';
import { paymentPartsMessages } from './payment-parts.messages.ts';

/** What the payment is for, line by line, as the merchant's cart listed it. */
export function LineItems({ items }: { items: readonly LineItem[] }) {
  const t = useT(paymentPartsMessages);
  const fmt = useFormat();
  return (
    <ul className="line-items">
      {items.map((item, i) => (
        // The merchant's lines may repeat a description: the position keeps them apart.
        // biome-ignore lint/suspicious/noArrayIndexKey: the list is fixed by the signed request
        <li key={i} className="line-item">
          <span>
            {item.quantity > 1
              ? t('quantity', { quantity: item.quantity, description: item.description })
              : item.description}
          </span>
          <span className="amount-small">{fmt.money(item.amount)}</span>
        </li>
      ))}
    </ul>
  );
}

/** The chosen account's balance as its bank reports it now; nothing while unknown. */
export function SelectedBalance({
  member,
  links,
  account,
}: {
  member: Member;
  links: readonly BankLinkRecord[];
  account: AccountChoice;
}) {
  const link = links.find((l) => l.bankId === account.bankId);
  return link ? <Balance member={member} link={link} accountRef={account.accountRef} /> : null;
}

function Balance({ member, link, accountRef }: { member: Member; link: BankLinkRecord; accountRef: string }) {
  const accounts = useBankAccounts(member, link);
  const reported = accounts.data?.find((a) => a.accountRef === accountRef);
  const t = useT(paymentPartsMessages);
  const fmt = useFormat();
  if (!reported) return null;
  return (
    <p className="muted account-balance-line">
      {t
        .rich<ReactNode>('available', {
          money: fmt.money(reported.balance.available),
          amount: (chunks) => <span className="amount-small">{chunks}</span>,
        })
        .map((part, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed sentence
          <Fragment key={i}>{part}</Fragment>
        ))}
    </p>
  );
}
