import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './src-shared/security/csp';

/** Puts the CSP in the built index.html for Electron (the browser host also sends it as a header).
 * Build only: the dev server's hot reload needs inline code the policy forbids. */
function contentSecurityPolicyMeta(): Plugin {
  // frame-ancestors is ignored, with a warning, in a <meta> policy.
  const policy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors'))
    .join('; ');
  return {
    name: 'advocate-csp-meta',
    apply: 'build',
    transformIndexHtml: (html) =>
      html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${policy}" />`),
  };
}

// With src-main / src-renderer instead of src/main / src/renderer, every entry is named explicitly.
export default defineConfig({
  main: {
    build: {
      rolldownOptions: {
        input: {
          // The Electron main process.
          index: resolve('src-main/electron/main.ts'),
          // The browser host: the same services and handlers over HTTP, runnable in plain Node.
          host: resolve('src-main/host/main.ts'),
          // The worker thread that unpacks and validates course packs (src-packs/off-thread.ts finds it).
          'pack-check-worker': resolve('src-packs/pack-check-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      rolldownOptions: {
        input: { index: resolve('src-main/electron/preload.ts') },
        // A sandboxed preload must be one CommonJS file that requires nothing but electron.
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve('src-renderer'),
    plugins: [svelte({ configFile: resolve('svelte.config.js') }), contentSecurityPolicyMeta()],
    build: {
      outDir: resolve('out/renderer'),
      rolldownOptions: { input: { index: resolve('src-renderer/index.html') } },
    },
  },
});
