import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { LocaleProvider } from './i18n/LocaleProvider.tsx';
import { createQueryClient } from './query-client.ts';
import { WalletProvider } from './wallet/WalletProvider.tsx';
import './styles.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

createRoot(container).render(
  <StrictMode>
    <LocaleProvider>
      <QueryClientProvider client={createQueryClient()}>
        <WalletProvider>
          <App />
        </WalletProvider>
      </QueryClientProvider>
    </LocaleProvider>
  </StrictMode>,
);
