import { defineCatalog } from '@tokenos/i18n';

/** The inline "are you sure?" (Confirm.tsx): its default way out. */
export const confirmMessages = defineCatalog({
  en: { keepIt: 'Keep it' },
  de: { keepIt: 'Behalten' },
  fr: { keepIt: 'Conserver' },
  es: { keepIt: 'Conservar' },
  it: { keepIt: 'Mantieni' },
  nl: { keepIt: 'Behouden' },
  pl: { keepIt: 'Zostaw' },
});
