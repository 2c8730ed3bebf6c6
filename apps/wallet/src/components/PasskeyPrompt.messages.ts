import { defineCatalog } from '@tokenos/i18n';

/** Above the browser's passkey prompt (PasskeyPrompt.tsx). */
export const passkeyPromptMessages = defineCatalog({
  en: { title: 'Confirm with your passkey', cancel: 'Cancel' },
  de: { title: 'Mit Ihrem Passkey bestätigen', cancel: 'Abbrechen' },
  fr: { title: 'Confirmez avec votre clé d’accès', cancel: 'Annuler' },
  es: { title: 'Confirma con tu llave de acceso', cancel: 'Cancelar' },
  it: { title: 'Conferma con la tua passkey', cancel: 'Annulla' },
  nl: { title: 'Bevestig met je passkey', cancel: 'Annuleren' },
  pl: { title: 'Potwierdź kluczem dostępu', cancel: 'Anuluj' },
});
