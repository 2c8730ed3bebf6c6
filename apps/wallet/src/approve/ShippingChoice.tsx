import type { StoredAddress } from '@tokenos/protocol';
import { Fragment, type ReactNode, useId } from 'react';
import { Link } from '../components/Link.tsx';
import { useLocale } from '../i18n/LocaleProvider.tsx';
import { useT } from '../i18n/use-t.ts';
import { routes } from '../routes.ts';
import { addressLine } from '../wallet/personal-data.ts';
import { shippingChoiceMessages } from './ShippingChoice.messages.ts';
import type { ShipTo } from './ship-to.ts';

/**
 * The address picker of a payment that asks for a shipping address (issue 9): the user picks one
 * address of the address book; where the merchant allows it, the user may share none and still pay.
 */
export function ShippingChoice(props: {
  requesterName: string;
  requirement: 'required' | 'optional';
  addresses: readonly StoredAddress[];
  value: ShipTo | undefined;
  onChange: (value: ShipTo) => void;
  disabled: boolean;
}) {
  const legendId = useId();
  const t = useT(shippingChoiceMessages);
  const { tag } = useLocale();
  const { addresses, requirement } = props;
  const name = props.requesterName;
  const next = `${routes.profile}?next=${encodeURIComponent(window.location.pathname + window.location.search)}`;
  return (
    <fieldset className="choices" aria-labelledby={legendId} disabled={props.disabled}>
      <legend id={legendId}>{t('shipTo')}</legend>
      <p className="form-hint">{t('hint', { name })}</p>
      {addresses.map((a) => (
        <label key={a.id} className="choice">
          <input
            type="radio"
            name="ship-to"
            value={a.id}
            checked={props.value === a.id}
            onChange={() => props.onChange(a.id)}
          />
          <span>
            <span className="choice-title">
              {a.label ? t('labelled', { label: a.label, recipient: a.recipient }) : a.recipient}
            </span>
            <span className="choice-detail">{addressLine(a, tag)}</span>
          </span>
        </label>
      ))}
      {requirement === 'optional' ? (
        <label className="choice">
          <input
            type="radio"
            name="ship-to"
            value="none"
            checked={props.value === 'none'}
            onChange={() => props.onChange('none')}
          />
          <span>
            <span className="choice-title">{t('none')}</span>
            <span className="choice-detail">{t('noneDetail', { name })}</span>
          </span>
        </label>
      ) : null}
      {addresses.length === 0 ? (
        <p className="form-hint" role="status">
          {t
            .rich<ReactNode>(requirement === 'required' ? 'required' : 'empty', {
              name,
              link: (chunks) => <Link to={next}>{chunks}</Link>,
            })
            .map((part, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one fixed sentence
              <Fragment key={i}>{part}</Fragment>
            ))}
        </p>
      ) : (
        <p className="form-hint">
          <Link to={next}>{t('edit')}</Link>
        </p>
      )}
    </fieldset>
  );
}
