// Runs the webview component tests (dist/test/webview/*.webview.js) with mocha and prints
// `webview: N passed, N failed`. The panel runs in Debian's Chromium without VS Code; see page-server.mjs.
import Mocha from 'mocha';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'dist/test/webview');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.webview.js')).sort().map((f) => path.join(dir, f)) : [];
if (!fs.existsSync(path.join(root, 'dist/webview.js'))) console.error('dist/webview.js is missing: build first (node esbuild.mjs)');
const mocha = new Mocha({ ui: 'bdd', timeout: 30000, reporter: 'spec', ...(process.argv[2] ? { grep: process.argv[2] } : {}) });
for (const file of files) mocha.addFile(file);
await mocha.loadFilesAsync();
const runner = mocha.run((failures) => {
  const skipped = runner.stats?.pending ?? 0;
  console.log(`webview: ${runner.stats?.passes ?? 0} passed, ${failures + skipped} failed`);
  process.exitCode = failures + skipped > 0 || files.length === 0 ? 1 : 0;
  setTimeout(() => process.exit(process.exitCode), 500).unref();
});
