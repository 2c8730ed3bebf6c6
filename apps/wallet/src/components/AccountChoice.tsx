import type { AccountChoice } from '../wallet/queries.ts';

/** One account among the linked ones, as radio and checkbox values and React keys. */
export function accountKey(a: { bankId: string; accountRef: string }): string {
  return `${a.bankId}/${a.accountRef}`;
}

/**
 * Linked accounts as radio buttons or checkboxes, each labelled with its name, bank and masked
 * number (and currency); `onChange` gets the account's key and whether it is now ticked.
 */
export function AccountOptions({
  accounts,
  type,
  name,
  isChecked,
  onChange,
  currency,
}: {
  accounts: readonly AccountChoice[];
  type: 'radio' | 'checkbox';
  name: string;
  isChecked: (key: string) => boolean;
  onChange: (key: string, checked: boolean) => void;
  currency?: boolean;
}) {
  return accounts.map((a) => {
    const key = accountKey(a);
    return (
      <label key={key} className="choice">
        <input
          type={type}
          name={name}
          value={key}
          checked={isChecked(key)}
          onChange={(e) => onChange(key, e.target.checked)}
        />
        <AccountChoiceText account={a} currency={currency} />
      </label>
    );
  });
}

/** An account as a choice shows it: its name, then the bank and the masked number (and currency). */
function AccountChoiceText({
  account,
  currency,
}: {
  account: AccountChoice;
  currency?: boolean | undefined;
}) {
  return (
    <span>
      <span className="choice-title">{account.name}</span>
      <span className="choice-detail">
        {account.bankName} · {account.maskedNumber}
        {currency ? ` · ${account.currency}` : null}
      </span>
    </span>
  );
}
