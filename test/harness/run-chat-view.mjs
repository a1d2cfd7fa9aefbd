// Runs the tests of VS Code's own Chat view (dist/test/chat-view/*.e2e.js) in code-server 4.139.1 (VS Code 1.139,
// node 24 from npm, installed on first use) and prints `chat-view-139: N passed, N failed`.
import { execFileSync } from 'node:child_process';
import Mocha from 'mocha';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const label = 'chat-view-139';
execFileSync('bash', [path.join(root, 'scripts/install-code-server.sh'), '4.139.1'], { stdio: 'inherit' });
const dir = path.join(root, 'dist/test/chat-view');
const files = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.e2e.js')).sort().map((f) => path.join(dir, f)) : [];
const mocha = new Mocha({ ui: 'bdd', timeout: 90000, reporter: 'spec', ...(process.argv[2] ? { grep: process.argv[2] } : {}) });
for (const file of files) mocha.addFile(file);
await mocha.loadFilesAsync();
const runner = mocha.run((failures) => {
  const skipped = runner.stats?.pending ?? 0;
  console.log(`${label}: ${runner.stats?.passes ?? 0} passed, ${failures + skipped} failed`);
  process.exitCode = failures + skipped > 0 || files.length === 0 ? 1 : 0;
  setTimeout(() => process.exit(process.exitCode), 500).unref();
});
