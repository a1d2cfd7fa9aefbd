// Runs the plain-Node unit tests (bundled by esbuild into dist/test/unit) with mocha and prints
// `unit: N passed, N failed`. Extra arguments are passed to mocha's --grep.
import Mocha from 'mocha';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'dist/test/unit');
const files = fs.existsSync(dir)
  ? fs.readdirSync(dir, { recursive: true }).filter((f) => String(f).endsWith('.test.js')).map((f) => path.join(dir, String(f))).sort()
  : [];

const grep = process.argv[2];
const mocha = new Mocha({ ui: 'bdd', timeout: 10000, reporter: process.env.MOCHA_REPORTER || 'dot', ...(grep ? { grep } : {}) });
for (const file of files) mocha.addFile(file);
await mocha.loadFilesAsync();
const runner = mocha.run((failures) => {
  const passed = runner.stats?.passes ?? 0;
  console.log(`unit: ${passed} passed, ${failures} failed`);
  process.exitCode = failures > 0 || files.length === 0 ? 1 : 0;
  // Servers left open by a broken test must not keep the process alive.
  setTimeout(() => process.exit(process.exitCode), 200).unref();
});
