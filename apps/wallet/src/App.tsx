import { Link } from './components/Link.tsx';
import { UpdatePrompt } from './components/UpdatePrompt.tsx';
import { useLocation } from './router.ts';
import { normalizePath, routes } from './routes.ts';
import { ApproveScreen } from './screens/ApproveScreen.tsx';
import { GetStartedScreen } from './screens/GetStartedScreen.tsx';
import { NotFoundScreen } from './screens/NotFoundScreen.tsx';
import { SetupScreen } from './screens/SetupScreen.tsx';

function CurrentScreen() {
  const { pathname, searchParams } = useLocation();
  switch (normalizePath(pathname)) {
    case routes.home:
      return <GetStartedScreen />;
    case routes.setup:
      return <SetupScreen />;
    case routes.approve:
      return <ApproveScreen searchParams={searchParams} />;
    default:
      return <NotFoundScreen pathname={pathname} />;
  }
}

export function App() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="container">
          <Link to={routes.home} className="brand">
            <img src="/icons/icon.svg" alt="" width="28" height="28" />
            <span>Token Wallet</span>
          </Link>
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        <CurrentScreen />
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>Your keys never leave this device.</p>
        </div>
      </footer>
      <UpdatePrompt />
    </>
  );
}
