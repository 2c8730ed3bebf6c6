import { defineCatalog } from '@tokenos/i18n';

/** A new version of the wallet waiting to take over. */
export const updatePromptMessages = defineCatalog({
  en: {
    label: 'Update available',
    text: 'A new version of the wallet is ready.',
    update: 'Update now',
    later: 'Later',
  },
  de: {
    label: 'Update verfügbar',
    text: 'Eine neue Version der Wallet ist bereit.',
    update: 'Jetzt aktualisieren',
    later: 'Später',
  },
  fr: {
    label: 'Mise à jour disponible',
    text: 'Une nouvelle version du portefeuille est prête.',
    update: 'Mettre à jour',
    later: 'Plus tard',
  },
  es: {
    label: 'Actualización disponible',
    text: 'Hay una nueva versión del monedero lista.',
    update: 'Actualizar ahora',
    later: 'Más tarde',
  },
  it: {
    label: 'Aggiornamento disponibile',
    text: 'Una nuova versione del portafoglio è pronta.',
    update: 'Aggiorna ora',
    later: 'Più tardi',
  },
  nl: {
    label: 'Update beschikbaar',
    text: 'Er staat een nieuwe versie van de wallet klaar.',
    update: 'Nu bijwerken',
    later: 'Later',
  },
  pl: {
    label: 'Dostępna aktualizacja',
    text: 'Nowa wersja portfela jest gotowa.',
    update: 'Zaktualizuj teraz',
    later: 'Później',
  },
});
