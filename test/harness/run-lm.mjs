// Runs the language model suites (test/lm) in a real VS Code that has the Language Model Chat Provider API: the
// packaged extension is installed as a VSIX, and a small consumer extension, loaded as the development extension,
// calls our models through `vscode.lm`, as any other extension would.
//   node test/harness/run-lm.mjs 4.104.0    code-server 4.104.0 (VS Code 1.104, node 22 from npm)
//   node test/harness/run-lm.mjs 4.139.1    code-server 4.139.1 (VS Code 1.139, node 24 from npm)
// Prints `lm-<vscode minor>: N passed, N failed` (lm-104, lm-139); exits non-zero on any failure.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { startCodeServer } from './code-server.mjs';
import { makeWorkspace, startFake } from './fake.mjs';
import { runTestsInWorkbench } from './workbench-tests.mjs';

const extRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const version = process.argv[2] ?? '4.104.0';
const label = `lm-${version.split('.')[1]}`;
const consumer = path.join(extRoot, 'dist/test/lm-consumer');
const vsix = path.join(extRoot, 'dist/openrouter-chat.vsix');

/** The newest modification time of the files a VSIX is built from. */
function newestSource() {
  const files = ['package.json', ...fs.readdirSync(path.join(extRoot, 'src'), { recursive: true }).map((name) => path.join('src', name))];
  return Math.max(...files.map((file) => fs.statSync(path.join(extRoot, file)).mtimeMs));
}

execFileSync('bash', [path.join(extRoot, 'scripts/install-code-server.sh'), version], { stdio: 'inherit' });
// The VSIX the vsix suite built is used when it is current; packaging rebuilds the bundles for production.
if (!fs.existsSync(vsix) || fs.statSync(vsix).mtimeMs < newestSource()) {
  execFileSync('npm', ['run', '--silent', 'package'], { cwd: extRoot, stdio: 'pipe' });
}
if (!fs.existsSync(path.join(consumer, 'tests.js'))) throw new Error('the consumer tests are not built; run `node esbuild.mjs --tests`');
fs.writeFileSync(path.join(consumer, 'package.json'), JSON.stringify({
  name: 'lm-consumer', publisher: 'openrouter-chat-tests', version: '0.0.1', engines: { vscode: '^1.100.0' }, activationEvents: [],
}, null, 2));

const fake = await startFake(extRoot);
const { workspace, remove } = makeWorkspace(fake);
const browser = await launchChromium(extRoot);
let server;
let code = 1;
try {
  server = await startCodeServer({ extRoot, workspace, vsix, version, developmentPath: consumer });
  code = await runTestsInWorkbench(browser.context, server.url({ testsPath: path.join(consumer, 'tests.js') }), { label, notificationCentre: version !== '4.104.0' });
} catch (error) {
  console.error(error);
  console.log(`${label}: 0 passed, 1 failed`);
} finally {
  await browser.close();
  await server?.stop();
  await fake.close();
  remove();
}
process.exit(code);
