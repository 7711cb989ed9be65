import { fileURLToPath } from 'node:url';
import vue from '@vitejs/plugin-vue';
import { defineConfig } from 'vite';

/**
 * The web UI's build: a Vue 3 single-page app served by the server under `/ui/` (src/core/http/rest/
 * web-ui.ts). `wikiqueue ui build` runs it (and `npm start` when the build is missing or stale).
 */
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: '/ui/',
  plugins: [vue()],
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // The article view and the flows that need a session load when first opened; the shell, the
    // feed and the English messages are the initial transfer.
    chunkSizeWarningLimit: 600,
  },
});
