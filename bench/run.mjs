// `npm run bench`: runs every benchmark bundle (dist/bench/*.bench.js) in turn. Each prints its own table.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dir = path.join(root, 'dist/bench');
const benches = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.bench.js')).sort() : [];
const only = process.argv[2];
for (const file of benches.filter((f) => !only || f.includes(only))) {
  console.log(`\n## ${file.replace('.bench.js', '')}\n`);
  execFileSync(process.execPath, [path.join(dir, file)], { stdio: 'inherit' });
}
if (benches.length === 0) console.log('no benchmarks built');
