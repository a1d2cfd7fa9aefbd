import * as assert from 'node:assert/strict';
import { CSV_COLUMNS, csvToRecords, ledgerToCsv, parseCsv, plainDecimal } from '../../../../src/core/spend/csv';
import type { LedgerRecord } from '../../../../src/core/spend/ledger/record';
import { cacheSavingsTotal, tally, totalsByDay, totalsByModel, totalsByWorkspace } from '../../../../src/core/spend/ledger/totals';
import { seeded } from '../../file-store/memory-fs';
import { BASE_TIME, makeRecord } from '../../ledger-race/records';

const HOSTILE = [
  'plain',
  'comma, inside',
  'quote " inside',
  '"starts and ends with quotes"',
  'line\nbreak',
  'crlf\r\nbreak',
  'lone\rcr',
  '=HYPERLINK("http://evil","click")',
  "'=already escaped",
  "''=twice",
  '+1',
  '-2',
  '@SUM(A1)',
  '\ttab first',
  ' leading and trailing space ',
  'unicode ✓ 日本語 🚀',
  "'just an apostrophe",
  '',
];

function hostileLedger(): LedgerRecord[] {
  const random = seeded(7);
  return HOSTILE.map((text, i) =>
    makeRecord(`id-${i}${i % 3 === 0 ? ',"x"' : ''}`, {
      at: BASE_TIME + Math.floor(random() * 40 * 86_400_000) + (i % 7),
      workspace: text,
      requestedModel: `vendor/${text}`,
      model: i % 4 === 0 ? undefined : `used/${text}`,
      provider: text === '' ? undefined : text,
      chatId: i % 2 === 0 ? `chat,${i}` : undefined,
      cost: [0.1, 0.2, 1e-7, 3.3e-12, 0.000_123_456_789_012_34, 12.5, 0][i % 7] ?? 0,
      costSource: i % 2 === 0 ? 'exact' : 'estimate',
      cacheSavings: i % 3 === 0 ? 1.5e-8 * i : undefined,
      isByok: i % 5 === 0,
      generationId: i % 2 === 1 ? `gen-${text}` : undefined,
      outcome: (['done', 'error', 'cancelled'] as const)[i % 3],
      fallbackPath: i % 2 === 0 ? [`a/${text}`, 'b/"q",c'] : [],
      cachedTokens: i * 100,
      reasoningTokens: i,
      surface: i % 2 === 0 ? 'panel' : 'vscode-chat',
      initiator: i % 2 === 1 ? `ext.${text}` : undefined,
    }),
  );
}

