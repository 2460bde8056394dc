import { resolve } from 'node:path';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

/** The trainer dashboard: `vite build --config src-hub/dashboard/vite.config.ts` (part of `npm run build`). */
const root = resolve(import.meta.dirname, 'web');

export default defineConfig({
  root,
  base: '/dashboard/',
  plugins: [svelte({ configFile: resolve(import.meta.dirname, '..', '..', 'svelte.config.js') })],
  build: {
    outDir: resolve(import.meta.dirname, '..', '..', 'out', 'hub-dashboard'),
    emptyOutDir: true,
    // No inline scripts or data URLs in the output: the page's CSP allows only 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
  },
});
