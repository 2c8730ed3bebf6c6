import { defineCatalog } from '@tokenos/i18n';

/** The words of the notices (Notice.tsx); what went wrong itself is in words.messages.ts. */
export const noticeMessages = defineCatalog({
  en: { tryAgain: 'Try again' },
  de: { tryAgain: 'Erneut versuchen' },
  fr: { tryAgain: 'Réessayer' },
  es: { tryAgain: 'Reintentar' },
  it: { tryAgain: 'Riprova' },
  nl: { tryAgain: 'Opnieuw proberen' },
  pl: { tryAgain: 'Spróbuj ponownie' },
});
