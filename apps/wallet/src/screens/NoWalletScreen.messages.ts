import { defineCatalog } from '@tokenos/i18n';

/** A page that needs a wallet, opened on a device without one. */
export const noWalletMessages = defineCatalog({
  en: {
    title: 'No wallet on this device',
    text: 'This page shows your wallet, but this device has none yet. Creating one takes a minute.',
    create: 'Create wallet',
    start: 'Go to the start page',
  },
  de: {
    title: 'Keine Wallet auf diesem Gerät',
    text: 'Diese Seite zeigt Ihre Wallet, aber auf diesem Gerät gibt es noch keine. Das Erstellen dauert eine Minute.',
    create: 'Wallet erstellen',
    start: 'Zur Startseite',
  },
  fr: {
    title: 'Aucun portefeuille sur cet appareil',
    text: 'Cette page affiche votre portefeuille, mais cet appareil n’en a pas encore. En créer un prend une minute.',
    create: 'Créer un portefeuille',
    start: 'Aller à la page d’accueil',
  },
  es: {
    title: 'No hay monedero en este dispositivo',
    text: 'Esta página muestra tu monedero, pero este dispositivo aún no tiene ninguno. Crear uno lleva un minuto.',
    create: 'Crear monedero',
    start: 'Ir a la página de inicio',
  },
  it: {
    title: 'Nessun portafoglio su questo dispositivo',
    text: 'Questa pagina mostra il tuo portafoglio, ma questo dispositivo non ne ha ancora uno. Crearlo richiede un minuto.',
    create: 'Crea portafoglio',
    start: 'Vai alla pagina iniziale',
  },
  nl: {
    title: 'Geen wallet op dit apparaat',
    text: 'Deze pagina toont je wallet, maar dit apparaat heeft er nog geen. Er een maken duurt een minuut.',
    create: 'Wallet maken',
    start: 'Naar de startpagina',
  },
  pl: {
    title: 'Brak portfela na tym urządzeniu',
    text: 'Ta strona pokazuje Twój portfel, ale na tym urządzeniu jeszcze go nie ma. Utworzenie go zajmie minutę.',
    create: 'Utwórz portfel',
    start: 'Przejdź do strony startowej',
  },
});
