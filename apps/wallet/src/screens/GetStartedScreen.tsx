import { Link } from '../components/Link.tsx';
import { Screen } from '../components/Screen.tsx';
import { useT } from '../i18n/use-t.ts';
import { routes } from '../routes.ts';
import { getStartedMessages } from './GetStartedScreen.messages.ts';
import { HaveWalletLink } from './HaveWalletLink.tsx';

const promises = [
  { title: 'keysTitle', text: 'keysText' },
  { title: 'passkeyTitle', text: 'passkeyText' },
  { title: 'controlTitle', text: 'controlText' },
] as const;

export function GetStartedScreen() {
  const t = useT(getStartedMessages);
  return (
    <Screen title="Token Wallet" className="get-started">
      <p className="lede">{t('lede')}</p>
      <p className="actions">
        <Link to={routes.setup} className="button button-primary">
          {t('create')}
        </Link>
        <HaveWalletLink />
      </p>
      <section aria-labelledby="lost-heading" className="notice notice-warning lost-device">
        <h2 id="lost-heading" className="notice-title">
          {t('lostTitle')}
        </h2>
        <p>{t('lostDevice')}</p>
      </section>
      <section aria-labelledby="why-heading" className="promises">
        <h2 id="why-heading" className="visually-hidden">
          {t('why')}
        </h2>
        <ul className="cards">
          {promises.map((p) => (
            <li key={p.title} className="card">
              <h3>{t(p.title)}</h3>
              <p>{t(p.text)}</p>
            </li>
          ))}
        </ul>
      </section>
    </Screen>
  );
}
