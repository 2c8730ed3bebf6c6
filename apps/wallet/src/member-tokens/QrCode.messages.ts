import { defineCatalog } from '@tokenos/i18n';

/** The QR code while it is drawn, or when it cannot be. */
export const qrCodeMessages = defineCatalog({
  en: {
    failed: 'The QR code could not be drawn. Copy the text below instead.',
    drawing: 'Drawing the QR code…',
  },
  de: {
    failed: 'Der QR-Code konnte nicht gezeichnet werden. Kopieren Sie stattdessen den Text unten.',
    drawing: 'QR-Code wird gezeichnet…',
  },
  fr: {
    failed: 'Le QR code n’a pas pu être dessiné. Copiez plutôt le texte ci-dessous.',
    drawing: 'Dessin du QR code…',
  },
  es: {
    failed: 'No se ha podido dibujar el código QR. Copia el texto de abajo.',
    drawing: 'Dibujando el código QR…',
  },
  it: {
    failed: 'Non è stato possibile disegnare il codice QR. Copia invece il testo qui sotto.',
    drawing: 'Disegno del codice QR…',
  },
  nl: {
    failed: 'De QR-code kon niet worden getekend. Kopieer in plaats daarvan de tekst hieronder.',
    drawing: 'QR-code tekenen…',
  },
  pl: {
    failed: 'Nie udało się narysować kodu QR. Skopiuj zamiast tego tekst poniżej.',
    drawing: 'Rysowanie kodu QR…',
  },
});