describe('ledger CSV', () => {
  it('documents its columns in the header row', () => {
    const [header] = parseCsv(ledgerToCsv([]));
    assert.deepEqual(header, [...CSV_COLUMNS]);
    assert.ok(CSV_COLUMNS.includes('cost_usd'));
  });

  it('round-trips hostile strings and every field exactly', () => {
    const records = hostileLedger();
    const parsed = csvToRecords(ledgerToCsv(records));
    assert.equal(parsed.skipped, 0);
    assert.deepEqual(parsed.records, records);
  });

  it('reproduces the ledger totals from the CSV to within 1e-9 (exactly, in fact)', () => {
    const random = seeded(42);
    const records = [
      ...hostileLedger(),
      ...Array.from({ length: 2000 }, (_, i) =>
        makeRecord(`bulk-${i}`, { at: BASE_TIME + Math.floor(random() * 90 * 86_400_000), cost: Math.round(random() * 1e9) / 1e13, model: `m/${i % 5}`, workspace: `w,${i % 3}` }),
      ),
    ];
    const back = csvToRecords(ledgerToCsv(records)).records;
    assert.equal(back.length, records.length);
    assert.ok(Math.abs(tally(back).cost - tally(records).cost) <= 1e-9);
    assert.deepEqual(tally(back), tally(records));
    assert.deepEqual(totalsByDay(back), totalsByDay(records));
    assert.deepEqual(totalsByModel(back), totalsByModel(records));
    assert.deepEqual(totalsByWorkspace(back), totalsByWorkspace(records));
    assert.equal(cacheSavingsTotal(back), cacheSavingsTotal(records));
  });

  it('quotes only what needs quoting, ends rows in CRLF, and defuses formulas', () => {
    const csv = ledgerToCsv([makeRecord('a', { workspace: 'x, "y"', requestedModel: '=1+1', model: 'plain', cost: 1e-7 })]);
    const line = csv.split('\r\n')[1] ?? '';
    assert.ok(line.includes(',"x, ""y""",'), line);
    assert.ok(line.includes(",'=1+1,plain,"), line);
    assert.ok(line.includes(',0.0000001,'), 'the cost as a plain decimal, not 1e-7');
    assert.ok(csv.endsWith('\r\n'));
  });

  it('writes costs with every digit, never rounded or in exponent form', () => {
    for (const value of [0, 1, 0.1, 1e-7, 1.5e-7, 3.3e-12, 0.000_123_456_789_012_34, 123456789.125, 1e21, 2.5e-20, 5e-324]) {
      const text = plainDecimal(value);
      assert.doesNotMatch(text, /e/i, text);
      assert.equal(Number(text), value, text);
    }
    assert.equal(plainDecimal(1.5e-7), '0.00000015');
    assert.equal(plainDecimal(1e21), '1000000000000000000000');
  });

  it('parses RFC 4180 edge cases', () => {
    assert.deepEqual(parseCsv('a,b\r\n"1,2","3""4"\n"multi\nline",\n'), [['a', 'b'], ['1,2', '3"4'], ['multi\nline', '']]);
    assert.deepEqual(parseCsv('\uFEFFa\r\n""'), [['a'], ['']], 'a BOM, and a quoted empty last field without a row end');
    assert.deepEqual(parseCsv(''), []);
    assert.deepEqual(parseCsv('"unterminated,still\n'), [['unterminated,still\n']]);
  });

  it('finds columns by name and skips rows that are not records', () => {
    const csv = ledgerToCsv([makeRecord('a'), makeRecord('b')]);
    const [header = [], ...rows] = parseCsv(csv);
    // Swap two columns, then append a row with a negative cost and an empty row.
    const swap = (row: string[]) => [row[1], row[0], ...row.slice(2)].join(',');
    const bad = [...(rows[0] ?? [])];
    bad[CSV_COLUMNS.indexOf('cost_usd')] = '-1';
    const edited = [swap(header), ...rows.map(swap), swap(bad), ''].join('\r\n');
    const parsed = csvToRecords(edited);
    assert.deepEqual(parsed.records.map((r) => r.id), ['a', 'b']);
    assert.equal(parsed.skipped, 1);
  });

  it('says where each request was made, and which extension asked, with older records as the panel\'s', () => {
    const records = [
      makeRecord('chat', { surface: 'vscode-chat', initiator: 'github.copilot-chat' }),
      makeRecord('panel', { surface: 'panel' }),
      makeRecord('before-surfaces'),
    ];
    const [header = [], ...rows] = parseCsv(ledgerToCsv(records));
    const column = (name: string) => rows.filter((row) => row.length > 1).map((row) => row[header.indexOf(name)]);
    assert.deepEqual(column('surface'), ['vscode-chat', 'panel', 'panel']);
    assert.deepEqual(column('initiator'), ['github.copilot-chat', '', '']);
    const back = csvToRecords(ledgerToCsv(records)).records;
    assert.deepEqual(back.map((r) => [r.surface, r.initiator]), [['vscode-chat', 'github.copilot-chat'], ['panel', undefined], ['panel', undefined]]);
    // An export from before the columns existed still reads, as the panel's requests.
    const older = ledgerToCsv([makeRecord('old')]).split('\r\n').map((line) => line.split(',').slice(0, -3).join(',')).join('\r\n');
    const [old] = csvToRecords(older).records;
    assert.equal(old?.id, 'old');
    assert.equal(old?.surface, undefined);
  });

  it('ends each row with the comparison the request was part of, empty for ordinary requests, keeping the columns before', () => {
    assert.deepEqual(CSV_COLUMNS.slice(-3), ['surface', 'initiator', 'comparison_id'], 'added at the end');
    assert.equal(CSV_COLUMNS.length, 22, 'every earlier column kept');
    const records = [
      makeRecord('a', { comparisonId: 'cmp-1', requestedModel: 'openai/gpt-4o', model: 'openai/gpt-4o' }),
      makeRecord('b', { comparisonId: 'cmp-1', outcome: 'error', cost: 0 }),
      makeRecord('plain'),
      makeRecord('odd', { comparisonId: '=cmp,"2"' }),
    ];
    const [header = [], ...rows] = parseCsv(ledgerToCsv(records));
    assert.equal(header.at(-1), 'comparison_id');
    assert.deepEqual(rows.filter((row) => row.length > 1).map((row) => row.at(-1)), ['cmp-1', 'cmp-1', '', '\'=cmp,"2"']);
    const back = csvToRecords(ledgerToCsv(records)).records;
    assert.deepEqual(back.map((r) => r.comparisonId), ['cmp-1', 'cmp-1', undefined, '=cmp,"2"']);
    assert.deepEqual(back, records.map((record) => ({ ...record, surface: 'panel' })));
  });
});
