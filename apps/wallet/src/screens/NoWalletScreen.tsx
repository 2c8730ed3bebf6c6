import { Link } from '../components/Link.tsx';
import { Screen } from '../components/Screen.tsx';
import { routes } from '../routes.ts';

/** A page that needs a wallet, opened on a device without one. */
export function NoWalletScreen() {
  return (
    <Screen title="No wallet on this device">
      <p className="lede">
        This page shows your wallet, but this device has none yet. Creating one takes a minute.
      </p>
      <p className="actions">
        <Link to={routes.setup} className="button button-primary">
          Create wallet
        </Link>
        <Link to={routes.home} className="button button-secondary">
          Go to the start page
        </Link>
      </p>
    </Screen>
  );
}
