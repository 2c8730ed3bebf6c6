import { defineCatalog } from '@tokenos/i18n';

/** The email address and code fields shared by setup, claim and security. */
export const emailFieldsMessages = defineCatalog({
  en: { sending: 'Sending…', send: 'Send code', code: 'Code from the email' },
  de: { sending: 'Wird gesendet…', send: 'Code senden', code: 'Code aus der E-Mail' },
  fr: { sending: 'Envoi…', send: 'Envoyer le code', code: 'Code reçu par e-mail' },
  es: { sending: 'Enviando…', send: 'Enviar código', code: 'Código del correo' },
  it: { sending: 'Invio…', send: 'Invia codice', code: 'Codice dell’email' },
  nl: { sending: 'Versturen…', send: 'Code versturen', code: 'Code uit de e-mail' },
  pl: { sending: 'Wysyłanie…', send: 'Wyślij kod', code: 'Kod z e-maila' },
});
