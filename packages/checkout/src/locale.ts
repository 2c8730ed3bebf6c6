// The widget's few words, in the languages of the first markets. 'auto' picks the first of the
// browser's preferred languages the widget has, else English.

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
} satisfies Record<string, Messages>;

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
