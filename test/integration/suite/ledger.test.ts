// The spend ledger on a real `vscode.workspace.fs`: the disk in the Node host, the mounted folder in the web worker.
// Each test gets a fresh folder and its own ledgers; nothing here depends on the extension's own instance.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { AGGREGATES_FILE } from '../../../src/core/spend/ledger/aggregate-file';
import { parseLedger } from '../../../src/core/spend/ledger/ledger';
import type { LedgerRecord } from '../../../src/core/spend/ledger/record';
import { SESSION_IDLE_MS } from '../../../src/core/spend/session';
import { SpendLedger, type SpendLedgerOptions } from '../../../src/host/spend/ledger';
import { SpendSessionMemory } from '../../../src/host/spend/session-memory';
import { BASE_TIME, makeRecord, recordSeries } from '../../unit/ledger-race/records';

const encoder = new TextEncoder();

/** Workspace storage as a window sees it: what one window's extension host wrote, the next one reads. */
class StoredState implements vscode.Memento {
  private readonly values = new Map<string, unknown>();
  keys(): readonly string[] {
    return [...this.values.keys()];
  }
  get<T>(key: string, defaultValue?: T): T | undefined {
    return this.values.has(key) ? (JSON.parse(JSON.stringify(this.values.get(key))) as T) : defaultValue;
  }
  update(key: string, value: unknown): Thenable<void> {
    this.values.set(key, value);
    return Promise.resolve();
  }
}
const sortedIds = (records: readonly LedgerRecord[]) => records.map((r) => r.id).sort();

