import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useCallback, useEffect } from 'react';
import { inCheckout } from './checkout-detour.ts';
import { Link } from './components/Link.tsx';
import { Screen } from './components/Screen.tsx';
import { UpdatePrompt } from './components/UpdatePrompt.tsx';
import { LanguagePicker } from './i18n/LanguagePicker.tsx';
import { shellMessages } from './i18n/shell.messages.ts';
import { useT } from './i18n/use-t.ts';
import { useLocation } from './router.ts';
import { normalizePath, routes, safeNextPath } from './routes.ts';
import { GetStartedScreen } from './screens/GetStartedScreen.tsx';
import { NotFoundScreen } from './screens/NotFoundScreen.tsx';
import { LockProvider, useLock } from './wallet/lock.tsx';
import { isSetUp, useWallet } from './wallet/WalletProvider.tsx';

// Everything that needs the SDK (keys, signatures, the protocol's schemas) loads with the screen
// that uses it, so the first load stays small.
const AccountsScreen = lazy(() =>
  import('./screens/AccountsScreen.tsx').then((m) => ({ default: m.AccountsScreen })),
);
// The screens the nav leads to, loaded in the background once the wallet is open, so a tap on
// Activity shows it at once instead of waiting for its code (issue 14, item 9).
const loadActivity = () => import('./screens/ActivityScreen.tsx');
const loadGrants = () => import('./screens/GrantsScreen.tsx');
const loadMemberTokens = () => import('./screens/MemberTokensScreen.tsx');
const loadSecurity = () => import('./screens/SecurityScreen.tsx');
const navScreens = [loadActivity, loadGrants, loadMemberTokens, loadSecurity];

const ActivityScreen = lazy(() => loadActivity().then((m) => ({ default: m.ActivityScreen })));
const ApproveScreen = lazy(() =>
  import('./screens/ApproveScreen.tsx').then((m) => ({ default: m.ApproveScreen })),
);
const ClaimScreen = lazy(() => import('./screens/ClaimScreen.tsx').then((m) => ({ default: m.ClaimScreen })));
const GrantsScreen = lazy(() => loadGrants().then((m) => ({ default: m.GrantsScreen })));
const ProfileScreen = lazy(() =>
  import('./screens/ProfileScreen.tsx').then((m) => ({ default: m.ProfileScreen })),
);
const LinkBankScreen = lazy(() =>
  import('./screens/LinkBankScreen.tsx').then((m) => ({ default: m.LinkBankScreen })),
);
const LinkedScreen = lazy(() =>
  import('./screens/LinkedScreen.tsx').then((m) => ({ default: m.LinkedScreen })),
);
const LockScreen = lazy(() => import('./screens/LockScreen.tsx').then((m) => ({ default: m.LockScreen })));
const MemberTokensScreen = lazy(() => loadMemberTokens().then((m) => ({ default: m.MemberTokensScreen })));
const NoWalletScreen = lazy(() =>
  import('./screens/NoWalletScreen.tsx').then((m) => ({ default: m.NoWalletScreen })),
);
const SecurityScreen = lazy(() => loadSecurity().then((m) => ({ default: m.SecurityScreen })));
const PairScreen = lazy(() => import('./screens/PairScreen.tsx').then((m) => ({ default: m.PairScreen })));
const SetupScreen = lazy(() => import('./screens/SetupScreen.tsx').then((m) => ({ default: m.SetupScreen })));

function StorageFailed() {
  const t = useT(shellMessages);
  return (
    <Screen title={t('storageFailedTitle')} focusHeading>
      <p className="lede">{t('storageFailedBody')}</p>
    </Screen>
  );
}

