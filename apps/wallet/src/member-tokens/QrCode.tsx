// A QR code drawn as one SVG path (no canvas, no innerHTML: fine under the wallet's CSP and
// Trusted Types). The encoder is lean-qr (MIT, no dependencies, about 4 KB gzipped), imported
// only when a code is first shown, so neither the first load nor the token list pays for it.
import { useEffect, useState } from 'react';
import { useT } from '../i18n/use-t.ts';
import { qrCodeMessages } from './QrCode.messages.ts';

type Bitmap = { size: number; get(x: number, y: number): boolean };

/** The path of the dark modules, offset by the 4-module quiet zone (ISO/IEC 18004 §6.3.8). */
export function qrPath(bitmap: Bitmap, quiet = 4): string {
  let d = '';
  for (let y = 0; y < bitmap.size; y++)
    for (let x = 0; x < bitmap.size; x++) if (bitmap.get(x, y)) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
  return d;
}

export function QrCode({ text, label }: { text: string; label: string }) {
  const t = useT(qrCodeMessages);
  const [drawn, setDrawn] = useState<{ text: string; path: string; size: number } | { error: true }>();
  useEffect(() => {
    let live = true;
    import('lean-qr')
      .then(({ generate, correction }) => {
        // Level M: 15 % of the code may be damaged or dirty and it still reads.
        const bitmap = generate(text, { minCorrectionLevel: correction.M });
        if (live) setDrawn({ text, path: qrPath(bitmap), size: bitmap.size + 8 });
      })
      .catch((e: unknown) => {
        console.error(e);
        if (live) setDrawn({ error: true });
      });
    return () => {
      live = false;
    };
  }, [text]);
  if (drawn && 'error' in drawn) return <p className="form-hint">{t('failed')}</p>;
  if (!drawn || drawn.text !== text)
    return (
      <div className="qr qr-loading" role="status">
        {t('drawing')}
      </div>
    );
  return (
    <svg
      className="qr"
      viewBox={`0 0 ${drawn.size} ${drawn.size}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect width={drawn.size} height={drawn.size} fill="#fff" />
      <path d={drawn.path} fill="#000" />
    </svg>
  );
}
