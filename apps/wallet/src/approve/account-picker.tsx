import { type ReactNode, useId } from 'react';
import { AccountOptions, accountKey } from '../components/AccountChoice.tsx';
import { Link } from '../components/Link.tsx';
import { useT } from '../i18n/use-t.ts';
import { routes } from '../routes.ts';
import type { AccountChoice } from '../wallet/queries.ts';
import { accountPickerMessages } from './account-picker.messages.ts';

/** No linked account fits: says why, and links one, coming back to this request afterwards. */
export function NoAccountNotice({ title, children }: { title: string; children: ReactNode }) {
  const t = useT(accountPickerMessages);
  return (
    <div className="notice notice-warning" role="alert">
      <p className="notice-title">{title}</p>
      <p>{children}</p>
      <p>
        <Link
          to={`${routes.link}?next=${encodeURIComponent(window.location.pathname + window.location.search)}`}
          className="button button-primary"
        >
          {t('linkAccount')}
        </Link>
      </p>
    </div>
  );
}

/** The account a payment comes from: one of `usable`, picked by radio button. */
export function PayFromPicker({
  usable,
  selected,
  onChoose,
  disabled,
}: {
  usable: readonly AccountChoice[];
  selected: AccountChoice | undefined;
  onChoose: (key: string) => void;
  disabled: boolean;
}) {
  const legendId = useId();
  const t = useT(accountPickerMessages);
  return (
    <fieldset className="choices" aria-labelledby={legendId} disabled={disabled}>
      <legend id={legendId}>{t('payFrom')}</legend>
      <AccountOptions
        accounts={usable}
        type="radio"
        name="source"
        isChecked={(key) => selected !== undefined && accountKey(selected) === key}
        onChange={onChoose}
      />
    </fieldset>
  );
}

/** The usable accounts in `currency` and the one chosen (the first until the user picks). */
export function payingAccounts(
  accounts: readonly AccountChoice[],
  currency: string,
  chosen: string | undefined,
): { usable: AccountChoice[]; selected: AccountChoice | undefined } {
  const usable = accounts.filter((a) => a.currency === currency);
  return { usable, selected: usable.find((a) => accountKey(a) === chosen) ?? usable[0] };
}
