import { fileURLToPath, URL } from 'node:url';
import vue from '@vitejs/plugin-vue';
import AutoImport from 'unplugin-auto-import/vite';
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers';
import Components from 'unplugin-vue-components/vite';
import { defineConfig } from 'vite';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// Element Plus on demand: components and ElMessage/ElMessageBox with their CSS, no full bundle.
export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [
    vue(),
    AutoImport({ resolvers: [ElementPlusResolver()], dts: here('src/auto-imports.d.ts') }),
    Components({ resolvers: [ElementPlusResolver()], dts: here('src/components.d.ts'), dirs: [] }),
  ],
  // The domain's checks and names, the same code the API runs (package.json `imports`, sources not dist/).
  resolve: { alias: { '#domain': here('../../libs/domain/src/index.ts') } },
  build: {
    outDir: here('../../dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    // The domain is pure (no module-level effects): what the web does not use of it stays out of the bundle.
    rollupOptions: { treeshake: { moduleSideEffects: (id: string) => !id.includes('/libs/domain/') } },
  },
  server: { proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 3000}` } },
});
