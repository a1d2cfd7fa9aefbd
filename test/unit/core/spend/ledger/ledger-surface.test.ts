import * as assert from 'node:assert/strict';
import type { DoneInfo } from '../../../../../src/core/openrouter/chat';
import { OpenRouterError } from '../../../../../src/core/openrouter/errors';
import { NOT_CHARGED } from '../../../../../src/core/spend/answer-cost';
import { ledgerRecordOf, type LedgerEntryInput } from '../../../../../src/core/spend/ledger/entry';
import { parseRecordLine, serialiseRecord } from '../../../../../src/core/spend/ledger/ledger';
import { PANEL_ORIGIN, surfaceOf } from '../../../../../src/core/spend/ledger/surface';
import { filterRecords } from '../../../../../src/core/spend/ledger/totals';
import { makeRecord } from '../../../ledger-race/records';

const input = (fields: Partial<LedgerEntryInput>): LedgerEntryInput => ({
  id: 'req-1', at: 1, workspace: 'w', chatId: undefined, requestedModel: 'openai/gpt-4o-mini', origin: PANEL_ORIGIN, pricingOf: () => undefined, ...fields,
});

const done: DoneInfo = {
  model: 'openai/gpt-4o-mini', provider: 'OpenAI', finishReason: 'stop', nativeFinishReason: 'stop', usage: undefined, cost: undefined,
  generationId: 'gen-1', timeToFirstTokenMs: 5, durationMs: 10, requestedModel: 'openai/gpt-4o-mini', fallbackPath: ['openai/gpt-4o-mini'],
  text: 'Hello.', reasoning: '', toolCalls: [], reasoningDetails: [],
};

describe('the surface on ledger records', () => {
  it('records the panel, and VS Code chat with the extension that asked, for answers and failures alike', () => {
    assert.deepEqual(pick(ledgerRecordOf(input({ done }))), ['panel', undefined]);
    const origin = { surface: 'vscode-chat', initiator: 'github.copilot-chat' } as const;
    assert.deepEqual(pick(ledgerRecordOf(input({ done, origin }))), ['vscode-chat', 'github.copilot-chat']);
    const stopped = { type: 'error', error: new OpenRouterError({ kind: 'cancelled' }), partialText: 'Half', stoppedBecause: 'cancelled', cost: NOT_CHARGED } as const;
    const record = ledgerRecordOf(input({ failure: stopped, origin }));
    assert.deepEqual([record.outcome, ...pick(record)], ['cancelled', 'vscode-chat', 'github.copilot-chat']);
    assert.deepEqual(pick(ledgerRecordOf(input({ origin: { surface: 'vscode-chat' } }))), ['vscode-chat', undefined], 'VS Code did not say who asked');
  });

  it('survives the ledger file, and reads records from before it was kept as the panel\'s', () => {
    const chat = makeRecord('chat', { surface: 'vscode-chat', initiator: 'acme.agent' });
    assert.deepEqual(parseRecordLine(serialiseRecord(chat)), chat);
    const old = parseRecordLine(serialiseRecord(makeRecord('old')));
    assert.ok(old, 'an older line still parses');
    assert.equal(old.surface, undefined);
    assert.equal(surfaceOf(old), 'panel');
    assert.equal(parseRecordLine(serialiseRecord(chat).replace('"vscode-chat"', '"elsewhere"')), undefined, 'an unknown surface is not trusted');
    assert.equal(parseRecordLine(serialiseRecord(chat).replace('acme.agent', 'x'.repeat(201))), undefined);
  });

  it('filters by surface, counting older records as the panel\'s', () => {
    const records = [makeRecord('old'), makeRecord('panel', { surface: 'panel' }), makeRecord('chat', { surface: 'vscode-chat' })];
    assert.deepEqual(filterRecords(records, { surface: 'panel' }).map((r) => r.id), ['old', 'panel']);
    assert.deepEqual(filterRecords(records, { surface: 'vscode-chat' }).map((r) => r.id), ['chat']);
    assert.equal(filterRecords(records, {}).length, 3);
  });
});

function pick(record: { surface?: string | undefined; initiator?: string | undefined }): [string | undefined, string | undefined] {
  return [record.surface, record.initiator];
}
