import { Link } from '../components/Link.tsx';
import { Screen } from '../components/Screen.tsx';
import { useT } from '../i18n/use-t.ts';
import { routes } from '../routes.ts';
import { noWalletMessages } from './NoWalletScreen.messages.ts';

/** A page that needs a wallet, opened on a device without one. */
export function NoWalletScreen() {
  const t = useT(noWalletMessages);
  return (
    <Screen title={t('title')}>
      <p className="lede">{t('text')}</p>
      <p className="actions">
        <Link to={routes.setup} className="button button-primary">
          {t('create')}
        </Link>
        <Link to={routes.home} className="button button-secondary">
          {t('start')}
        </Link>
      </p>
    </Screen>
  );
}
