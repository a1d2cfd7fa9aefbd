// One writer process of the two-process race test. It says "ready" on stdout, waits for "go" on stdin (so both
// processes start appending at the same moment without any sleep), appends its records one write at a time and
// in bursts, compacts along the way, and says "done <count>" once everything is on disk.
import { LedgerStore } from '../../../src/core/spend/ledger/store';
import { NodeFileStore } from './node-fs';
import { recordSeries } from './records';

export interface WriterEnv {
  readonly folder: string;
  readonly writerId: string;
  readonly count: number;
}

export async function runWriter({ folder, writerId, count }: WriterEnv): Promise<void> {
  const store = new LedgerStore({
    fs: new NodeFileStore(folder),
    writerId,
    segmentRecords: 10,
    compactAtFiles: 4,
    onBackgroundError: (error) => process.stderr.write(`background: ${String(error)}\n`),
  });
  const go = new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdout.write('ready\n');
  await go;
  const records = recordSeries(writerId, count);
  for (let i = 0; i < records.length; ) {
    // Every 50 records, a burst: five records waiting behind one write; otherwise one record per write.
    const size = i % 50 === 25 ? 5 : 1;
    await Promise.all(records.slice(i, i + size).map((record) => store.put(record)));
    if (i % 40 === 0) await store.compact();
    i += size;
  }
  await store.flush();
  process.stdout.write(`done ${count}\n`);
}
