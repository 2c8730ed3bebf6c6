// The QR code a desktop checkout shows for "Use my phone" (issue 15 item 4), drawn here as one SVG
// path so the checkout widget stays free of an encoder: it loads this in an <img> only when the
// shopper asks for it. The encoder is lean-qr (MIT, no dependencies), as in the wallet.
import { correction, generate } from 'lean-qr';

/** An SVG image of a QR code for `text`: level M, a 4-module quiet zone, black on white. */
export function qrSvg(text: string): string {
  const bitmap = generate(text, { minCorrectionLevel: correction.M });
  const quiet = 4;
  const size = bitmap.size + 2 * quiet;
  let d = '';
  for (let y = 0; y < bitmap.size; y++)
    for (let x = 0; x < bitmap.size; x++) if (bitmap.get(x, y)) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}
