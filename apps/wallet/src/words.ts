// What went wrong, for people. Chosen from error codes (the SDK's ApiError, the protocol's
// ProtocolError, WebAuthn error names), never from message text.
import { formatWhen } from './format.ts';
import type { LogDeliveryRecord } from './wallet/log-delivery.ts';
import { passkeyFailure } from './wallet/passkey.ts';

export interface Explained {
  title: string;
  detail: string;
  /** Trying the same thing again may work. */
  retry: boolean;
}

function codeOf(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string')
    return error.code;
  return undefined;
}

function statusOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'status' in error && typeof error.status === 'number')
    return error.status;
  return undefined;
}

const byCode: Record<string, Omit<Explained, 'retry'> & { retry?: boolean }> = {
  CloudUnavailable: {
    title: 'The payment service cannot be reached',
    detail: 'Check your connection, then try again.',
    retry: true,
  },
  CloudTimeout: {
    title: 'The payment service is slow to answer',
    detail: 'Nothing was changed. Try again in a moment.',
    retry: true,
  },
  BankUnavailable: {
    title: 'Your bank cannot be reached',
    detail: 'Your bank did not answer. Try again in a moment.',
    retry: true,
  },
  BankTimeout: {
    title: 'Your bank is slow to answer',
    detail: 'Your bank did not answer in time. Try again in a moment.',
    retry: true,
  },
  BankRefused: {
    title: 'Your bank refused this payment',
    detail:
      'Nothing was paid. Choose another account, or check with your bank that the account can make this payment.',
  },
  BankPending: {
    title: 'Your bank has not answered yet',
    detail:
      'Your approval is kept, but your bank has not confirmed it, so nothing was paid or set up yet. Try again in a moment: the wallet asks your bank again.',
    retry: true,
  },
  TooManyRequests: {
    title: 'Too many tries in a short time',
    detail: 'Wait a few minutes, then try again.',
    retry: true,
  },
  ForeignReturn: {
    title: 'This shop asked to send you to a different website',
    detail: 'Nothing was paid or shared. Go back to the shop or app you came from and start again there.',
  },
  NotAnswerable: {
    title: 'The wallet cannot answer this request',
    detail: 'Go back to the shop or app and start again.',
  },
  ScaFailed: {
    title: 'Your passkey could not confirm this',
    detail:
      'The passkey check did not pass, so nothing was approved. Try again with your fingerprint, face or screen lock.',
    retry: true,
  },
  ScaRequired: {
    title: 'This needs your passkey',
    detail: 'Confirm with your fingerprint, face or screen lock.',
    retry: true,
  },
  Expired: {
    title: 'This has expired',
    detail: 'It is too late to approve it. Start again from the shop or app.',
  },
  Cancelled: {
    title: 'This was cancelled',
    detail: 'It can no longer be used. Start again from the shop or app if you still want it.',
  },
  Conflict: {
    title: 'This was already done',
    detail: 'Another window or device got there first. Reload to see where things stand.',
  },
  NotFound: {
    title: 'Not found',
    detail: 'The payment service does not know it. It may have expired.',
  },
  Forbidden: {
    title: 'Not allowed',
    detail: 'The payment service refused this for your wallet.',
  },
  InsufficientKeyLevel: {
    title: 'This device’s keys cannot do that',
    detail: 'The keys on this device are not allowed to approve this.',
  },
  KeyExpired: {
    title: 'A key on this device has expired',
    detail: 'Open Security to see your keys.',
  },
  StaleRequest: {
    title: 'This device’s clock looks wrong',
    detail: 'Set the date and time automatically in your device settings, then try again.',
    retry: true,
  },
  ConditionFailed: {
    title: 'The bank refused this payment',
    detail: 'It does not meet the payment’s conditions, for example the amount or the account.',
  },
  InvalidSignature: {
    title: 'A signature did not check out',
    detail: 'Something was changed on the way. Nothing was approved.',
  },
  Malformed: {
    title: 'Something in this request is wrong',
    detail: 'The wallet could not use what it received. Go back and start again.',
  },
  StaleLog: {
    title: 'An old copy of your security settings was shown',
    detail: 'The payment service showed your keys as they were before a later change. Nothing was approved.',
  },
  Forked: {
    title: 'Your security settings do not match',
    detail: 'The payment service showed keys that differ from what your bank knows. Nothing was approved.',
  },
  // Mostly a device removed from the wallet on another one (DevicesSection): its keys sign no more.
  UnknownKey: {
    title: 'This device can no longer sign for your wallet',
    detail:
      'It was removed from your wallet, perhaps on another of your devices. To use your wallet here again, add this device from one you still use.',
  },
};

/** Words for any error a screen can meet. */
export function explain(error: unknown): Explained {
  const passkey = passkeyFailure(error);
  if (passkey === 'cancelled')
    return {
      title: 'The passkey was not confirmed',
      detail:
        'You cancelled, the check did not pass, or it timed out. Nothing was approved. You can try again.',
      retry: true,
    };
  if (passkey === 'unsupported')
    return {
      title: 'This browser cannot use a passkey here',
      detail: 'Use a browser with passkeys and a screen lock set up on this device.',
      retry: false,
    };
  if (passkey === 'already-registered')
    return {
      title: 'This device already has a passkey for your wallet',
      detail: 'You can use the passkey you have.',
      retry: false,
    };
  if (passkey === 'other')
    return {
      title: 'The passkey did not work',
      detail: 'Try again. If it keeps failing, check your device’s screen lock settings.',
      retry: true,
    };
  const code = codeOf(error);
  const known = code ? byCode[code] : undefined;
  if (known) return { retry: false, ...known };
  const status = statusOf(error);
  if (status !== undefined && status >= 500)
    return {
      title: 'The payment service had a problem',
      detail: 'Nothing was changed on your side. Try again in a moment.',
      retry: true,
    };
  // fetch() rejects with a TypeError when no answer arrives at all.
  if (error instanceof TypeError)
    return {
      title: 'No connection',
      detail: 'The wallet could not reach the payment service. Check your connection, then try again.',
      retry: true,
    };
  return {
    title: 'Something went wrong',
    detail: 'Try again. If it keeps happening, reload the page.',
    retry: true,
  };
}

/**
 * Whether a linked bank confirmed the latest change to the wallet's keys, passkeys or email (it
 * then refuses a removed key whatever the payment service shows it). No ids, no hashes.
 */
export function bankConfirmation(
  bankName: string,
  record: LogDeliveryRecord | undefined,
  now: number,
): string {
  if (record?.pending)
    return `${bankName} has not confirmed your latest change yet. The wallet tries again when you next unlock it.`;
  if (record?.confirmed)
    return `${bankName} confirmed your latest change at ${formatWhen(record.confirmed.at, now)}.`;
  return `No change to confirm with ${bankName} since you linked it.`;
}
