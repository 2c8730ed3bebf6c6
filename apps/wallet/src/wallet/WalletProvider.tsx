import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { loadWallet, onOtherTabChange, saveWallet, type WalletRecord } from './wallet-db.ts';

export type WalletState =
  | { status: 'loading' }
  | { status: 'none' }
  | { status: 'ready'; wallet: WalletRecord }
  | { status: 'failed'; error: unknown };

interface WalletContextValue {
  state: WalletState;
  /** Stores the wallet record and shows it everywhere (other tabs reload it too). */
  save: (wallet: WalletRecord) => Promise<void>;
  reload: () => void;
}

const WalletContext = createContext<WalletContextValue | null>(null);

/** Reads the wallet record from IndexedDB once, and again when another tab changes it. */
export function WalletProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<WalletState>({ status: 'loading' });
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let live = true;
    void generation;
    loadWallet().then(
      (wallet) => {
        if (live) setState(wallet ? { status: 'ready', wallet } : { status: 'none' });
      },
      (error: unknown) => {
        if (live) setState({ status: 'failed', error });
      },
    );
    return () => {
      live = false;
    };
  }, [generation]);

  useEffect(
    () =>
      onOtherTabChange((key) => {
        if (key === 'wallet') setGeneration((g) => g + 1);
      }),
    [],
  );

  const save = useCallback(async (wallet: WalletRecord) => {
    await saveWallet(wallet);
    setState({ status: 'ready', wallet });
  }, []);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const value = useMemo(() => ({ state, save, reload }), [state, save, reload]);
  return <WalletContext.Provider value={value}>{children}</WalletContext.Provider>;
}

export function useWallet(): WalletContextValue {
  const value = useContext(WalletContext);
  if (!value) throw new Error('useWallet outside WalletProvider');
  return value;
}

/** For screens that render only once a wallet exists. */
export function useReadyWallet(): { wallet: WalletRecord; save: (wallet: WalletRecord) => Promise<void> } {
  const { state, save } = useWallet();
  if (state.status !== 'ready') throw new Error('this screen needs a wallet on this device');
  return { wallet: state.wallet, save };
}

/** Set up far enough to approve anything: keys and a passkey. */
export function isSetUp(wallet: WalletRecord): boolean {
  return wallet.passkeys.length > 0;
}
