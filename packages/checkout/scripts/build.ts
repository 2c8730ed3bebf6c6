// Builds the widget: dist/checkout.js (ESM for bundlers), dist/checkout.iife.js (the script-tag
// build defining the global TokenCheckout, served by the cloud) and dist/types (declarations).
// `npm run build -w @tokenos/checkout`; runnable from anywhere.
import { spawn } from 'node:child_process';
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export const packageDir = fileURLToPath(new URL('..', import.meta.url));
export const distDir = join(packageDir, 'dist');

async function bundle(entry: string, format: 'es' | 'iife', fileName: string): Promise<void> {
  await build({
    configFile: false,
    root: packageDir,
    logLevel: 'warn',
    build: {
      outDir: distDir,
      emptyOutDir: false,
      target: 'es2022',
      minify: true,
      sourcemap: false,
      lib: {
        entry: join(packageDir, entry),
        formats: [format],
        name: 'TokenCheckout',
        fileName: () => fileName,
      },
    },
  });
}

function tsc(args: string[]): Promise<void> {
  const bin = fileURLToPath(new URL('../../../node_modules/.bin/tsc', import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { cwd: packageDir, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`tsc exited ${code}`))));
  });
}

/** Declarations for the ESM build; `./x.ts` specifiers become `./x.js` so any resolver finds `./x.d.ts`. */
async function declarations(): Promise<void> {
  const out = join(distDir, 'types');
  await tsc([
    '-p',
    'tsconfig.json',
    '--noEmit',
    'false',
    '--declaration',
    '--emitDeclarationOnly',
    '--outDir',
    out,
    '--rootDir',
    'src',
  ]);
  for (const name of await readdir(out)) {
    const file = join(out, name);
    if (name.endsWith('.test.d.ts')) {
      await rm(file);
      continue;
    }
    const text = await readFile(file, 'utf8');
    await writeFile(file, text.replace(/(from\s+'\.\/[a-z-]+)\.ts'/g, "$1.js'"));
  }
}

export async function buildCheckout(): Promise<void> {
  await rm(distDir, { recursive: true, force: true });
  await bundle('src/index.ts', 'es', 'checkout.js');
  await bundle('src/script-tag.ts', 'iife', 'checkout.iife.js');
  await declarations();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildCheckout();
  console.log(`built ${distDir}`);
}
