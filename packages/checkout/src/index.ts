export { type ButtonOptions, button, type CheckoutButton } from './button.ts';
export {
  type Approval,
  type Cancellation,
  type CheckoutOutcome,
  isAvailable,
  type OpenOptions,
  open,
  type RequestSource,
  resume,
  type Waiting,
} from './checkout.ts';
export { type CheckoutConfig, configure } from './config.ts';
export { CheckoutError, type CheckoutErrorCode } from './errors.ts';
export type { PhoneHandoff } from './handoff.ts';
export type { Locale } from './locale.ts';
export type { TokenRequestResult } from './message.ts';
export type { ThemeVariable } from './styles.ts';
