import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const root = fileURLToPath(new URL('.', import.meta.url));

// The server serves client/dist at `/`; during `vite dev` (`npm run dev`) the API is proxied to the
// local server on PORT (default 3000) so that cookies stay same-origin.
const apiPort = process.env.PORT ?? '3000';
export default defineConfig({
  root,
  base: '/',
  plugins: [svelte()],
  build: {
    outDir: fileURLToPath(new URL('./dist', import.meta.url)),
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    // The first `npm start` builds the client on the user's machine; rolldown's note that the Svelte plugin took
    // most of the build is for plugin authors, not for someone starting the application.
    rolldownOptions: { checks: { bundlerTimings: false } },
  },
  server: {
    port: 5173,
    strictPort: false,
    proxy: {
      '/api': { target: `http://127.0.0.1:${apiPort}`, changeOrigin: false },
    },
  },
});
