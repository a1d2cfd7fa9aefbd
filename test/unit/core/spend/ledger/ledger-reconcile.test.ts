import * as assert from 'node:assert/strict';
import { normaliseGeneration, type GenerationPollResult } from '../../../../../src/core/openrouter/generation';
import { needsReconciliation, reconcileRecord } from '../../../../../src/core/spend/ledger/reconcile';
import { makeRecord } from '../../../ledger-race/records';

const available = (data: Record<string, unknown>): GenerationPollResult => ({
  status: 'available',
  attempts: 2,
  waitedMs: 1500,
  generation: normaliseGeneration({ id: 'gen-1', total_cost: 0, ...data } as Parameters<typeof normaliseGeneration>[0]),
});

describe('ledger reconciliation', () => {
  const estimate = makeRecord('r', { costSource: 'estimate', cost: 0.0004, generationId: 'gen-1', outcome: 'cancelled', model: undefined, provider: undefined });

  it('replaces an estimate with the user\'s exact spend, BYOK upstream included', async () => {
    const asked: string[] = [];
    const exact = await reconcileRecord(estimate, async (id) => {
      asked.push(id);
      return available({ total_cost: 0.0000125, is_byok: true, upstream_inference_cost: 0.00025, model: 'mistralai/mistral-large', provider_name: 'Mistral' });
    });
    assert.deepEqual(asked, ['gen-1']);
    assert.deepEqual(exact, { ...estimate, cost: 0.0002625, costSource: 'exact', isByok: true, model: 'mistralai/mistral-large', provider: 'Mistral' });
  });

  it('keeps the model it knew, and leaves the record alone when OpenRouter has no figure in time', async () => {
    const known = { ...estimate, model: 'openai/gpt-4o-mini' };
    assert.equal((await reconcileRecord(known, async () => available({ total_cost: 0.0005, model: 'other/model' })))?.model, 'openai/gpt-4o-mini');
    assert.equal(await reconcileRecord(estimate, async () => ({ status: 'not_available', reason: 'lagging', attempts: 6, waitedMs: 30_000 })), undefined);
  });

  it('does not look up exact records or records without a generation id', async () => {
    for (const record of [makeRecord('exact', { generationId: 'g' }), makeRecord('no-id', { costSource: 'estimate' })]) {
      assert.equal(needsReconciliation(record), false);
      assert.equal(await reconcileRecord(record, () => assert.fail('no lookup expected')), undefined);
    }
  });
});
