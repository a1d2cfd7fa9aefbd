// Saving a long chat after each answer: bytes written and time per save at the 1st answer and around the 200th,
// the whole chat file rewritten per answer (before) beside a base and a bounded tail (now, chat-journal.ts). Runs on
// the real disk (a temp folder) through the same store the extension uses, with node:fs in place of VS Code's file
// service. Prints a markdown table; medians over several chats.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { HistoryStore } from '../src/core/chat/history-store';
import type { Chat, Turn } from '../src/core/chat/model';
import { NodeFileStore } from '../test/unit/ledger-race/node-fs';

const ANSWERS = 200;
const RUNS = 5;

/** About 1.5 KB an answer, with a code block, as a coding chat has. */
function exchange(n: number): Turn[] {
  const answer = `Answer ${n}: here is how.\n\n\`\`\`ts\n${'const value = compute(input); // step\n'.repeat(25)}\`\`\`\n\nThat keeps it pure.`;
  return [
    { id: `u${n}`, role: 'user', text: `Question ${n}: how do I refactor this function without breaking its callers?`, createdAt: n, attachments: [] },
    {
      id: `a${n}`, role: 'assistant', text: answer, reasoning: '', status: 'done', createdAt: n, notices: [],
      meta: { requestedModel: 'anthropic/claude-sonnet-4', model: 'anthropic/claude-sonnet-4', fallbackPath: [], usage: { promptTokens: 1000 + n * 400, completionTokens: 380, cachedTokens: n * 390, cacheWriteTokens: 400, reasoningTokens: 0 } },
    },
  ];
}

class CountingStore extends NodeFileStore {
  bytes = 0;

  override async writeAtomic(name: string, text: string): Promise<void> {
    this.bytes += Buffer.byteLength(text);
    return super.writeAtomic(name, text);
  }
}

interface Save {
  bytes: number;
  ms: number;
}

async function run(tailLimitBytes: number | undefined): Promise<Save[]> {
  const folder = mkdtempSync(path.join(tmpdir(), 'chat-save-'));
  try {
    const files = new CountingStore(folder);
    const store = new HistoryStore({ files, log: { warn: () => undefined, error: () => undefined }, tailLimitBytes });
    let chat: Chat = { id: 'bench', title: 'Long', createdAt: 0, updatedAt: 0, model: 'anthropic/claude-sonnet-4', turns: [] };
    const saves: Save[] = [];
    for (let n = 0; n < ANSWERS; n++) {
      chat = { ...chat, updatedAt: n, turns: [...chat.turns, ...exchange(n)] };
      const before = files.bytes;
      const started = performance.now();
      await store.save(chat);
      await store.flush();
      saves.push({ ms: performance.now() - started, bytes: files.bytes - before });
    }
    return saves;
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

async function main(): Promise<void> {
  const ways: [string, number | undefined][] = [['whole file per answer (before)', 0], ['base + bounded tail (now)', undefined]];
  const results = new Map<string, Save[][]>();
  for (let round = 0; round < RUNS; round++) {
    for (const [name, limit] of ways) results.set(name, [...(results.get(name) ?? []), await run(limit)]);
  }
  
  console.log('| way | bytes, 1st answer | bytes, 191st–200th (median) | bytes, mean of 200 | ms, 1st answer | ms, 191st–200th (median) |');
  console.log('|---|---:|---:|---:|---:|---:|');
  for (const [name] of ways) {
    const runs = results.get(name) ?? [];
    const late = runs.flatMap((saves) => saves.slice(190));
    const all = runs.flatMap((saves) => saves);
    const mean = all.reduce((sum, save) => sum + save.bytes, 0) / all.length;
    console.log(`| ${name} | ${kib(median(runs.map((saves) => saves[0]?.bytes ?? 0)))} | ${kib(median(late.map((s) => s.bytes)))} | ${kib(mean)} | ${median(runs.map((saves) => saves[0]?.ms ?? 0)).toFixed(2)} | ${median(late.map((s) => s.ms)).toFixed(2)} |`);
  }
  console.log('\nBytes include the index file each save also rewrites (one summary per chat). The tail bound is 64 KiB; past it, a save writes the whole chat once.');
}

void main();
