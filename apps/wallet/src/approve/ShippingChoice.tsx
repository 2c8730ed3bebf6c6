import type { StoredAddress } from '@tokenos/protocol';
import { useId } from 'react';
import { Link } from '../components/Link.tsx';
import { routes } from '../routes.ts';
import { addressLine } from '../wallet/personal-data.ts';
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
  const { addresses, requirement } = props;
  const next = `${routes.profile}?next=${encodeURIComponent(window.location.pathname + window.location.search)}`;
  return (
    <fieldset className="choices" aria-labelledby={legendId} disabled={props.disabled}>
      <legend id={legendId}>Ship to</legend>
      <p className="form-hint">
        {props.requesterName} can read the address you choose, and nothing else of your address book. You can
        revoke it in Connected apps.
      </p>
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
            <span className="choice-title">{a.label ? `${a.label} · ${a.recipient}` : a.recipient}</span>
            <span className="choice-detail">{addressLine(a)}</span>
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
            <span className="choice-title">Don’t share an address</span>
            <span className="choice-detail">Pay without giving {props.requesterName} a shipping address</span>
          </span>
        </label>
      ) : null}
      {addresses.length === 0 ? (
        <p className="form-hint" role="status">
          {requirement === 'required'
            ? `${props.requesterName} needs a shipping address for this order. `
            : 'Your address book is empty. '}
          <Link to={next}>Add an address</Link>
        </p>
      ) : (
        <p className="form-hint">
          <Link to={next}>Add or edit addresses</Link>
        </p>
      )}
    </fieldset>
  );
}
