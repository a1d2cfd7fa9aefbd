// Installs what the tests and `npm start` need on a fresh Debian machine with node 20 and npm:
// npm dependencies, Debian's Chromium (for the workbench tests) and code-server (a real VS Code server).
// Each step is skipped when already done, so it is cheap to run before every test run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' };

function run(command, args, options = {}) {
  execFileSync(command, args, { cwd: root, stdio: 'inherit', env, ...options });
}

/** apt-get as root: directly when we are root, through sudo otherwise. */
function aptGet(args) {
  const aptEnv = { ...env, DEBIAN_FRONTEND: 'noninteractive' };
  if (process.getuid?.() === 0) run('apt-get', args, { env: aptEnv });
  else run('sudo', ['apt-get', ...args], { env: aptEnv });
}

function dependenciesAreCurrent() {
  const installed = path.join(root, 'node_modules/.package-lock.json');
  const lock = path.join(root, 'package-lock.json');
  return fs.existsSync(installed) && fs.statSync(installed).mtimeMs >= fs.statSync(lock).mtimeMs;
}

export function setup({ browser = true, codeServer = true } = {}) {
  if (!dependenciesAreCurrent()) {
    console.log('setup: installing npm dependencies');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
  const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (browser && !fs.existsSync(chromium)) {
    console.log('setup: installing Debian chromium');
    aptGet(['update', '-qq']);
    aptGet(['install', '-y', '-qq', 'chromium']);
  }
  if (codeServer) run('bash', ['scripts/install-code-server.sh']);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) setup();