describe('spend ledger', () => {
  let base: vscode.Uri;
  let folder: vscode.Uri;
  let ledgers: SpendLedger[];

  const open = (writerId: string, options: Partial<SpendLedgerOptions> = {}): SpendLedger => {
    const ledger = new SpendLedger({ folder, writerId, watch: false, compactAtFiles: 0, ...options });
    ledgers.push(ledger);
    return ledger;
  };
  const fileIn = (name: string) => vscode.Uri.joinPath(folder, name);
  // The ledger's files; the aggregates' snapshot beside them is not one, nor the temp file of a snapshot being saved.
  const isSnapshot = (name: string) => name === AGGREGATES_FILE || name.startsWith(`${AGGREGATES_FILE}.tmp-`);
  const names = async () => (await vscode.workspace.fs.readDirectory(folder)).map(([name]) => name).filter((name) => !isSnapshot(name)).sort();
  const text = async (name: string) => new TextDecoder().decode(await vscode.workspace.fs.readFile(fileIn(name)));

  beforeEach(() => {
    const workspace = vscode.workspace.workspaceFolders?.[0];
    assert.ok(workspace, 'the harness opens a workspace folder');
    base = vscode.Uri.joinPath(workspace.uri, `.test-ledger-${Math.random().toString(36).slice(2)}`);
    folder = SpendLedger.folderIn(base);
    ledgers = [];
  });

  afterEach(async () => {
    for (const ledger of ledgers) {
      await ledger.flush();
      ledger.dispose();
    }
    await vscode.workspace.fs.delete(base, { recursive: true, useTrash: false }).then(undefined, () => undefined);
  });

  it('round-trips records, sums the session, and fires a change for its own writes', async () => {
    const ledger = open('w1');
    assert.deepEqual(await ledger.all(), [], 'an empty ledger before the folder exists');
    let changes = 0;
    ledger.onDidChange(() => changes++);
    const changed = new Promise<void>((resolve) => ledger.onDidChange(() => resolve()));
    const records = [makeRecord('a', { cost: 0.1 }), makeRecord('b', { cost: 0.2, workspace: 'comma, "quote"\nline' }), makeRecord('c', { cost: 0.000_001_5 })];
    for (const record of records) await ledger.append(record);
    await changed;
    assert.ok(changes >= 1);
    assert.deepEqual(await open('reader').all(), records.map((record) => ({ ...record, session: ledger.session })), 'each stamped with its session');
    const summary = await ledger.summary(records[0]?.at);
    assert.equal(summary.session.cost, 0.3000015);
    assert.equal(summary.today.requests, 3);
    assert.equal((await open('other').summary(records[0]?.at)).session.requests, 0, 'another window has its own session');
    assert.deepEqual(await names(), ['segment-w1-1.jsonl']);
  });

  it('keeps the session across Reload Window, and starts a new one after a long idle time', async () => {
    const workspaceState = new StoredState();
    const first = new SpendSessionMemory(workspaceState, BASE_TIME);
    await open('before_reload', { session: first.id }).append(makeRecord('a', { cost: 0.25 }));
    first.used(BASE_TIME + 1000);

    // Reload Window: a new extension host, with its own ledger writer, over the same storage.
    const reloaded = new SpendSessionMemory(workspaceState, BASE_TIME + 60_000);
    const after = open('after_reload', { session: reloaded.id });
    assert.equal((await after.summary(BASE_TIME)).session.cost, 0.25, 'the session spend survives the reload');
    await after.append(makeRecord('b', { cost: 0.5 }));
    assert.equal((await after.summary(BASE_TIME)).session.cost, 0.75);

    const nextMorning = new SpendSessionMemory(workspaceState, BASE_TIME + 60_000 + SESSION_IDLE_MS);
    const fresh = open('next_morning', { session: nextMorning.id });
    assert.equal((await fresh.summary(BASE_TIME)).session.cost, 0, 'a new session after the idle time');
    assert.equal((await fresh.summary(BASE_TIME)).today.cost, 0.75);
  });

  it('a torn write (half-written temp file, truncated segment line) keeps every earlier record', async () => {
    const ledger = open('w1', { segmentRecords: 3 });
    const earlier = recordSeries('early', 5);
    for (const record of earlier) await ledger.append(record);
    // The crash: the segment being rewritten got a torn line, and a half-written temp file lies next to it.
    const segment = 'segment-w1-2.jsonl';
    const full = await text(segment);
    await vscode.workspace.fs.writeFile(fileIn(segment), encoder.encode(`${full}{"id":"torn","at":17`));
    await vscode.workspace.fs.writeFile(fileIn(`${segment}.tmp-0123abcd`), encoder.encode(full.slice(0, full.length / 2)));

    const next = open('next');
    const read = await next.read();
    assert.deepEqual(sortedIds(read.records), sortedIds(earlier));
    assert.equal(read.skipped, 1, 'only the torn line; the temp file is not read while its target exists');
    await next.append(makeRecord('after-crash'));
    assert.equal((await open('reader').all()).length, 6);
  });

  it('recovers a segment whose replace stopped between delete and rename', async () => {
    const ledger = open('w1');
    for (const record of recordSeries('r', 3)) await ledger.append(record);
    const segment = 'segment-w1-1.jsonl';
    const complete = await text(segment);
    await vscode.workspace.fs.delete(fileIn(segment));
    await vscode.workspace.fs.writeFile(fileIn(`${segment}.tmp-00ff00ff`), encoder.encode(complete));
    assert.deepEqual(sortedIds(await open('reader').all()), ['r-0', 'r-1', 'r-2']);
  });

  it('two writers racing lose nothing and never share a file', async () => {
    const a = open('a', { segmentRecords: 30 });
    const b = open('b', { segmentRecords: 45 });
    const ra = recordSeries('a', 200);
    const rb = recordSeries('b', 200);
    await Promise.all(ra.flatMap((record, i) => [a.append(record), b.append(rb[i] as LedgerRecord)]));
    assert.deepEqual(sortedIds(await open('reader').all()), sortedIds([...ra, ...rb]));
    for (const name of await names()) {
      const writer = /^segment-([a-z]+)-\d+\.jsonl$/.exec(name)?.[1];
      assert.ok(writer, `only segment files: ${name}`);
      assert.ok(parseLedger(await text(name)).records.every((r) => r.id.startsWith(`${writer}-`)), name);
    }
    assert.equal((await a.summary(ra[0]?.at)).session.requests, 200, 'each window counts its own session');
  });

  it('compaction while another writer appends loses nothing and duplicates nothing', async () => {
    const writer = open('writer', { segmentRecords: 7 });
    const compactor = open('compactor', { segmentRecords: 5 });
    const written = recordSeries('w', 80);
    const own = recordSeries('c', 20);
    let done = false;
    const appending = (async () => {
      for (const record of written) await writer.append(record);
      done = true;
    })();
    let compactions = 0;
    let i = 0;
    while (!done) {
      const own1 = own[i++];
      if (own1) await compactor.append(own1);
      if ((await compactor.compact()).status === 'compacted') compactions++;
    }
    await appending;
    for (const record of own.slice(i)) await compactor.append(record);
    assert.ok(compactions > 0, 'compaction ran while the writer appended');
    const expected = sortedIds([...written, ...own]);
    assert.deepEqual(sortedIds(await open('reader').all()), expected);

    // With every writer idle for longer than a segment may stay open, one compaction leaves each record once.
    const later = open('later', { now: () => Date.now() + 60 * 60_000 });
    assert.equal((await later.compact()).status, 'compacted');
    const files = await names();
    assert.equal(files.length, 1, files.join(' '));
    assert.deepEqual(sortedIds(parseLedger(await text(files[0] ?? '')).records), expected);
  });

  it('a window starting compacts the segments of many short sessions', async () => {
    const written: LedgerRecord[] = [];
    for (let session = 0; session < 13; session++) {
      const record = makeRecord(`short-${session}`);
      await open(`short${session}`).append(record);
      written.push(record);
    }
    assert.equal((await names()).length, 13);
    // An hour later, as far as the new window can tell: every one of those segments is closed.
    const starting = open('starting', { compactAtFiles: 12, now: () => Date.now() + 60 * 60_000 });
    await starting.flush();
    const files = await names();
    assert.equal(files.length, 1, files.join(' '));
    assert.match(files[0] ?? '', /^compacted-/);
    assert.deepEqual(sortedIds(await starting.all()), sortedIds(written));
  });

  it('replaces an estimate with the exact cost from /generation, and a refresh sees other windows', async () => {
    const ledger = open('w1');
    const estimate = makeRecord('cancelled', { costSource: 'estimate', cost: 0.0004, generationId: 'gen-42', outcome: 'cancelled', model: undefined });
    await ledger.append(estimate);
    const asked: string[] = [];
    const exact = await ledger.reconcile(estimate, async (id) => {
      asked.push(id);
      return {
        status: 'available',
        attempts: 1,
        waitedMs: 500,
        generation: {
          id, model: 'openai/gpt-4o-mini', providerName: 'OpenAI', totalCostUsd: 0.00043, userCostUsd: 0.00043, upstreamInferenceCostUsd: undefined, cacheDiscountUsd: undefined,
          isByok: false, cancelled: true, streamed: true, finishReason: 'cancelled', nativeFinishReason: undefined, latencyMs: undefined, generationTimeMs: undefined,
          moderationLatencyMs: undefined, tokens: { prompt: 10, completion: 5, nativePrompt: undefined, nativeCompletion: undefined, nativeReasoning: undefined, nativeCached: undefined, nativeCompletionImages: undefined },
          createdAt: undefined,
        },
      };
    });
    assert.deepEqual(asked, ['gen-42']);
    assert.equal(exact?.costSource, 'exact');
    const other = open('w2');
    const [stored] = await other.all();
    assert.deepEqual([stored?.cost, stored?.costSource, stored?.model], [0.00043, 'exact', 'openai/gpt-4o-mini']);
    assert.equal(await ledger.reconcile(stored as LedgerRecord, () => assert.fail('an exact record needs no lookup')), undefined);

    // Window w2 has read; w1 appends; w2's refresh notices and fires once, and not again without a change.
    let fired = 0;
    other.onDidChange(() => fired++);
    const firedOnce = new Promise<void>((resolve) => other.onDidChange(() => resolve()));
    await ledger.append(makeRecord('from-w1'));
    await other.refresh();
    await firedOnce;
    await other.refresh();
    await Promise.resolve();
    assert.equal(fired, 1);
  });

  it('shares a read among readers that ask together, and reads again after a write', async () => {
    const ledger = open('w1');
    await ledger.append(makeRecord('a'));
    const [first, second] = await Promise.all([ledger.all(), ledger.all()]);
    assert.strictEqual(first, second, 'one read of the folder for both');
    assert.notStrictEqual(await ledger.all(), first, 'a read that has finished is not reused');
    // A write while a read runs: whoever asks after it gets a read that started after it.
    const during = ledger.all();
    await ledger.append(makeRecord('b'));
    assert.deepEqual(sortedIds(await ledger.all()), ['a', 'b'], 'a write is seen by the next read');
    assert.ok(sortedIds(await during).includes('a'));
  });
});
