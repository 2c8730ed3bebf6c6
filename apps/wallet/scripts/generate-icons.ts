// Writes the wallet's icons into public/icons/: one SVG and the PNGs the web app manifest needs
// (192 and 512 px, plus a maskable 512 and a 180 px Apple touch icon). The artwork is a key on a
// blue tile, drawn from one set of shapes so the SVG and the PNGs always match. The PNGs are
// rasterized here with 4x4 supersampling and encoded by hand (zlib from node, CRC-32 below), so no
// image dependency is needed. Run: npx tsx apps/wallet/scripts/generate-icons.ts
import { mkdirSync, writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const canvas = 512;
const tileRadius = 112;
const background = { hex: '#1d4ed8', rgb: [0x1d, 0x4e, 0xd8] as const };
const foreground = { hex: '#ffffff', rgb: [0xff, 0xff, 0xff] as const };

// The key, in a 512-unit square: a ring (the bow), a shaft and two teeth. Its bounding box is
// centred on (256, 256).
const ring = { cx: 184, cy: 256, outer: 92, inner: 44 };
const bars = [
  { x: 262, y: 232, w: 158, h: 48 },
  { x: 364, y: 280, w: 40, h: 60 },
  { x: 304, y: 280, w: 36, h: 40 },
];

interface Variant {
  file: string;
  size: number;
  /** Maskable icons fill the whole square and keep the art inside the central safe zone. */
  maskable: boolean;
}

const variants: readonly Variant[] = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'maskable-512.png', size: 512, maskable: true },
  { file: 'apple-touch-icon-180.png', size: 180, maskable: true },
];

// W3C Manifest "icon masks": the safe zone is a circle of 40% radius, so the key is scaled down.
const maskableArtScale = 0.72;

function insideTile(x: number, y: number): boolean {
  const cx = Math.min(Math.max(x, tileRadius), canvas - tileRadius);
  const cy = Math.min(Math.max(y, tileRadius), canvas - tileRadius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= tileRadius ** 2;
}

function insideKey(x: number, y: number): boolean {
  const d2 = (x - ring.cx) ** 2 + (y - ring.cy) ** 2;
  if (d2 <= ring.outer ** 2 && d2 >= ring.inner ** 2) return true;
  return bars.some((b) => x >= b.x && x <= b.x + b.w && y >= b.y && y <= b.y + b.h);
}

function rasterize(variant: Variant): Uint8Array {
  const { size, maskable } = variant;
  const samples = 4;
  const rgba = new Uint8Array(size * size * 4);
  const artScale = maskable ? maskableArtScale : 1;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let tile = 0;
      let key = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = ((px + (sx + 0.5) / samples) / size) * canvas;
          const y = ((py + (sy + 0.5) / samples) / size) * canvas;
          if (maskable || insideTile(x, y)) tile++;
          const kx = (x - canvas / 2) / artScale + canvas / 2;
          const ky = (y - canvas / 2) / artScale + canvas / 2;
          if (insideKey(kx, ky)) key++;
        }
      }
      const n = samples * samples;
      const keyCover = key / n;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) {
        const bg = background.rgb[c] ?? 0;
        const fg = foreground.rgb[c] ?? 0;
        rgba[i + c] = Math.round(bg + (fg - bg) * keyCover);
      }
      rgba[i + 3] = Math.round((tile / n) * 255);
    }
  }
  return rgba;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

// PNG (ISO/IEC 15948): signature, IHDR (8-bit RGBA), IDAT (each row prefixed by filter 0), IEND.
function encodePng(size: number, rgba: Uint8Array): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows.set(rgba.subarray(y * size * 4, (y + 1) * size * 4), y * (size * 4 + 1) + 1);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', new Uint8Array()),
  ]);
}

function svg(): string {
  const ringRadius = (ring.outer + ring.inner) / 2;
  const ringWidth = ring.outer - ring.inner;
  const rects = bars.map((b) => `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}"/>`).join('');
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${canvas} ${canvas}" role="img">`,
    '<title>Token Wallet</title>',
    `<rect width="${canvas}" height="${canvas}" rx="${tileRadius}" fill="${background.hex}"/>`,
    `<circle cx="${ring.cx}" cy="${ring.cy}" r="${ringRadius}" fill="none" stroke="${foreground.hex}" stroke-width="${ringWidth}"/>`,
    `<g fill="${foreground.hex}">${rects}</g>`,
    '</svg>',
    '',
  ].join('');
}

const outDir = new URL('../public/icons/', import.meta.url);
mkdirSync(outDir, { recursive: true });
writeFileSync(new URL('icon.svg', outDir), svg());
for (const variant of variants) {
  writeFileSync(new URL(variant.file, outDir), encodePng(variant.size, rasterize(variant)));
}
console.log(`wrote icon.svg and ${variants.map((v) => v.file).join(', ')} to ${outDir.pathname}`);
