/** The demo budgeting app's settings, from the environment (`npm start` and e2e set them). */
export interface BudgetConfig {
  /** What users see and what the app tells the wallet it is. */
  name: string;
  /** The app's own origin, e.g. http://localhost:5175: its DOMAIN alias and the only postMessage target. */
  publicUrl: string;
  cloudUrl: string;
  /** The wallet's exact origin: the widget accepts results from it only. */
  walletOrigin: string;
  /** Keys (keys.json) and member.json. */
  dataDir: string;
  /** How long a grant is asked for (PSD2 RTS Art. 10: at most 180 days). */
  grantDays: number;
}

function origin(value: string, name: string): string {
  const trimmed = value.replace(/\/+$/, '');
  if (!URL.canParse(trimmed) || new URL(trimmed).origin !== trimmed)
    throw new RangeError(
      `${name}: expected an exact origin such as http://localhost:5175, got ${JSON.stringify(value)}`,
    );
  return trimmed;
}

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
