import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The SPA is built into <repo>/dist/web and served by the API on the same origin (WebPortalModule),
 * so the browser never needs CORS and `npm start` brings up everything.
 * Vite 8 transforms TSX itself (oxc); no React plugin is installed, so no fast refresh in dev.
 */
export default defineConfig({
  root: here,
  base: '/',
  oxc: { jsx: { runtime: 'automatic' } },
  build: {
    outDir: resolve(here, '../../dist/web'),
    emptyOutDir: true,
    // vendor-antd is ~520 kB minified; warn when a chunk grows past it.
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      // antd marks modules "use client" for React Server Components; irrelevant for a plain SPA bundle.
      onwarn(warning, warn) {
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
      treeshake: {
        // The @rc-component packages under antd declare no `sideEffects`, so their barrels kept whole
        // components (tree, tabs, form) that no page renders. They have none at import time.
        moduleSideEffects: (id) => (/[\\/]node_modules[\\/]@rc-component[\\/]/.test(id) ? false : undefined),
      },
      output: {
        // Libraries change far less often than our pages: in chunks of their own they stay cached across
        // deploys. Pages are split per area by the lazy imports in App.tsx. (Vite 8 bundles with Rolldown,
        // whose `codeSplitting.groups` replaces Rollup's `manualChunks`.)
        codeSplitting: {
          groups: [
            { name: 'vendor-react', test: /[\\/]node_modules[\\/](react|react-dom|scheduler|react-router|react-router-dom|cookie|set-cookie-parser)[\\/]/, priority: 2 },
            // Only the part of antd the shell (layout, menu, config provider) needs at start; components used by
            // pages alone (table, form, date picker…) load with the first page that renders them.
            { name: 'vendor-antd', test: /[\\/]node_modules[\\/](antd|@ant-design|@rc-component|rc-[^\\/]+|@emotion|stylis|dayjs)[\\/]/, tags: ['$initial'], priority: 1 },
          ],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
