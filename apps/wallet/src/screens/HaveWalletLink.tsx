import { Link } from '../components/Link.tsx';
import { useT } from '../i18n/use-t.ts';
import { routes } from '../routes.ts';
import { pairMessages } from './PairScreen.messages.ts';

/** On the start page of a device without a wallet: use a wallet made on another device. */
export function HaveWalletLink() {
  const t = useT(pairMessages);
  return (
    <Link to={routes.pair} className="button button-secondary">
      {t('haveWallet')}
    </Link>
  );
}
