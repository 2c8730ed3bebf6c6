import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

const root = fileURLToPath(new URL('.', import.meta.url));
const brandColor = '#1d4ed8';

export default defineConfig({
  root,
  // Workspace packages export TypeScript source under the `source` condition.
  resolve: { conditions: ['source', ...defaultClientConditions] },
  build: { outDir: 'dist', emptyOutDir: true, target: 'es2022' },
  // `npm run dev` relays /api to the cloud like the production server does.
  server: { proxy: { '/api': process.env.CLOUD_URL ?? 'http://localhost:4000' } },
  plugins: [
    react(),
    VitePWA({
      strategies: 'generateSW',
      // The page asks before a new version takes over (UpdatePrompt), so an approval in progress
      // is never reloaded under the user.
      registerType: 'prompt',
      // Registered from code (virtual:pwa-register/react), never by an inline script: the CSP is
      // `script-src 'self'` with no 'unsafe-inline'.
      injectRegister: false,
      // The glob below already precaches every icon; listing them again would duplicate entries.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Token Wallet',
        short_name: 'Wallet',
        description: 'Pay from your bank. Your keys stay on this device; you approve with a passkey.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: brandColor,
        background_color: '#ffffff',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml', purpose: 'any' },
        ],
      },
      workbox: {
        // The shell only: the built HTML, scripts, styles and icons (the plugin adds the manifest). No runtime caching,
        // so nothing from /api is ever stored on the device by the service worker.
        globPatterns: ['**/*.{html,js,css,svg,png}'],
        navigateFallback: 'index.html',
        // /api is data, never the shell. /approve always goes to the network: the server answers it
        // with its own headers (COOP unsafe-none, so a merchant's popup keeps window.opener), and a
        // payment approval must never run on a stale cached shell.
        // Workbox tests these against pathname + search, so `/approve?request=...` must match too.
        navigateFallbackDenylist: [/^\/api(?:[/?]|$)/, /^\/approve(?:[/?]|$)/],
        cleanupOutdatedCaches: true,
      },
    }),
  ],
});
