import * as assert from 'node:assert/strict';
import { describeEstimate } from '../../../../src/core/chat/prompt-estimate';

describe('the pre-send estimate', () => {
  it('measures the prompt against the model context, with the most the answer could cost', () => {
    const wording = describeEstimate({ promptTokens: 2345, worstCaseUsd: 0.0123, contextTokens: 128_000 });
    assert.equal(wording.text, '~2.3k / 128k tokens · at most $0.0123');
    assert.equal(wording.overContext, false);
    assert.equal(wording.warning, undefined);
    assert.equal(wording.title, "About 2,345 prompt tokens with history and attachments, of the model's context of 128,000. The cost assumes the longest possible answer.");
  });

  it('flags a prompt larger than the context and says what to do', () => {
    const wording = describeEstimate({ promptTokens: 140_200, worstCaseUsd: 0.42, contextTokens: 128_000 });
    assert.equal(wording.overContext, true);
    assert.equal(wording.text, '~140k tokens, over the 128k context · at most $0.4200');
    assert.match(wording.title, /^About 140,200 prompt tokens with history and attachments: more than the model's context of 128,000\. /);
    assert.match(wording.title, /Start a new chat, remove attachments or pick a model with a longer context\./);
    assert.equal(wording.warning, 'The message is too long for the model: about 140k tokens, over its 128k context.');
  });

  it('a prompt exactly as large as the context still fits', () => {
    assert.equal(describeEstimate({ promptTokens: 8192, contextTokens: 8192 }).overContext, false);
    assert.equal(describeEstimate({ promptTokens: 8193, contextTokens: 8192 }).overContext, true);
  });

  it('without catalogue facts it shows the size alone', () => {
    const wording = describeEstimate({ promptTokens: 640 });
    assert.deepEqual(wording, { text: '~640 tokens', title: 'About 640 prompt tokens with history and attachments.', overContext: false, overBudget: false });
  });
});

describe('the pre-send estimate against the budgets', () => {
  it('says when the worst case is over what a budget leaves, and that max_tokens would be lowered', () => {
    const wording = describeEstimate({ promptTokens: 900, worstCaseUsd: 0.0648, budget: { limit: 'session', left: 0.021, maxTokens: 1380 } });
    assert.equal(wording.text, '~900 tokens · at most $0.0648 · over the $0.0210 your session budget leaves; max_tokens would be lowered to 1,380');
    assert.equal(wording.overBudget, true);
    assert.equal(wording.overContext, false);
    assert.match(wording.title, /The longest answer could cost more than the \$0\.0210 your session budget leaves: sending lowers max_tokens to 1,380\.$/);
    assert.equal(wording.warning, 'The longest answer could cost more than the $0.0210 your session budget leaves: sending lowers max_tokens to 1,380.');
  });

  it('says when the request would be blocked, and when the limit is spent', () => {
    assert.equal(
      describeEstimate({ promptTokens: 900, worstCaseUsd: 0.0648, budget: { limit: 'daily', left: 0.0001 } }).text,
      '~900 tokens · at most $0.0648 · over the $0.0001 your daily budget leaves; it would be blocked',
    );
    const spent = describeEstimate({ promptTokens: 900, worstCaseUsd: 0.0648, budget: { limit: 'key', left: 0 } });
    assert.equal(spent.text, "~900 tokens · at most $0.0648 · your API key's credit limit is spent; it would be blocked");
    assert.match(spent.title, /Your API key's credit limit is spent: sending would be blocked, with a choice to send once anyway\.$/);
  });

  it('is not over any budget without one in the way', () => {
    assert.equal(describeEstimate({ promptTokens: 900, worstCaseUsd: 0.0648 }).overBudget, false);
  });

  it('names the key-wide figure in the over-budget warning when the budget counts the whole key', () => {
    const keyWide = '$4.10 spent with this key today (UTC), $3.20 of it elsewhere.';
    const wording = describeEstimate({ promptTokens: 100, worstCaseUsd: 0.5, budget: { limit: 'daily', left: 0, keyWide } });
    assert.equal(wording.warning, `Your daily budget is spent: sending would be blocked, with a choice to send once anyway. ${keyWide}`);
    assert.ok(wording.title.endsWith(keyWide));
    assert.doesNotMatch(describeEstimate({ promptTokens: 100, worstCaseUsd: 0.5, budget: { limit: 'daily', left: 0 } }).title, /this key/);
  });
});
