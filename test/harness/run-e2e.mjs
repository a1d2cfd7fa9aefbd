// Runs the workbench tests (dist/test/e2e/*.e2e.js) with mocha and prints `e2e: N passed, N failed`.
import Mocha from 'mocha';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dir = path.join(root, 'dist/test/e2e');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.e2e.js')).sort().map((f) => path.join(dir, f)) : [];
const mocha = new Mocha({ ui: 'bdd', timeout: 90000, reporter: 'spec', ...(process.argv[2] ? { grep: process.argv[2] } : {}) });
for (const file of files) mocha.addFile(file);
await mocha.loadFilesAsync();
const runner = mocha.run((failures) => {
  const skipped = runner.stats?.pending ?? 0;
  console.log(`e2e: ${runner.stats?.passes ?? 0} passed, ${failures + skipped} failed`);
  process.exitCode = failures + skipped > 0 || files.length === 0 ? 1 : 0;
  setTimeout(() => process.exit(process.exitCode), 500).unref();
});
