import { Link } from '../components/Link.tsx';
import { Screen } from '../components/Screen.tsx';
import { useT } from '../i18n/use-t.ts';
import { routes } from '../routes.ts';
import { notFoundMessages } from './NotFoundScreen.messages.ts';

export function NotFoundScreen({ pathname }: { pathname: string }) {
  const t = useT(notFoundMessages);
  return (
    <Screen title={t('title')}>
      <p className="lede">{t.rich('text', { path: () => <code key="path">{pathname}</code> })}</p>
      <p className="actions">
        <Link to={routes.home} className="button button-primary">
          {t('start')}
        </Link>
      </p>
    </Screen>
  );
}
