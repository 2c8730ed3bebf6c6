/** How long a member created on a user's behalf waits to be claimed (issue 9). */
export interface CustodySettings {
  /** CUSTODY_TTL_DAYS, default 30: the latest `claimBy` a merchant may set, from creation. */
  maxCustodyMs: number;
}

export const defaultCustodyDays = 30;

export function custodySettingsFromEnv(env: Record<string, string | undefined>): CustodySettings {
  const text = env.CUSTODY_TTL_DAYS ?? String(defaultCustodyDays);
  const days = Number(text);
  if (!Number.isFinite(days) || days <= 0 || days > 3650)
    throw new RangeError(`CUSTODY_TTL_DAYS: expected a number of days in (0, 3650], got ${text}`);
  return { maxCustodyMs: Math.round(days * 24 * 60 * 60_000) };
}
