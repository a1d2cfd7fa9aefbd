import assert from 'node:assert/strict';
import { isFreeVariantId, metadataIdOf, parseModelId } from '../../../../src/core/openrouter/model-id';

describe('model ids', () => {
  it('keeps the :free catalogue variant for metadata look-ups', () => {
    assert.equal(metadataIdOf('meta-llama/llama-3.3-70b-instruct:free'), 'meta-llama/llama-3.3-70b-instruct:free');
    assert.equal(isFreeVariantId('meta-llama/llama-3.3-70b-instruct:free'), true);
    assert.equal(isFreeVariantId('meta-llama/llama-3.3-70b-instruct'), false);
  });

  it('strips routing-only suffixes (:nitro, :floor, :exacto, :online)', () => {
    for (const suffix of ['nitro', 'floor', 'exacto', 'online']) {
      assert.equal(metadataIdOf(`openai/gpt-4o-mini:${suffix}`), 'openai/gpt-4o-mini', suffix);
    }
    assert.deepEqual(parseModelId('openai/gpt-4o:nitro').routingVariants, ['nitro']);
  });

  it('keeps :batch and unknown suffixes, which are catalogue entries of their own', () => {
    assert.equal(metadataIdOf('openai/gpt-4o:batch'), 'openai/gpt-4o:batch');
    assert.equal(metadataIdOf('anthropic/claude-3.7-sonnet:thinking'), 'anthropic/claude-3.7-sonnet:thinking');
    assert.equal(parseModelId('openai/gpt-4o:batch').catalogueVariant, 'batch');
  });

  it('strips stacked routing suffixes but keeps a catalogue suffix before them', () => {
    const parsed = parseModelId('meta-llama/llama-3.3-70b-instruct:free:floor:nitro');
    assert.equal(parsed.metadataId, 'meta-llama/llama-3.3-70b-instruct:free');
    assert.deepEqual(parsed.routingVariants, ['floor', 'nitro']);
    assert.equal(parsed.catalogueVariant, 'free');
    assert.equal(isFreeVariantId('meta-llama/llama-3.3-70b-instruct:free:nitro'), true);
  });

  it('matches suffixes case-insensitively and leaves plain ids, presets and odd input alone', () => {
    assert.equal(metadataIdOf('openai/gpt-4o:NITRO'), 'openai/gpt-4o');
    assert.equal(metadataIdOf('openai/gpt-4o'), 'openai/gpt-4o');
    assert.equal(metadataIdOf('openrouter/auto'), 'openrouter/auto');
    assert.equal(metadataIdOf('@preset/my-preset'), '@preset/my-preset');
    assert.equal(metadataIdOf(':nitro'), ':nitro');
    assert.equal(metadataIdOf('  openai/gpt-4o:floor '), 'openai/gpt-4o');
  });
});
