import { defineCatalog } from '@tokenos/i18n';

/** Choosing the paying account (account-picker.tsx). */
export const accountPickerMessages = defineCatalog({
  en: { linkAccount: 'Link a bank account', payFrom: 'Pay from' },
  de: { linkAccount: 'Bankkonto verknüpfen', payFrom: 'Zahlen von' },
  fr: { linkAccount: 'Lier un compte bancaire', payFrom: 'Payer depuis' },
  es: { linkAccount: 'Vincular una cuenta bancaria', payFrom: 'Pagar desde' },
  it: { linkAccount: 'Collega un conto bancario', payFrom: 'Paga da' },
  nl: { linkAccount: 'Bankrekening koppelen', payFrom: 'Betalen vanaf' },
  pl: { linkAccount: 'Połącz konto bankowe', payFrom: 'Zapłać z' },
});
