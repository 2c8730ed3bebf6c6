import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Where global-setup writes the URLs of the running stack; tests read them from the env first. */
export const stackFile = fileURLToPath(new URL('./output/stack.json', import.meta.url));
/**
 * Where global-setup writes the process ids of the services it started (name to pid), for tests
 * that inject a fault into one service (SIGSTOP a bank); tests read env STACK_PIDS first.
 */
export const stackPidsFile = fileURLToPath(new URL('./output/stack-pids.json', import.meta.url));
/** The build's and the services' output during a run. */
export const stackLog = fileURLToPath(new URL('./output/stack.log', import.meta.url));

export interface StackUrls {
  wallet: string;
  cloud: string | undefined;
}

/** The URLs of the stack global-setup started (env vars WALLET_URL, CLOUD_URL, or stack.json). */
export function stackUrls(): StackUrls {
  const wallet = process.env.WALLET_URL;
  if (wallet) return { wallet, cloud: process.env.CLOUD_URL || undefined };
  try {
    const saved: unknown = JSON.parse(readFileSync(stackFile, 'utf8'));
    if (
      typeof saved === 'object' &&
      saved !== null &&
      'wallet' in saved &&
      typeof saved.wallet === 'string'
    ) {
      const cloud = 'cloud' in saved && typeof saved.cloud === 'string' ? saved.cloud : undefined;
      return { wallet: saved.wallet, cloud };
    }
  } catch {
    // Reported below.
  }
  throw new Error(
    `No running stack: WALLET_URL is unset and ${stackFile} is missing; run through playwright.config.ts`,
  );
}

/** The URL of any service global-setup started by name (`iron`, `gold`, ...), or undefined if it did not run. */
export function serviceUrl(name: string): string | undefined {
  try {
    const saved: unknown = JSON.parse(process.env.STACK_URLS ?? readFileSync(stackFile, 'utf8'));
    if (typeof saved === 'object' && saved !== null && name in saved) {
      const url = (saved as Record<string, unknown>)[name];
      return typeof url === 'string' ? url : undefined;
    }
  } catch {
    // No stack file: nothing started by that name.
  }
  return undefined;
}

/**
 * The process id of a service global-setup started by name (`iron`, `gold`, ...), or undefined if
 * it did not run here (a stack started elsewhere gives no pids).
 */
export function servicePid(name: string): number | undefined {
  try {
    const saved: unknown = JSON.parse(process.env.STACK_PIDS ?? readFileSync(stackPidsFile, 'utf8'));
    if (typeof saved === 'object' && saved !== null && name in saved) {
      const pid = (saved as Record<string, unknown>)[name];
      return typeof pid === 'number' && Number.isInteger(pid) && pid > 0 ? pid : undefined;
    }
  } catch {
    // No pids file: nothing started here by that name.
  }
  return undefined;
}
