/// <reference lib="dom" />
// The extension's activation time as VS Code itself reports it (Developer: Show Running Extensions: the time to
// load the code plus the time activate() takes), in the real workbench (code-server and Debian's Chromium). Each run
// starts a fresh code-server with a fresh user-data folder, so every activation is a first one.
//
//   node dist/bench/activation.bench.js                        5 starts of this build
//   node dist/bench/activation.bench.js --runs 9
//   node dist/bench/activation.bench.js --against <folder>     interleaved with another build of the extension
//                                                              (a checkout with `node esbuild.mjs` run in it)
//
// Prints a markdown table; asserts nothing.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { launchChromium } from '../test/harness/chromium.mjs';
import { startCodeServer } from '../test/harness/code-server.mjs';
import { median } from './stats';

const extRoot = path.resolve(__dirname, '../..');
const manifest = JSON.parse(fs.readFileSync(path.join(extRoot, 'package.json'), 'utf8')) as { publisher: string; name: string };
const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`;
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 5) : 5;
const againstArg = process.argv.indexOf('--against');
const AGAINST = againstArg > 0 ? path.resolve(process.argv[againstArg + 1] ?? '') : undefined;

/** The activation time the Running Extensions view shows for this extension, in ms. */
async function readActivation(page: Page): Promise<number> {
  await page.keyboard.press('F1');
  await page.locator('.quick-input-widget input').fill('>Show Running Extensions');
  await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Show Running Extensions' }).first().click();
  // A development extension has no marketplace entry: the row is named by its identifier, not its display name.
  const row = page.locator('.runtime-extensions-editor .extension', { hasText: EXTENSION_ID }).first();
  const time = row.locator('.activation-time');
  // "Activating..." until it has; the view redraws as extensions activate.
  await time.filter({ hasText: /\d+\s*ms/ }).waitFor({ timeout: 60000 });
  const text = await time.innerText();
  const ms = /(\d+)\s*ms/.exec(text)?.[1];
  if (ms === undefined) throw new Error(`no time in "${text}"`);
  return Number(ms);
}

async function activationOnce(root: string): Promise<number> {
  const workspace = fs.mkdtempSync(path.join(os.tmpdir(), 'openrouter-bench-workspace-'));
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'openrouter-bench-code-server-'));
  const server = await startCodeServer({ extRoot: root, workspace, stateDir, userSettings: { 'git.openRepositoryInParentFolders': 'never' } });
  const browser = await launchChromium(extRoot);
  try {
    const page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await page.goto(server.url());
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    return await readActivation(page);
  } finally {
    await browser.close();
    await server.stop();
    fs.rmSync(workspace, { recursive: true, force: true });
    fs.rmSync(stateDir, { recursive: true, force: true, maxRetries: 3 });
  }
}

async function main(): Promise<void> {
  const builds: [string, string][] = AGAINST ? [['other build', AGAINST], ['this build', extRoot]] : [['this build', extRoot]];
  const times = new Map<string, number[]>(builds.map(([name]) => [name, []]));
  for (let run = 0; run < RUNS; run++) {
    for (const [name, root] of builds) times.get(name)?.push(await activationOnce(root));
  }
  console.log(`Activation as Developer: Show Running Extensions reports it, ms (${RUNS} fresh workbench starts each, interleaved):\n`);
  console.log('| build | median | min | max | each |');
  console.log('|---|---:|---:|---:|---|');
  for (const [name, values] of times) {
    console.log(`| ${name} | ${median(values)} | ${Math.min(...values)} | ${Math.max(...values)} | ${values.join(', ')} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
