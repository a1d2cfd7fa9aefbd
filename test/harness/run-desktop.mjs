// `npm run test:desktop`: the integration suite in desktop VS Code, downloaded by @vscode/test-electron.
// Needs internet access to download VS Code, so it is not part of `npm test`.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeWorkspace, startFake } from './fake.mjs';

const extRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { runTests } = createRequire(path.join(extRoot, 'package.json'))('@vscode/test-electron');
const fake = await startFake(extRoot);
const { workspace, remove } = makeWorkspace(fake);
let code = 1;
try {
  await runTests({
    extensionDevelopmentPath: extRoot,
    extensionTestsPath: path.join(extRoot, 'dist/test/integration/node/index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
  code = 0;
} catch (error) {
  console.error(error);
} finally {
  await fake.close();
  remove();
}
console.log(`integration-desktop: ${code === 0 ? 'all' : 'some'} tests ${code === 0 ? 'passed' : 'failed'}`);
process.exit(code);
