import * as assert from 'node:assert/strict';
import { ledgerFingerprint, mergeLedgers, parseLedger, parseRecordLine, replaces, serialiseLedger, serialiseRecord } from '../../../../../src/core/spend/ledger/ledger';
import { compactedName, compareLedgerFiles, parseLedgerFileName, segmentName } from '../../../../../src/core/spend/ledger/files';
import { scanFolder } from '../../../../../src/core/spend/ledger/folder';
import { makeRecord } from '../../../ledger-race/records';

describe('ledger JSON lines', () => {
  it('round-trips records, hostile strings included, one line each', () => {
    const records = [
      makeRecord('a'),
      makeRecord('b', { workspace: 'line\nbreak, "quoted"\r\n\u2028', model: undefined, cacheSavings: 0.000_001_25, chatId: 'c1', generationId: 'gen-1' }),
      makeRecord('c', { cost: 1e-7, costSource: 'estimate', outcome: 'cancelled', isByok: true }),
    ];
    const text = serialiseLedger(records);
    assert.equal(text.split('\n').length, 4, 'three lines and a final newline');
    assert.ok(text.endsWith('\n'));
    const parsed = parseLedger(text);
    assert.equal(parsed.skipped, 0);
    assert.deepEqual(parsed.records, records);
  });

  it('skips and counts garbage and a torn last line, keeping every record around them', () => {
    const [a, b, c] = [makeRecord('a'), makeRecord('b'), makeRecord('c')];
    const torn = serialiseRecord(c).slice(0, 40);
    const text = [serialiseRecord(a), 'not json', '{"id":"x"}', '', '   ', '[1,2]', serialiseRecord(b), torn].join('\n');
    const parsed = parseLedger(text);
    assert.deepEqual(parsed.records.map((r) => r.id), ['a', 'b']);
    assert.equal(parsed.skipped, 4, 'not json, a partial record, an array and the torn line; blank lines do not count');
  });

  it('accepts CRLF line ends and a record without the defaulted fields', () => {
    const { isByok: _b, fallbackPath: _f, ...old } = makeRecord('old');
    const parsed = parseLedger(`${JSON.stringify(old)}\r\n${serialiseRecord(makeRecord('new'))}\r\n`);
    assert.equal(parsed.skipped, 0);
    assert.equal(parsed.records[0]?.isByok, false);
    assert.deepEqual(parsed.records[0]?.fallbackPath, []);
  });

  it('refuses records that break the schema (negative cost, empty id, unknown outcome)', () => {
    for (const bad of [{ cost: -1 }, { id: '' }, { outcome: 'exploded' }, { promptTokens: 1.5 }]) {
      assert.equal(parseRecordLine(JSON.stringify({ ...makeRecord('r'), ...bad })), undefined, JSON.stringify(bad));
    }
  });

  it('merges sources by id: later replaces earlier, first position kept', () => {
    const merged = mergeLedgers([
      [makeRecord('a', { cost: 1 }), makeRecord('b', { cost: 2 })],
      [makeRecord('c', { cost: 3 }), makeRecord('a', { cost: 4 })],
      [makeRecord('b', { cost: 5 })],
    ]);
    assert.deepEqual(merged.map((r) => [r.id, r.cost]), [['a', 4], ['b', 5], ['c', 3]]);
    assert.deepEqual(mergeLedgers([merged, merged]), merged, 'merging is idempotent');
  });

  it('reconciles estimate -> exact, but a stale estimate never undoes an exact cost', () => {
    const estimate = makeRecord('r', { cost: 0.001, costSource: 'estimate' });
    const exact = makeRecord('r', { cost: 0.0012, costSource: 'exact' });
    assert.equal(mergeLedgers([[estimate], [exact]])[0]?.cost, 0.0012);
    assert.equal(mergeLedgers([[exact], [estimate]])[0]?.cost, 0.0012);
    assert.equal(replaces(estimate, exact), false);
    assert.equal(replaces(exact, estimate), true);
    assert.equal(mergeLedgers([[exact], [{ ...exact, cost: 0.0013 }]])[0]?.cost, 0.0013, 'exact over exact: later wins');
  });

  it('fingerprints what the totals can see', () => {
    const records = [makeRecord('a', { costSource: 'estimate' }), makeRecord('b')];
    const base = ledgerFingerprint(records);
    assert.equal(ledgerFingerprint([...records]), base);
    assert.notEqual(ledgerFingerprint([records[0] as never]), base);
    assert.notEqual(ledgerFingerprint([{ ...makeRecord('a'), costSource: 'exact' }, makeRecord('b')]), base);
    assert.notEqual(ledgerFingerprint([makeRecord('a', { costSource: 'estimate', cost: 0.5 }), makeRecord('b')]), base);
  });
});

describe('ledger file names', () => {
  it('parses what it formats and nothing else', () => {
    assert.deepEqual(parseLedgerFileName(segmentName('w1', 12)), { kind: 'segment', name: 'segment-w1-12.jsonl', writerId: 'w1', n: 12 });
    const compacted = compactedName(1_750_000_000_123, 'w_2', 3);
    assert.equal(compacted, 'compacted-1750000000123-w_2-3.jsonl');
    assert.deepEqual(parseLedgerFileName(compacted), { kind: 'compacted', name: compacted, time: 1_750_000_000_123, writerId: 'w_2', n: 3 });
    for (const other of ['segment-w1-0.jsonl', 'segment-w1-1.jsonl.tmp-ab12', 'segment--1.jsonl', 'segment-a-b-1.jsonl', 'index.json', 'compacted-1-w-1.jsonl']) {
      assert.equal(parseLedgerFileName(other), undefined, other);
    }
  });

  it('orders compacted files by age before segments by writer and number', () => {
    const names = ['segment-b-2.jsonl', 'segment-a-10.jsonl', compactedName(2000, 'z', 1), 'segment-a-9.jsonl', compactedName(1000, 'z', 2)];
    const sorted = names.map((name) => parseLedgerFileName(name)).filter((file) => file !== undefined).sort(compareLedgerFiles).map((file) => file.name);
    assert.deepEqual(sorted, [compactedName(1000, 'z', 2), compactedName(2000, 'z', 1), 'segment-a-9.jsonl', 'segment-a-10.jsonl', 'segment-b-2.jsonl']);
  });

  it('reads a temp file only when its target is missing', () => {
    const tempTarget = (name: string) => /^(.+)\.tmp-[0-9a-f]+$/.exec(name)?.[1];
    const scan = scanFolder(['segment-a-1.jsonl', 'segment-a-1.jsonl.tmp-01', 'segment-a-2.jsonl.tmp-02', 'notes.txt', 'notes.txt.tmp-03'], tempTarget);
    assert.deepEqual(scan.sources.map((s) => s.read), ['segment-a-1.jsonl', 'segment-a-2.jsonl.tmp-02']);
    assert.deepEqual(scan.litter, ['segment-a-1.jsonl.tmp-01']);
    assert.equal(scan.lastSegment.get('a'), 2);
  });
});
