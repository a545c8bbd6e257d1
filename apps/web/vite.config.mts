// The web page: Preact components in TypeScript, bundled by Vite into dist/web, which the API serves at `/`.
// The domain and the contracts are imported from libs/, never copied.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;
const repo = resolve(root, '..', '..');

export default defineConfig({
  root,
  base: '/',
  publicDir: resolve(root, 'public'),
  resolve: {
    alias: {
      '@depositary/domain': resolve(repo, 'libs/domain/src/browser.ts'),
      '@depositary/contracts': resolve(repo, 'libs/contracts/src/index.ts'),
    },
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: resolve(repo, 'dist/web'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // No inline script or style: the page is served under script-src 'self'; style-src 'self'.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    // Two pages: the signed-in app at `/`, and the public page of a treaty the API serves at /public/{slug}.
    rolldownOptions: { input: { app: resolve(root, 'index.html'), public: resolve(root, 'public.html') } },
  },
  logLevel: 'warn',
});
