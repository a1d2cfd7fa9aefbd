// Loading the extension's bundle in Node with a stand-in `vscode`, as the extension host first does: the bundle as
// shipped (minified), with schemas built when first used, against the same code with every schema built at load
// (as before). Each load runs in a fresh Node process, the two interleaved so a busy machine slows both alike.
//
//   node dist/bench/startup.bench.js            15 loads of each
//   node dist/bench/startup.bench.js --runs 30
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as esbuild from 'esbuild';
import { median } from './stats';

const extRoot = path.resolve(__dirname, '../..');
const runsArg = process.argv.indexOf('--runs');
const RUNS = runsArg > 0 ? Math.max(1, Number(process.argv[runsArg + 1]) || 15) : 15;

/** Requires the bundle with a `vscode` that answers everything with itself; prints the load time and the build time. */
const LOADER = `
const Module = require('node:module');
const { performance } = require('node:perf_hooks');
const stub = new Proxy(function () {}, { get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : stub), apply: () => stub, construct: () => stub });
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? stub : load.call(this, request, ...rest); };
globalThis.__schemaBuildMs = 0;
const started = performance.now();
require(process.argv[2]);
console.log(JSON.stringify({ loadMs: performance.now() - started, schemaMs: globalThis.__schemaBuildMs }));
`;

/** The old way: each schema built where it is declared, its building timed. */
const EAGER_SCHEMAS = `
const { performance } = require('node:perf_hooks');
exports.lazySchema = (build) => {
  const started = performance.now();
  const schema = build();
  globalThis.__schemaBuildMs += performance.now() - started;
  return schema;
};
`;

const eagerSchemas: esbuild.Plugin = {
  name: 'eager-schemas',
  setup(build) {
    build.onResolve({ filter: /lazy-schema$/ }, () => ({ path: 'eager-schemas', namespace: 'eager' }));
    build.onLoad({ filter: /.*/, namespace: 'eager' }, () => ({ contents: EAGER_SCHEMAS, loader: 'js' }));
  },
};

async function bundle(outfile: string, plugins: esbuild.Plugin[]): Promise<void> {
  await esbuild.build({
    absWorkingDir: extRoot, entryPoints: ['src/extension.ts'], outfile, bundle: true, minify: true, platform: 'node', format: 'cjs',
    target: 'es2022', external: ['vscode'], logLevel: 'warning', plugins,
  });
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'openrouter-bench-startup-'));
  try {
    const lazy = path.join(dir, 'lazy.js');
    const eager = path.join(dir, 'eager.js');
    await bundle(lazy, []);
    await bundle(eager, [eagerSchemas]);
    const loader = path.join(dir, 'load.js');
    fs.writeFileSync(loader, LOADER);
    const results = { lazy: [] as number[], eager: [] as number[], eagerSchemas: [] as number[] };
    const load = (file: string): { loadMs: number; schemaMs: number } => JSON.parse(execFileSync(process.execPath, [loader, file], { encoding: 'utf8' })) as { loadMs: number; schemaMs: number };
    load(lazy); // the first Node start warms the disk cache for both
    for (let run = 0; run < RUNS; run++) {
      results.lazy.push(load(lazy).loadMs);
      const old = load(eager);
      results.eager.push(old.loadMs);
      results.eagerSchemas.push(old.schemaMs);
    }
    const share = (100 * median(results.eagerSchemas)) / median(results.eager);
    console.log(`Requiring the minified extension bundle in Node with a stand-in vscode, ms (${RUNS} fresh processes each, interleaved):\n`);
    console.log('| bundle | median | min | max |');
    console.log('|---|---:|---:|---:|');
    const row = (name: string, values: number[]): void => console.log(`| ${name} | ${median(values).toFixed(1)} | ${Math.min(...values).toFixed(1)} | ${Math.max(...values).toFixed(1)} |`);
    row('schemas built at load (before)', results.eager);
    row('of which building the deferred schemas', results.eagerSchemas);
    row('schemas built when first used (now)', results.lazy);
    console.log(`\nBuilding the schemas that are now deferred took ${share.toFixed(0)} % of the load before. Target: ≤ 25 ms.`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
