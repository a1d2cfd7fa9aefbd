// Builds every bundle the extension and its tests need.
//   node esbuild.mjs               extension (node + web), webview, test bundles
//   node esbuild.mjs --production  extension and webview only, minified, no source maps
//   node esbuild.mjs --watch       rebuild on change
//   node esbuild.mjs --tests       test bundles only (used by the test scripts)
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const testsOnly = process.argv.includes('--tests');

/** Files under `dir` whose names end with `suffix`, found recursively. */
function findFiles(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => path.join(entry.parentPath ?? entry.path, entry.name));
}

// `require('integration-suites')` in the integration entry points becomes a require of every suite file, so the
// Node and web-worker hosts run exactly the same tests.
const integrationSuites = {
  name: 'integration-suites',
  setup(build) {
    build.onResolve({ filter: /^integration-suites$/ }, () => ({ path: 'integration-suites', namespace: 'suites' }));
    build.onLoad({ filter: /.*/, namespace: 'suites' }, () => ({
      contents: findFiles('test/integration/suite', '.test.ts').sort().map((file) => `require(${JSON.stringify(path.resolve(file))});`).join('\n'),
      resolveDir: process.cwd(),
      loader: 'js',
    }));
  },
};

const common = {
  bundle: true,
  sourcemap: !production,
  minify: production,
  target: 'es2022',
  logLevel: 'warning',
  metafile: true,
};

const extensionBuilds = [
  { ...common, platform: 'node', format: 'cjs', entryPoints: ['src/extension.ts'], outfile: 'dist/extension.node.js', external: ['vscode'] },
  {
    ...common, platform: 'browser', format: 'cjs', entryPoints: ['src/extension.ts'], outfile: 'dist/extension.web.js', external: ['vscode'],
    mainFields: ['browser', 'module', 'main'],
  },
  { ...common, platform: 'browser', format: 'iife', entryPoints: ['src/webview/main.ts'], outfile: 'dist/webview.js' },
  ...findFiles('src/webview/dashboard', 'main.ts').map((entry) => ({ ...common, platform: 'browser', format: 'iife', entryPoints: [entry], outfile: 'dist/dashboard.js' })),
  ...findFiles('src/webview/compare', 'main.ts').map((entry) => ({ ...common, platform: 'browser', format: 'iife', entryPoints: [entry], outfile: 'dist/compare.js' })),
];

const testBuilds = [
  // Plain-Node unit tests, one bundle per test file; mocha stays external.
  {
    ...common, platform: 'node', format: 'cjs', outbase: 'test/unit', outdir: 'dist/test/unit', external: ['mocha'],
    entryPoints: findFiles('test/unit', '.test.ts'),
  },
  // The fake OpenRouter, for the harness scripts, `npm run fake-openrouter` and the benchmarks.
  { ...common, platform: 'node', format: 'cjs', entryPoints: findFiles('test/fixtures/fake-openrouter', 'index.ts'), outfile: 'dist/test/fake-openrouter.js' },
  // Integration suite in the Node extension host.
  {
    ...common, platform: 'node', format: 'cjs', outfile: 'dist/test/integration/node/index.js', external: ['vscode', 'mocha'],
    entryPoints: ['test/integration/index.node.ts'], plugins: [integrationSuites],
  },
  // The same suite in the web-worker extension host: one self-contained file.
  {
    ...common, platform: 'browser', format: 'cjs', entryPoints: ['test/integration/index.web.ts'], outfile: 'dist/test/integration/web/index.js',
    external: ['vscode'], inject: ['test/integration/process-shim.js'], define: { global: 'globalThis' }, plugins: [integrationSuites],
  },
  // Webview component tests: the panel's bundle in Chromium without VS Code.
  {
    ...common, platform: 'node', format: 'cjs', outbase: 'test/webview', outdir: 'dist/test/webview', external: ['mocha', 'playwright-core'],
    entryPoints: findFiles('test/webview', '.webview.ts'),
  },
  // Workbench tests: Playwright runs in Node and drives Chromium.
  {
    ...common, platform: 'node', format: 'cjs', outbase: 'test/e2e', outdir: 'dist/test/e2e', external: ['mocha', 'playwright-core'],
    entryPoints: findFiles('test/e2e', '.e2e.ts'),
  },
  // VS Code's own Chat view, driven the same way in a newer code-server.
  {
    ...common, platform: 'node', format: 'cjs', outbase: 'test/chat-view', outdir: 'dist/test/chat-view', external: ['mocha', 'playwright-core'],
    entryPoints: findFiles('test/chat-view', '.e2e.ts'),
  },
  // The consumer side of the language model tests: a bundle inside the consumer extension's own folder, so that its
  // `require('vscode')` is the consumer's API and every call to our models crosses between two extensions.
  { ...common, platform: 'node', format: 'cjs', outfile: 'dist/test/lm-consumer/tests.js', external: ['vscode', 'mocha'], entryPoints: findFiles('test/lm', 'index.ts') },
  { ...common, platform: 'node', format: 'cjs', outdir: 'dist/bench', outbase: 'bench', external: ['esbuild'], entryPoints: findFiles('bench', '.bench.ts') },
].filter((options) => options.entryPoints.length > 0);

const builds = testsOnly ? testBuilds : production ? extensionBuilds : [...extensionBuilds, ...testBuilds];

/** The codicon font and stylesheet the webview uses, copied next to the bundles (webviews cannot load node_modules). */
function copyCodicons() {
  fs.mkdirSync('dist/codicons', { recursive: true });
  for (const file of ['codicon.css', 'codicon.ttf']) fs.copyFileSync(path.join('node_modules/@vscode/codicons/dist', file), path.join('dist/codicons', file));
}

function printSizes(results) {
  const rows = [];
  for (const result of results) {
    for (const [file, info] of Object.entries(result.metafile?.outputs ?? {})) {
      if (!file.endsWith('.map') && !file.includes('dist/test/') && !file.includes('dist/bench/')) rows.push([file, info.bytes]);
    }
  }
  for (const [file, bytes] of rows) console.log(`${file.padEnd(32)} ${(bytes / 1024).toFixed(1).padStart(8)} KB`);
}

// Stale test bundles would run tests whose sources are gone.
if (!production && !watch) fs.rmSync('dist/test', { recursive: true, force: true });

if (!testsOnly) copyCodicons();

if (watch) {
  const contexts = await Promise.all(builds.map((options) => esbuild.context({ ...options, logLevel: 'info' })));
  await Promise.all(contexts.map((context) => context.watch()));
  console.log('watching for changes');
} else {
  const started = Date.now();
  const results = await Promise.all(builds.map((options) => esbuild.build(options)));
  printSizes(results);
  console.log(`built ${builds.length} bundles in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
}
