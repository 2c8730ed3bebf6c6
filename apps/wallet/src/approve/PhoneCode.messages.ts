import { defineCatalog } from '@tokenos/i18n';

/** The confirmation code on the phone when a desktop checkout was handed to it. */
export const phoneCodeMessages = defineCatalog({
  en: {
    label: 'Confirmation code',
    hint: 'Go on only if your computer shows the same code.',
  },
  de: {
    label: 'Bestätigungscode',
    hint: 'Fahren Sie nur fort, wenn Ihr Computer denselben Code zeigt.',
  },
  fr: {
    label: 'Code de confirmation',
    hint: 'Ne continuez que si votre ordinateur affiche le même code.',
  },
  es: {
    label: 'Código de confirmación',
    hint: 'Continúa solo si tu ordenador muestra el mismo código.',
  },
  it: {
    label: 'Codice di conferma',
    hint: 'Continua solo se il tuo computer mostra lo stesso codice.',
  },
  nl: {
    label: 'Bevestigingscode',
    hint: 'Ga alleen verder als je computer dezelfde code toont.',
  },
  pl: {
    label: 'Kod potwierdzenia',
    hint: 'Kontynuuj tylko wtedy, gdy Twój komputer pokazuje ten sam kod.',
  },
});
