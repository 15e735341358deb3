import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { productionManifest } from './build/manifest.ts';

/**
 * Builds the task pane (addin/taskpane.html) into dist/addin/: a static folder any HTTPS server can
 * host, with the icons and the manifest (URLs rewritten when DA06_ADDIN_URL is set).
 * Dev server: https://localhost:3000/taskpane.html, with the Office dev certificates when present.
 */
const addinDir = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = join(addinDir, '..');
export const OUT_DIR = join(repoRoot, 'dist', 'addin');
const ICON_SIZES = [16, 32, 64, 80];

function addinFiles(): Plugin {
  return {
    name: 'da06-addin-files',
    apply: 'build',
    generateBundle() {
      for (const size of ICON_SIZES) {
        const fileName = `assets/icon-${size}.png`;
        this.emitFile({ type: 'asset', fileName, source: readFileSync(join(addinDir, fileName)) });
      }
      const xml = readFileSync(join(repoRoot, 'manifest.xml'), 'utf8');
      const url = process.env.DA06_ADDIN_URL;
      this.emitFile({ type: 'asset', fileName: 'manifest.xml', source: url ? productionManifest(xml, url) : xml });
    },
  };
}

/**
 * Certificates made by `npx office-addin-dev-certs install` (npm start does it on Windows and Mac),
 * or named by DA06_DEV_CERT and DA06_DEV_KEY (e.g. made with mkcert on Linux).
 */
function devCertificates(): { cert: Buffer; key: Buffer } | undefined {
  const dir = join(homedir(), '.office-addin-dev-certs');
  const cert = process.env.DA06_DEV_CERT ?? join(dir, 'localhost.crt');
  const key = process.env.DA06_DEV_KEY ?? join(dir, 'localhost.key');
  if (existsSync(cert) && existsSync(key)) return { cert: readFileSync(cert), key: readFileSync(key) };
  console.warn(
    'Không tìm thấy chứng chỉ HTTPS cho localhost: máy chủ phát triển chạy HTTP, Excel sẽ không nạp được add-in.\n' +
      'No HTTPS certificate for localhost: run `npx office-addin-dev-certs install` or set DA06_DEV_CERT/DA06_DEV_KEY (see addin/README.md).',
  );
  return undefined;
}

export default defineConfig(({ command }) => ({
  root: addinDir,
  base: './',
  publicDir: false,
  logLevel: process.env.DA06_QUIET_BUILD ? 'warn' : 'info',
  plugins: [addinFiles()],
  build: {
    outDir: OUT_DIR,
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    // Office 2019 on Windows shows add-ins in the older Edge (EdgeHTML 18): no optional chaining there.
    target: ['es2019', 'edge18', 'safari13'],
    rollupOptions: { input: { taskpane: join(addinDir, 'taskpane.html') } },
  },
  server: {
    port: 3000,
    strictPort: true,
    https: command === 'serve' ? devCertificates() : undefined,
    fs: { allow: [repoRoot] },
  },
}));
