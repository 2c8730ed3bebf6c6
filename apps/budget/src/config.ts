import { exactOrigin, type SiteConfig } from '@tokenos/web-kit';

/**
 * The demo budgeting app's settings, from the environment (`npm start` and e2e set them). Its
 * data folder holds keys.json and member.json.
 */
export interface BudgetConfig extends SiteConfig {
  /** How long a grant is asked for (PSD2 RTS Art. 10: at most 180 days). */
  grantDays: number;
}

const origin = (value: string, variable: string) => exactOrigin(value, variable, 'http://localhost:5175');

export function budgetConfigFromEnv(env: Record<string, string | undefined>): BudgetConfig {
  const port = env.PORT ?? '5175';
  return {
    name: env.BUDGET_NAME ?? 'Tally',
    publicUrl: origin(env.BUDGET_PUBLIC_URL ?? `http://localhost:${port}`, 'BUDGET_PUBLIC_URL'),
    cloudUrl: (env.CLOUD_URL ?? 'http://localhost:4000').replace(/\/+$/, ''),
    walletOrigin: origin(env.WALLET_URL ?? 'http://localhost:5173', 'WALLET_URL'),
    dataDir: env.BUDGET_DATA_DIR ?? 'data/budget',
    grantDays: 90,
  };
}
