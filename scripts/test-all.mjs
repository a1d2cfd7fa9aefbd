// `npm test`: installs what is missing, builds, then runs every suite in turn and ends with the total line
// `N passed, N failed`. Each suite prints its own `<suite>: N passed, N failed` line, which is summed here.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup } from './setup.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SUMMARY = /^([a-z0-9-]+): (\d+) passed, (\d+) failed$/;

const suites = [
  { name: 'build', command: ['node', 'esbuild.mjs'] },
  { name: 'lint', command: ['npx', 'eslint', '.'] },
  { name: 'check-types', command: ['npx', 'tsc', '-p', '.'] },
  { name: 'check-types-webview', command: ['npx', 'tsc', '-p', 'src/webview'] },
  { name: 'unit', command: ['node', 'test/harness/run-unit.mjs'], reports: true },
  { name: 'webview', command: ['node', 'test/webview/run.mjs'], reports: true },
  { name: 'integration-node', command: ['node', 'test/harness/run-integration.mjs', 'node'], reports: true },
  { name: 'integration-web', command: ['node', 'test/harness/run-integration.mjs', 'web'], reports: true },
  { name: 'e2e', command: ['node', 'test/harness/run-e2e.mjs'], reports: true },
  { name: 'vsix', command: ['node', 'test/harness/run-vsix-check.mjs'], reports: true },
  // Our models in VS Code's language model API, through another extension, in the first VS Code that has the
  // provider API and the newest one (each installs its code-server and node on first use).
  { name: 'lm-104', command: ['node', 'test/harness/run-lm.mjs', '4.104.0'], reports: true },
  { name: 'lm-139', command: ['node', 'test/harness/run-lm.mjs', '4.139.1'], reports: true },
  // VS Code's own Chat view on our model, with no GitHub sign-in (VS Code 1.139).
  { name: 'chat-view-139', command: ['node', 'test/harness/run-chat-view.mjs'], reports: true },
];

function runSuite(suite) {
  return new Promise((resolve) => {
    console.log(`\n=== ${suite.name}`);
    const started = Date.now();
    const child = spawn(suite.command[0], suite.command.slice(1), {
      cwd: root, env: { ...process.env, PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1' }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    let summary;
    let pending = '';
    child.stdout.on('data', (data) => {
      process.stdout.write(data);
      pending += data;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = line.trim().match(SUMMARY);
        if (match && match[1] === suite.name) summary = { passed: Number(match[2]), failed: Number(match[3]) };
      }
    });
    child.on('close', (code) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      // Checks without their own counts (build, lint, types) count as one test each.
      let result = suite.reports ? summary ?? { passed: 0, failed: 1 } : { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
      if (code !== 0 && result.failed === 0) result = { ...result, failed: 1 };
      resolve({ name: suite.name, ...result, seconds, code });
    });
  });
}

setup();
const results = [];
for (const suite of suites) results.push(await runSuite(suite));

console.log('\n| suite | passed | failed | seconds |\n|---|---:|---:|---:|');
for (const r of results) console.log(`| ${r.name} | ${r.passed} | ${r.failed} | ${r.seconds} |`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
