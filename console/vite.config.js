import { defineConfig } from 'vite';

// Served by the registry under /console/; hashed file names under assets/ are cached forever there.
export default defineConfig({
  base: '/console/',
  esbuild: { jsx: 'automatic', jsxImportSource: 'preact' },
  build: { outDir: 'target/dist', emptyOutDir: true, assetsDir: 'assets', chunkSizeWarningLimit: 2000 },
  test: { include: ['test/**/*.test.js'], environment: 'node' },
});
