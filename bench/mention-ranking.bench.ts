// Ranking the `#` list as the person types: fuzzy matching of each keystroke's query against every listed file
// (the host lists up to 20,000), keeping the best 50. Pure Node, no editor. Prints a markdown table of the median
// and worst time per keystroke; asserts nothing.
//
//   node dist/bench/mention-ranking.bench.js
import { performance } from 'node:perf_hooks';
import { rankFuzzy } from '../src/core/mentions/fuzzy';

const FOLDERS = ['src', 'src/core', 'src/core/chat', 'src/host/chat', 'src/webview/composer', 'test/unit/core', 'packages/api/lib', 'docs/guide'];
const WORDS = ['parser', 'lexer', 'composerView', 'history-store', 'index', 'model', 'utils', 'budget', 'catalogue', 'fence'];

function paths(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `${FOLDERS[i % FOLDERS.length]}/${WORDS[(i * 7) % WORDS.length]}${i}.${i % 3 ? 'ts' : 'md'}`);
}

function measure(files: readonly string[], query: string, runs: number): { median: number; worst: number } {
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    // Each keystroke of the query, as typing sends them.
    for (let length = 1; length <= query.length; length++) {
      const start = performance.now();
      rankFuzzy(query.slice(0, length), files, (path) => path, 50);
      times.push(performance.now() - start);
    }
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)] ?? 0, worst: times.at(-1) ?? 0 };
}

console.log('| files listed | query typed | median per keystroke | worst keystroke |');
console.log('|---:|---|---:|---:|');
for (const count of [1_000, 5_000, 20_000]) {
  const files = paths(count);
  for (const query of ['compview', 'hist', 'zzq']) {
    const { median, worst } = measure(files, query, 10);
    console.log(`| ${count.toLocaleString('en-US')} | \`${query}\` | ${median.toFixed(2)} ms | ${worst.toFixed(2)} ms |`);
  }
}
