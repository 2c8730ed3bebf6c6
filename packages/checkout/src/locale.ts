// The widget's few words, in every language the product ships (@tokenos/i18n's list; the types
// hold the widget to it). 'auto' picks the first of the browser's preferred languages the widget
// has, else English. Plain objects, not ICU catalogs: the widget carries no library. The bundle
// holds English and each language's start words (the button); the rest of a language comes from
// the cloud when the widget starts in it (words.ts, served at /checkout/v1/words/<locale>),
// which keeps the script-tag build within its 8 KB.
import type { Locale as ProductLocale } from '@tokenos/i18n';

export interface Messages {
  pay: string;
  connect: string;
  /** Read by screen readers after the button's name. */
  hint: string;
  opening: string;
  waiting: string;
  show: string;
  cancel: string;
  approved: string;
  cancelled: string;
  failed: string;
  /** "Use my phone": approve this checkout in the wallet on the shopper's phone. */
  phone: string;
  scan: string;
  /** The QR code image's alt text. */
  qr: string;
  /** `{code}` is the four-digit confirmation code. */
  code: string;
}

export const english: Messages = {
  pay: 'Pay with Token',
  connect: 'Connect with Token',
  hint: 'Opens your Token wallet',
  opening: 'Opening your Token wallet…',
  waiting: 'Waiting for you to approve in your Token wallet.',
  show: 'Show wallet',
  cancel: 'Cancel',
  approved: 'Approved in your wallet.',
  cancelled: 'Cancelled. Nothing was approved.',
  failed: 'Token is not available right now. Please try again.',
  phone: 'Use my phone',
  scan: 'Scan the code with your phone, or open this link on it:',
  qr: 'QR code that opens this payment on your phone',
  code: 'Check that your phone shows the code {code}.',
};

/** The words the button shows before anything is clicked, in every language: no wait for them. */
export type StartWords = Pick<Messages, 'pay' | 'connect' | 'hint'>;

export const startWords: Readonly<Record<ProductLocale, StartWords>> = {
  en: { pay: 'Pay with Token', connect: 'Connect with Token', hint: 'Opens your Token wallet' },
  de: { pay: 'Mit Token bezahlen', connect: 'Mit Token verbinden', hint: 'Öffnet Ihre Token-Wallet' },
  fr: { pay: 'Payer avec Token', connect: 'Connecter avec Token', hint: 'Ouvre votre portefeuille Token' },
  es: { pay: 'Pagar con Token', connect: 'Conectar con Token', hint: 'Abre tu monedero Token' },
  nl: { pay: 'Betalen met Token', connect: 'Verbinden met Token', hint: 'Opent je Token-wallet' },
  it: { pay: 'Paga con Token', connect: 'Collega con Token', hint: 'Apre il tuo portafoglio Token' },
  pl: { pay: 'Zapłać przez Token', connect: 'Połącz przez Token', hint: 'Otwiera Twój portfel Token' },
};

export type Locale = ProductLocale;

function isLocale(tag: string): tag is Locale {
  return Object.hasOwn(startWords, tag);
}

/** Where the cloud serves the rest of a language's words. */
export function wordsUrl(cloudUrl: string, locale: Locale): string {
  return `${cloudUrl}/checkout/v1/words/${locale}`;
}

/** A language's words as the cloud sent them: every message a short string, else nothing. */
export function parseWords(value: unknown): Messages | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const words: Record<string, string> = {};
  for (const key of Object.keys(english)) {
    const text = (value as Record<string, unknown>)[key];
    if (typeof text !== 'string' || text.length === 0 || text.length > 200) return undefined;
    words[key] = text;
  }
  return words as unknown as Messages;
}

/** Fetches the rest of a language's words; undefined (English stays) when the cloud cannot say. */
export async function loadWords(cloudUrl: string, locale: Locale): Promise<Messages | undefined> {
  try {
    const res = await fetch(wordsUrl(cloudUrl, locale), { credentials: 'omit' });
    return res.ok ? parseWords(await res.json()) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The locale to show: an explicit one the widget has (`de-AT` falls back to `de`), or for 'auto'
 * the first of the browser's languages it has, else English.
 */
export function resolveLocale(requested: string | undefined, preferred: readonly string[]): Locale {
  const candidates = requested && requested !== 'auto' ? [requested] : preferred;
  for (const tag of candidates) {
    const base = tag.toLowerCase().split('-')[0] ?? '';
    if (isLocale(base)) return base;
  }
  return 'en';
}
