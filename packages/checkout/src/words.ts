// Every word of the widget in every language the product ships. The script-tag build carries only
// English and each language's start words (locale.ts); the cloud serves the rest of a language as
// JSON at /checkout/v1/words/<locale>, read by the widget when it starts in that language.
import type { Locale as ProductLocale } from '@tokenos/i18n';
import { english, type Messages, type StartWords, startWords } from './locale.ts';

const rest: Readonly<Record<Exclude<ProductLocale, 'en'>, Omit<Messages, keyof StartWords>>> = {
  de: {
    opening: 'Token-Wallet wird geöffnet…',
    waiting: 'Bitte bestätigen Sie in Ihrer Token-Wallet.',
    show: 'Wallet zeigen',
    cancel: 'Abbrechen',
    approved: 'In Ihrer Wallet bestätigt.',
    cancelled: 'Abgebrochen. Nichts wurde bestätigt.',
    failed: 'Token ist gerade nicht erreichbar. Bitte versuchen Sie es erneut.',
    phone: 'Mein Smartphone verwenden',
    scan: 'Scannen Sie den Code mit Ihrem Smartphone oder öffnen Sie diesen Link darauf:',
    qr: 'QR-Code, der diese Zahlung auf Ihrem Smartphone öffnet',
    code: 'Prüfen Sie, ob Ihr Smartphone den Code {code} zeigt.',
  },
  fr: {
    opening: 'Ouverture de votre portefeuille Token…',
    waiting: 'Validez dans votre portefeuille Token.',
    show: 'Afficher le portefeuille',
    cancel: 'Annuler',
    approved: 'Validé dans votre portefeuille.',
    cancelled: 'Annulé. Rien n’a été validé.',
    failed: 'Token est indisponible pour le moment. Veuillez réessayer.',
    phone: 'Utiliser mon téléphone',
    scan: 'Scannez le code avec votre téléphone, ou ouvrez ce lien dessus :',
    qr: 'QR code qui ouvre ce paiement sur votre téléphone',
    code: 'Vérifiez que votre téléphone affiche le code {code}.',
  },
  es: {
    opening: 'Abriendo tu monedero Token…',
    waiting: 'Confirma en tu monedero Token.',
    show: 'Mostrar monedero',
    cancel: 'Cancelar',
    approved: 'Confirmado en tu monedero.',
    cancelled: 'Cancelado. No se ha confirmado nada.',
    failed: 'Token no está disponible ahora. Inténtalo de nuevo.',
    phone: 'Usar mi móvil',
    scan: 'Escanea el código con tu móvil o abre este enlace en él:',
    qr: 'Código QR que abre este pago en tu móvil',
    code: 'Comprueba que tu móvil muestra el código {code}.',
  },
  nl: {
    opening: 'Je Token-wallet wordt geopend…',
    waiting: 'Bevestig in je Token-wallet.',
    show: 'Wallet tonen',
    cancel: 'Annuleren',
    approved: 'Bevestigd in je wallet.',
    cancelled: 'Geannuleerd. Er is niets bevestigd.',
    failed: 'Token is nu niet beschikbaar. Probeer het opnieuw.',
    phone: 'Mijn telefoon gebruiken',
    scan: 'Scan de code met je telefoon, of open deze link erop:',
    qr: 'QR-code die deze betaling op je telefoon opent',
    code: 'Controleer of je telefoon de code {code} toont.',
  },
  it: {
    opening: 'Apertura del tuo portafoglio Token…',
    waiting: 'Conferma nel tuo portafoglio Token.',
    show: 'Mostra portafoglio',
    cancel: 'Annulla',
    approved: 'Confermato nel tuo portafoglio.',
    cancelled: 'Annullato. Non è stato confermato nulla.',
    failed: 'Token non è disponibile al momento. Riprova.',
    phone: 'Usa il mio telefono',
    scan: 'Inquadra il codice con il telefono, oppure apri questo link sul telefono:',
    qr: 'Codice QR che apre questo pagamento sul tuo telefono',
    code: 'Controlla che il telefono mostri il codice {code}.',
  },
  pl: {
    opening: 'Otwieranie portfela Token…',
    waiting: 'Zatwierdź w swoim portfelu Token.',
    show: 'Pokaż portfel',
    cancel: 'Anuluj',
    approved: 'Zatwierdzono w Twoim portfelu.',
    cancelled: 'Anulowano. Nic nie zostało zatwierdzone.',
    failed: 'Token jest teraz niedostępny. Spróbuj ponownie.',
    phone: 'Użyj telefonu',
    scan: 'Zeskanuj kod telefonem albo otwórz w nim ten link:',
    qr: 'Kod QR, który otwiera tę płatność na Twoim telefonie',
    code: 'Sprawdź, czy telefon pokazuje kod {code}.',
  },
};

/** Every language's whole set of words: its start words and the rest. */
export const locales: Readonly<Record<ProductLocale, Messages>> = {
  en: english,
  ...(Object.fromEntries(
    Object.entries(rest).map(([locale, words]) => [
      locale,
      { ...startWords[locale as ProductLocale], ...words },
    ]),
  ) as Record<Exclude<ProductLocale, 'en'>, Messages>),
};
