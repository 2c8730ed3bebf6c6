export type CheckoutErrorCode =
  /** No wallet origin (data-wallet-origin or the walletOrigin option), or not an exact origin. */
  | 'NotConfigured'
  /** The merchant's createRequest failed or gave something that is not a request id. */
  | 'CreateRequestFailed'
  /** Another checkout is still open in this page. */
  | 'Busy'
  /** The browser lacks what a safe checkout needs (crypto.getRandomValues, sessionStorage). */
  | 'Unsupported'
  /** The merchant's onApprove threw or rejected. */
  | 'HandlerFailed';

/** Every failure the widget reports, with a stable code to branch on (never the message). */
export class CheckoutError extends Error {
  readonly code: CheckoutErrorCode;
  constructor(code: CheckoutErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'CheckoutError';
    this.code = code;
  }
}
