import { Link } from '../components/Link.tsx';
import { Screen } from '../components/Screen.tsx';
import { routes } from '../routes.ts';

export function NotFoundScreen({ pathname }: { pathname: string }) {
  return (
    <Screen title="Page not found">
      <p className="lede">
        There is no page at <code>{pathname}</code> in this wallet. The link may be mistyped or out of date.
      </p>
      <p className="actions">
        <Link to={routes.home} className="button button-primary">
          Go to the start page
        </Link>
      </p>
    </Screen>
  );
}
