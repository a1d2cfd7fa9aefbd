import * as assert from 'node:assert/strict';
import type { ChatEvent } from '../../../../src/core/openrouter/chat';
import { OpenRouterError } from '../../../../src/core/openrouter/errors';
import { failedEnd, pathStepOf, reasonOf, requestPathText, type PathStep } from '../../../../src/core/openrouter/request-path';

const MINI = 'openai/gpt-4o-mini';
const HAIKU = 'anthropic/claude-3.5-haiku';
const http = (status: number) => new OpenRouterError({ kind: status === 429 ? 'rate_limited' : 'unavailable', status });

describe('the path of a request', () => {
  it('takes its steps from the engine\'s retry and fallback events only', () => {
    const events: ChatEvent[] = [
      { type: 'attempt', model: MINI, attempt: 1 },
      { type: 'retry', model: MINI, delayMs: 10, reason: http(429) },
      { type: 'fallback', from: MINI, to: HAIKU, reason: http(503), skipped: [] },
      { type: 'delta', text: 'Hi' },
    ];
    assert.deepEqual(events.map(pathStepOf).filter((step) => step !== undefined), [
      { kind: 'retry', model: MINI, reason: '429' },
      { kind: 'fallback', from: MINI, to: HAIKU, reason: '503' },
    ]);
  });

  it('names a failure without a status by its kind', () => {
    assert.equal(reasonOf(new OpenRouterError({ kind: 'timeout' })), 'timeout');
    assert.equal(reasonOf(new OpenRouterError({ kind: 'provider_error', status: 200 })), 'provider error', 'an error inside a 200 stream');
    assert.equal(reasonOf(new OpenRouterError({ kind: 'network' })), 'network');
  });

  it('reads as the models tried, each with why, and how it ended when not answered', () => {
    const fellBack: PathStep[] = [{ kind: 'fallback', from: MINI, to: HAIKU, reason: '503' }];
    assert.equal(requestPathText(MINI, fellBack, { outcome: 'done', model: HAIKU }), `${MINI} → ${HAIKU} (503)`);
    const retried: PathStep[] = [{ kind: 'retry', model: MINI, reason: '429' }, ...fellBack];
    assert.equal(requestPathText(MINI, retried, { outcome: 'done', model: HAIKU }), `${MINI} → retry (429) → ${HAIKU} (503)`);
    assert.equal(requestPathText(MINI, retried.slice(0, 1), { outcome: 'done', model: MINI }), `${MINI} → retry (429)`);
    assert.equal(requestPathText(MINI, fellBack, failedEnd(http(429))), `${MINI} → ${HAIKU} (503) → failed (429)`);
    assert.equal(requestPathText(MINI, fellBack, failedEnd(new OpenRouterError({ kind: 'cancelled' }))), `${MINI} → ${HAIKU} (503) → stopped`);
  });

  it('shows OpenRouter\'s own switch to another model, and nothing for a request that went straight', () => {
    assert.equal(requestPathText(MINI, [], { outcome: 'done', model: HAIKU }), `${MINI} → ${HAIKU}`);
    assert.equal(requestPathText(MINI, [], { outcome: 'done', model: MINI }), undefined);
    assert.equal(requestPathText(`${MINI}:nitro`, [], { outcome: 'done', model: MINI }), undefined, 'a routing suffix is the same model');
    assert.equal(requestPathText(MINI, [], failedEnd(http(402))), undefined);
  });
});
