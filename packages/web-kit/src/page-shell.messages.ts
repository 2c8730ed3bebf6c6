import { defineCatalog } from '@tokenos/i18n';

/** The words every site page has around its content. */
export const pageShellMessages = defineCatalog({
  en: { skip: 'Skip to content', language: 'Language' },
  de: { skip: 'Zum Inhalt springen', language: 'Sprache' },
  fr: { skip: 'Aller au contenu', language: 'Langue' },
  es: { skip: 'Ir al contenido', language: 'Idioma' },
  it: { skip: 'Vai al contenuto', language: 'Lingua' },
  nl: { skip: 'Naar de inhoud', language: 'Taal' },
  pl: { skip: 'Przejdź do treści', language: 'Język' },
});
