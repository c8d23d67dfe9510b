import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { precompress } from './server/web-precompress.ts';

const apiPort = Number(process.env.PORT ?? 8080);

export default defineConfig({
  root: 'web',
  publicDir: 'public',
  // .br and .gz beside each built file, sent as they are (server/serve.ts)
  plugins: [svelte(), precompress()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // Brotli at its highest level is most of the build (~3 s, once per build, on purpose): no
    // slow-plugin notice at every `npm start` that rebuilds.
    rolldownOptions: { checks: { pluginTimings: false } },
  },
  // `npm run dev`: Vite serves web/ and proxies the API to the Hono server.
  server: { proxy: { '/api': `http://127.0.0.1:${apiPort}` } },
  test: {
    root: '.',
    // CI reads the JSON report to fail on any skipped or todo test (.ci/run).
    reporters: process.env.CI ? ['default', ['json', { outputFile: 'test-output/vitest.json' }]] : ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' },
      },
      {
        extends: true,
        test: {
          name: 'api',
          include: ['tests/api/**/*.test.ts'],
          environment: 'node',
          // Generous: several PGlite instances share 2 cores; speed is measured by benchmarks, not here.
          testTimeout: 300_000,
          hookTimeout: 600_000,
          // The PostgreSQL suites share one database and some write to it: one file at a time.
          fileParallelism: false,
          globalSetup: ['tests/helpers/global-setup.ts'],
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 600_000,
          fileParallelism: false,
          globalSetup: ['tests/helpers/global-setup-template.ts'],
        },
      },
    ],
  },
});
