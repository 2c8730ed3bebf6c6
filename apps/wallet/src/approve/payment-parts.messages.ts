import { defineCatalog } from '@tokenos/i18n';

/** A payment's cart lines and the paying account's balance (payment-parts.tsx). */
export const paymentPartsMessages = defineCatalog({
  en: {
    quantity: '{quantity} × {description}',
    available: 'Available in this account: <amount>{money}</amount>',
  },
  de: {
    quantity: '{quantity} × {description}',
    available: 'Verfügbar auf diesem Konto: <amount>{money}</amount>',
  },
  fr: {
    quantity: '{quantity} × {description}',
    available: 'Disponible sur ce compte : <amount>{money}</amount>',
  },
  es: {
    quantity: '{quantity} × {description}',
    available: 'Disponible en esta cuenta: <amount>{money}</amount>',
  },
  it: {
    quantity: '{quantity} × {description}',
    available: 'Disponibile su questo conto: <amount>{money}</amount>',
  },
  nl: {
    quantity: '{quantity} × {description}',
    available: 'Beschikbaar op deze rekening: <amount>{money}</amount>',
  },
  pl: {
    quantity: '{quantity} × {description}',
    available: 'Dostępne na tym koncie: <amount>{money}</amount>',
  },
});
