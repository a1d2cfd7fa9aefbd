// `npm run bench`: runs every benchmark bundle (dist/bench/*.bench.js) in turn. Each prints its own table.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'dist/bench');
// TypeScript benchmarks are bundled into dist/bench; browser ones are plain scripts beside this file.
const bundled = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.bench.js')).map((f) => path.join(dir, f)) : [];
const scripts = fs.readdirSync(path.join(root, 'bench')).filter((f) => f.endsWith('.bench.mjs')).map((f) => path.join(root, 'bench', f));
const benches = [...bundled, ...scripts].sort((a, b) => path.basename(a).localeCompare(path.basename(b)));
const only = process.argv[2];
for (const file of benches.filter((f) => !only || path.basename(f).includes(only))) {
  console.log(`\n## ${path.basename(file).replace(/\.bench\.m?js$/, '')}\n`);
  execFileSync(process.execPath, [file], { stdio: 'inherit', cwd: root });
}
if (benches.length === 0) console.log('no benchmarks built');
