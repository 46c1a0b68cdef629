/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The build lands where Maven packages resources, so the portal jar carries it and the gateway
// serves it from META-INF/resources. `npm run dev` proxies the API to a Berth on :8080.
const backend = process.env.BERTH_URL ?? 'http://localhost:8080';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'target/classes/META-INF/resources',
    emptyOutDir: true,
    // No inline scripts or styles: the gateway's Content-Security-Policy allows only 'self'.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
    rollupOptions: {
      output: {
        manualChunks(id) {
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler')) {
            return 'react';
          }
          return undefined;
        },
      },
    },
  },
  server: {
    proxy: {
      '/api': backend,
      '/c/': backend,
    },
  },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    environment: 'node',
    // component tests render PatternFly to HTML: its ES modules, through Vite (they import their CSS)
    alias: [
      { find: /^@patternfly\/react-(core|table)$/, replacement: '@patternfly/react-$1/dist/esm/index.js' },
    ],
    server: { deps: { inline: [/@patternfly\//] } },
  },
});
