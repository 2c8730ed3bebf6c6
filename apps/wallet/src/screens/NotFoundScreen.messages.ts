import { defineCatalog } from '@tokenos/i18n';

/** A wallet address with no page behind it. */
export const notFoundMessages = defineCatalog({
  en: {
    title: 'Page not found',
    text: 'There is no page at <path></path> in this wallet. The link may be mistyped or out of date.',
    start: 'Go to the start page',
  },
  de: {
    title: 'Seite nicht gefunden',
    text: 'Unter <path></path> gibt es in dieser Wallet keine Seite. Der Link ist vielleicht falsch geschrieben oder veraltet.',
    start: 'Zur Startseite',
  },
  fr: {
    title: 'Page introuvable',
    text: 'Il n’y a pas de page à l’adresse <path></path> dans ce portefeuille. Le lien est peut-être mal saisi ou périmé.',
    start: 'Aller à la page d’accueil',
  },
  es: {
    title: 'Página no encontrada',
    text: 'No hay ninguna página en <path></path> en este monedero. Puede que el enlace esté mal escrito o desactualizado.',
    start: 'Ir a la página de inicio',
  },
  it: {
    title: 'Pagina non trovata',
    text: 'Non c’è nessuna pagina in <path></path> in questo portafoglio. Il link potrebbe essere scritto male o non più valido.',
    start: 'Vai alla pagina iniziale',
  },
  nl: {
    title: 'Pagina niet gevonden',
    text: 'Er is geen pagina op <path></path> in deze wallet. De link is misschien verkeerd getypt of verouderd.',
    start: 'Naar de startpagina',
  },
  pl: {
    title: 'Nie znaleziono strony',
    text: 'W tym portfelu nie ma strony pod adresem <path></path>. Link może zawierać literówkę lub być nieaktualny.',
    start: 'Przejdź do strony startowej',
  },
});
