// Two real Node processes append to one ledger folder at once, through the same LedgerStore as the extension
// (with a node:fs adapter), compacting as they go. Nothing may be lost, doubled, or written by both.
//
// The processes are this very bundle, started again with LEDGER_RACE_ROLE=writer; they start together on a "go"
// sent to both once both have said "ready", so no sleep decides the overlap.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseLedger } from '../../../../../src/core/spend/ledger/ledger';
import { parseLedgerFileName } from '../../../../../src/core/spend/ledger/files';
import { LedgerStore } from '../../../../../src/core/spend/ledger/store';
import { NodeFileStore } from '../../../ledger-race/node-fs';
import { runWriter } from '../../../ledger-race/writer';

const COUNT = 300;

function startWriter(folder: string, writerId: string): { child: ChildProcessWithoutNullStreams; lines: AsyncIterableIterator<string> } {
  const child = spawn(process.execPath, [__filename], {
    env: { ...process.env, LEDGER_RACE_ROLE: 'writer', LEDGER_RACE_FOLDER: folder, LEDGER_RACE_WRITER: writerId, LEDGER_RACE_COUNT: String(COUNT) },
  });
  child.stdout.setEncoding('utf8');
  child.stderr.pipe(process.stderr);
  async function* lines(): AsyncIterableIterator<string> {
    let buffer = '';
    for await (const chunk of child.stdout) {
      buffer += chunk as string;
      for (let at = buffer.indexOf('\n'); at >= 0; at = buffer.indexOf('\n')) {
        yield buffer.slice(0, at);
        buffer = buffer.slice(at + 1);
      }
    }
  }
  return { child, lines: lines() };
}

if (process.env.LEDGER_RACE_ROLE === 'writer') {
  runWriter({ folder: process.env.LEDGER_RACE_FOLDER ?? '', writerId: process.env.LEDGER_RACE_WRITER ?? '', count: Number(process.env.LEDGER_RACE_COUNT) }).then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(`writer failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    },
  );
} else {
  describe('ledger: two processes racing', function () {
    this.timeout(60_000);
    let folder: string;

    beforeEach(() => {
      folder = path.join(mkdtempSync(path.join(tmpdir(), 'ledger-race-')), 'ledger');
    });
    afterEach(() => rmSync(path.dirname(folder), { recursive: true, force: true }));

    it('two processes appending and compacting at once lose nothing and double nothing', async () => {
      const writers = [startWriter(folder, 'p1'), startWriter(folder, 'p2')];
      for (const writer of writers) assert.equal((await writer.lines.next()).value, 'ready');
      for (const writer of writers) writer.child.stdin.write('go\n');
      for (const writer of writers) assert.equal((await writer.lines.next()).value, `done ${COUNT}`);
      const codes = await Promise.all(writers.map(async ({ child }) => (child.exitCode ?? (await once(child, 'exit'))[0]) as number));
      assert.deepEqual(codes, [0, 0]);

      const disk = new NodeFileStore(folder);
      const names = await disk.list();
      assert.ok(names.some((name) => name.startsWith('compacted-')), `compaction ran: ${names.join(' ')}`);
      // Every segment holds only its own writer's records: no file was ever written by both.
      for (const name of names) {
        const file = parseLedgerFileName(name);
        if (file?.kind !== 'segment') continue;
        const records = parseLedger((await disk.read(name)) ?? '').records;
        assert.ok(records.every((record) => record.id.startsWith(`${file.writerId}-`)), name);
      }

      const reader = new LedgerStore({ fs: disk, writerId: 'reader' });
      const read = await reader.read();
      assert.equal(read.skipped, 0);
      const expected = ['p1', 'p2'].flatMap((w) => Array.from({ length: COUNT }, (_, i) => `${w}-${i}`)).sort();
      assert.deepEqual(read.records.map((record) => record.id).sort(), expected);

      // With both writers gone, one compaction (their last segments count as closed once stale) leaves each once.
      const final = new LedgerStore({ fs: disk, writerId: 'final', now: () => Date.now() + 60 * 60_000 });
      assert.equal((await final.compact()).status, 'compacted');
      const left = await disk.list();
      assert.equal(left.length, 1, left.join(' '));
      const compacted = parseLedger((await disk.read(left[0] ?? '')) ?? '').records.map((record) => record.id).sort();
      assert.deepEqual(compacted, expected);
    });
  });
}
