// `npm start`: a real VS Code (code-server) in the browser with this extension loaded from source.
//   npm start               the extension against the real OpenRouter
//   npm start -- --fake     also starts the fake OpenRouter and points the extension at it: no key or network needed
//   npm start -- --port N   serve on port N (default 8080)
// The build runs in watch mode: reload the window (F1 > Developer: Reload Window) to pick up changes.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup } from './setup.mjs';
import { FAKE_HOSTS, startUserSettings } from './start-settings.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const useFake = args.includes('--fake');
const portArg = args.indexOf('--port');
const port = Number(portArg >= 0 ? args[portArg + 1] : process.env.PORT || 8080);
const FAKE_PORT = Number(process.env.FAKE_OPENROUTER_PORT || 8787);

setup({ browser: false });
execFileSync('node', ['esbuild.mjs'], { cwd: root, stdio: 'inherit' });
const watcher = spawn('node', ['esbuild.mjs', '--watch'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });

const { startCodeServer } = await import('../test/harness/code-server.mjs');
const stateDir = path.join(root, '.vscode-test/start');
const workspace = path.join(stateDir, 'workspace');
fs.mkdirSync(workspace, { recursive: true });
const sample = path.join(workspace, 'example.ts');
if (!fs.existsSync(sample)) fs.writeFileSync(sample, 'export function fibonacci(n: number): number {\n  return n < 2 ? n : fibonacci(n - 1) + fibonacci(n - 2);\n}\n');

/** The first host that works; on each, the fixed port (keeps the setting stable between runs), else any free one. */
async function startFake() {
  const { startFakeOpenRouter } = (await import('node:module')).createRequire(path.join(root, 'package.json'))(path.join(root, 'dist/test/fake-openrouter.js'));
  let failure;
  for (const host of FAKE_HOSTS) {
    for (const port of [FAKE_PORT, 0]) {
      try {
        return await startFakeOpenRouter({ host, port });
      } catch (error) {
        failure = error;
      }
    }
  }
  throw failure;
}

let fake;
if (useFake) {
  fake = await startFake();
  console.log(`fake OpenRouter on ${fake.baseUrl} (any key starting with sk-or- is accepted; Sign In shows its approval page)`);
}
const userSettings = startUserSettings({ fakeBaseUrl: fake?.baseUrl });
const server = await startCodeServer({ extRoot: root, workspace, userSettings, port, stateDir });
console.log(`\nOpenRouter Chat is running in VS Code at:\n\n  ${server.url()}\n\nPress Ctrl+C to stop.`);

async function stop() {
  await server.stop();
  await fake?.close();
  watcher.kill();
  process.exit(0);
}
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
