import { defineCatalog } from '@tokenos/i18n';

/** The order's shipping address as the order page shows it. */
export const shippingMessages = defineCatalog({
  en: {
    shipTo: 'Ship to',
    noAddress: 'No address shared: we will ask you how to deliver.',
    unreadable: 'Shared, but not readable now.',
  },
  de: {
    shipTo: 'Lieferadresse',
    noAddress: 'Keine Adresse geteilt: Wir fragen Sie, wie wir liefern sollen.',
    unreadable: 'Geteilt, aber gerade nicht lesbar.',
  },
  fr: {
    shipTo: 'Livrer à',
    noAddress: 'Aucune adresse partagée : nous vous demanderons comment livrer.',
    unreadable: 'Partagée, mais illisible pour le moment.',
  },
  es: {
    shipTo: 'Enviar a',
    noAddress: 'No has compartido ninguna dirección: te preguntaremos cómo hacer la entrega.',
    unreadable: 'Compartida, pero no se puede leer ahora.',
  },
  it: {
    shipTo: 'Spedire a',
    noAddress: 'Nessun indirizzo condiviso: ti chiederemo come consegnare.',
    unreadable: 'Condiviso, ma non leggibile al momento.',
  },
  nl: {
    shipTo: 'Verzenden naar',
    noAddress: 'Geen adres gedeeld: we vragen je hoe we moeten leveren.',
    unreadable: 'Gedeeld, maar nu niet leesbaar.',
  },
  pl: {
    shipTo: 'Wyślij do',
    noAddress: 'Nie udostępniono adresu: zapytamy Cię, jak dostarczyć zamówienie.',
    unreadable: 'Udostępniono, ale teraz nie można go odczytać.',
  },
});
