// The widget's few words, in every language the product ships (@tokenos/i18n's list; the type
// below holds the widget to it). 'auto' picks the first of the browser's preferred languages the
// widget has, else English. Plain objects, not ICU catalogs: the widget carries no library.
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
}

const en: Messages = {
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
};

export const locales = {
  en,
  de: {
    pay: 'Mit Token bezahlen',
    connect: 'Mit Token verbinden',
    hint: 'Öffnet Ihre Token-Wallet',
    opening: 'Token-Wallet wird geöffnet…',
    waiting: 'Bitte bestätigen Sie in Ihrer Token-Wallet.',
    show: 'Wallet zeigen',
    cancel: 'Abbrechen',
    approved: 'In Ihrer Wallet bestätigt.',
    cancelled: 'Abgebrochen. Nichts wurde bestätigt.',
    failed: 'Token ist gerade nicht erreichbar. Bitte versuchen Sie es erneut.',
  },
  fr: {
    pay: 'Payer avec Token',
    connect: 'Connecter avec Token',
    hint: 'Ouvre votre portefeuille Token',
    opening: 'Ouverture de votre portefeuille Token…',
    waiting: 'Validez dans votre portefeuille Token.',
    show: 'Afficher le portefeuille',
    cancel: 'Annuler',
    approved: 'Validé dans votre portefeuille.',
    cancelled: 'Annulé. Rien n’a été validé.',
    failed: 'Token est indisponible pour le moment. Veuillez réessayer.',
  },
  es: {
    pay: 'Pagar con Token',
    connect: 'Conectar con Token',
    hint: 'Abre tu monedero Token',
    opening: 'Abriendo tu monedero Token…',
    waiting: 'Confirma en tu monedero Token.',
    show: 'Mostrar monedero',
    cancel: 'Cancelar',
    approved: 'Confirmado en tu monedero.',
    cancelled: 'Cancelado. No se ha confirmado nada.',
    failed: 'Token no está disponible ahora. Inténtalo de nuevo.',
  },
  nl: {
    pay: 'Betalen met Token',
    connect: 'Verbinden met Token',
    hint: 'Opent je Token-wallet',
    opening: 'Je Token-wallet wordt geopend…',
    waiting: 'Bevestig in je Token-wallet.',
    show: 'Wallet tonen',
    cancel: 'Annuleren',
    approved: 'Bevestigd in je wallet.',
    cancelled: 'Geannuleerd. Er is niets bevestigd.',
    failed: 'Token is nu niet beschikbaar. Probeer het opnieuw.',
  },
  it: {
    pay: 'Paga con Token',
    connect: 'Collega con Token',
    hint: 'Apre il tuo portafoglio Token',
    opening: 'Apertura del tuo portafoglio Token…',
    waiting: 'Conferma nel tuo portafoglio Token.',
    show: 'Mostra portafoglio',
    cancel: 'Annulla',
    approved: 'Confermato nel tuo portafoglio.',
    cancelled: 'Annullato. Non è stato confermato nulla.',
    failed: 'Token non è disponibile al momento. Riprova.',
  },
  pl: {
    pay: 'Zapłać przez Token',
    connect: 'Połącz przez Token',
    hint: 'Otwiera Twój portfel Token',
    opening: 'Otwieranie portfela Token…',
    waiting: 'Zatwierdź w swoim portfelu Token.',
    show: 'Pokaż portfel',
    cancel: 'Anuluj',
    approved: 'Zatwierdzono w Twoim portfelu.',
    cancelled: 'Anulowano. Nic nie zostało zatwierdzone.',
    failed: 'Token jest teraz niedostępny. Spróbuj ponownie.',
  },
} satisfies Record<ProductLocale, Messages>;

export type Locale = keyof typeof locales;

function isLocale(tag: string): tag is Locale {
  return Object.hasOwn(locales, tag);
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