function CurrentScreen() {
  const { pathname, searchParams } = useLocation();
  const { state } = useWallet();
  const { locked } = useLock();
  const path = normalizePath(pathname);
  const next = safeNextPath(searchParams.get('next'));
  if (state.status === 'failed') return <StorageFailed />;
  if (state.status === 'loading') return null;
  if (locked) return <LockScreen />;
  switch (path) {
    case routes.home:
      return state.status === 'ready' ? <AccountsScreen /> : <GetStartedScreen />;
    case routes.setup:
      return <SetupScreen next={next} />;
    case routes.pair:
      return <PairScreen />;
    case routes.claim:
      return <ClaimScreen searchParams={searchParams} />;
    case routes.approve:
      return <ApproveScreen searchParams={searchParams} />;
  }
  if (
    path === routes.link ||
    path === routes.linked ||
    path === routes.activity ||
    path === routes.grants ||
    path === routes.memberTokens ||
    path === routes.profile ||
    path === routes.security
  ) {
    if (state.status !== 'ready') return <NoWalletScreen />;
    switch (path) {
      case routes.link:
        return <LinkBankScreen next={next} />;
      case routes.linked:
        return <LinkedScreen searchParams={searchParams} />;
      case routes.activity:
        return <ActivityScreen />;
      case routes.grants:
        return <GrantsScreen />;
      case routes.memberTokens:
        return <MemberTokensScreen />;
      case routes.profile:
        return <ProfileScreen next={next} />;
      case routes.security:
        return <SecurityScreen />;
    }
  }
  return <NotFoundScreen pathname={pathname} />;
}

const navItems = [
  { to: routes.home, label: 'accounts' },
  { to: routes.activity, label: 'activity' },
  { to: routes.grants, label: 'connectedApps' },
  { to: routes.memberTokens, label: 'subscriptions' },
  { to: routes.security, label: 'security' },
] as const;

function Nav() {
  const t = useT(shellMessages);
  const { pathname, searchParams } = useLocation();
  const { state } = useWallet();
  const { locked } = useLock();
  const queryClient = useQueryClient();
  const path = normalizePath(pathname);
  // The approval page is a focused task (often a popup): no way out but approve or decline; the
  // setup and bank steps it sends a new shopper through lead back to it, not elsewhere.
  const shown = state.status === 'ready' && !locked && !inCheckout(pathname, searchParams.get('next'));
  const memberId = state.status === 'ready' ? state.wallet.memberId : undefined;
  useEffect(() => {
    if (!shown || !memberId) return;
    // After the current screen had its turn: the next screens' code, and Activity's list, while
    // the user reads. Offline, a screen loads when opened instead; nothing to report here.
    const timer = setTimeout(() => {
      for (const load of navScreens) load().catch(() => undefined);
      loadActivity()
        .then((m) => m.prefetchActivity(queryClient, memberId))
        .catch(() => undefined);
    }, 500);
    return () => clearTimeout(timer);
  }, [shown, memberId, queryClient]);
  if (!shown) return null;
  return (
    <nav aria-label={t('navLabel')} className="site-nav">
      <ul>
        {navItems.map((item) => (
          <li key={item.to}>
            <Link to={item.to} aria-current={path === item.to ? 'page' : undefined}>
              {t(item.label)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Shell() {
  const t = useT(shellMessages);
  return (
    <>
      <a className="skip-link" href="#main">
        {t('skip')}
      </a>
      <header className="site-header">
        <div className="container">
          <Link to={routes.home} className="brand">
            <img src="/icons/icon.svg" alt="" width="28" height="28" />
            <span>{t('productName')}</span>
          </Link>
          <Nav />
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        <Suspense
          fallback={
            <div className="loading" role="status">
              <span className="spinner" aria-hidden="true" />
              <span>{t('loading')}</span>
            </div>
          }
        >
          <CurrentScreen />
        </Suspense>
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>{t('footer')}</p>
          <LanguagePicker />
        </div>
      </footer>
      <UpdatePrompt />
    </>
  );
}

export function App() {
  const { state } = useWallet();
  const queryClient = useQueryClient();
  // Data fetched before the lock is dropped, so nothing of it shows again before the passkey.
  const onLock = useCallback(() => queryClient.clear(), [queryClient]);
  return (
    <LockProvider enabled={state.status === 'ready' && isSetUp(state.wallet)} onLock={onLock}>
      <Shell />
    </LockProvider>
  );
}
