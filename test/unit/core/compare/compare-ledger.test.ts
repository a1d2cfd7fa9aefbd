import * as assert from 'node:assert/strict';
import type { DoneInfo } from '../../../../src/core/openrouter/chat';
import { OpenRouterError } from '../../../../src/core/openrouter/errors';
import { ledgerRecordOf, type LedgerEntryInput } from '../../../../src/core/spend/ledger/entry';
import { parseRecordLine, serialiseRecord } from '../../../../src/core/spend/ledger/ledger';

const input = (fields: Partial<LedgerEntryInput>): LedgerEntryInput => ({
  id: 'req-1', at: 1, workspace: 'w', chatId: 'chat-1', requestedModel: 'a/one', origin: { surface: 'panel' }, pricingOf: () => undefined, ...fields,
});

const done: DoneInfo = {
  model: 'a/one', provider: 'Prov', finishReason: 'stop', nativeFinishReason: 'stop', usage: undefined, cost: { usd: 0.002, basis: 'exact', source: 'usage' },
  generationId: 'gen-1', timeToFirstTokenMs: 5, durationMs: 10, requestedModel: 'a/one', fallbackPath: ['a/one'],
  text: 'Hi.', reasoning: '', toolCalls: [], reasoningDetails: [],
};

describe('comparisons in the spend ledger', () => {
  it('tags every request of a comparison, finished or failed, with its id, through the ledger file', () => {
    const origin = { surface: 'panel', comparisonId: 'compare-abc' } as const;
    const finished = ledgerRecordOf(input({ done, origin }));
    const failed = ledgerRecordOf(input({
      origin, failure: { type: 'error', error: new OpenRouterError({ kind: 'unavailable', status: 503 }), partialText: '', stoppedBecause: 'chain_exhausted', cost: undefined },
    }));
    assert.deepEqual([finished.comparisonId, failed.comparisonId], ['compare-abc', 'compare-abc']);
    assert.equal(parseRecordLine(serialiseRecord(finished))?.comparisonId, 'compare-abc');
  });

  it('keeps how long an answer took, for the dashboard\'s comparisons; a failure has no such time', () => {
    const finished = ledgerRecordOf(input({ done: { ...done, durationMs: 4210.6 } }));
    const failed = ledgerRecordOf(input({
      failure: { type: 'error', error: new OpenRouterError({ kind: 'unavailable', status: 503 }), partialText: '', stoppedBecause: 'chain_exhausted', cost: undefined },
    }));
    assert.equal(finished.durationMs, 4211);
    assert.equal(parseRecordLine(serialiseRecord(finished))?.durationMs, 4211);
    assert.equal('durationMs' in failed, false);
  });

  it('leaves other requests untagged, and reads records written before the tag existed', () => {
    const record = ledgerRecordOf(input({ done }));
    assert.equal('comparisonId' in record, false);
    const line = serialiseRecord(record);
    assert.equal(parseRecordLine(line)?.cost, 0.002);
  });
});
