import * as assert from 'node:assert/strict';
import { allVersions, versionPosition } from '../../../../src/core/chat/answer-versions';
import { chatToMarkdown } from '../../../../src/core/chat/export';
import { chatCosts } from '../../../../src/core/chat/model';
import { requestMessages } from '../../../../src/core/chat/turns';
import { adoptedAnswer } from '../../../../src/core/compare/winner';
import { OpenRouterError } from '../../../../src/core/openrouter/errors';
import { answered, conversation, effectsOf, updatesOf } from '../conversation/conversation-support';
import { comparisonOf, doneEvent, feed } from './compare-support';

function finishedComparison() {
  const comparison = comparisonOf('a/one', 'b/two', 'c/three');
  feed(comparison, 'col-1', [doneEvent('a/one', { usd: 0.001, ttft: 100, duration: 900, out: 20 }, 'Answer one')]);
  feed(comparison, 'col-2', [doneEvent('b/two', { usd: 0.02, ttft: 300, duration: 1900, out: 40 }, 'Answer two')]);
  feed(comparison, 'col-3', [{ type: 'error', error: new OpenRouterError({ kind: 'unavailable', status: 503 }), partialText: '', stoppedBecause: 'chain_exhausted', cost: { usd: 0, basis: 'exact', source: 'not_charged' } }]);
  return comparison;
}

const input = { question: { text: 'Which is best?', attachments: [] }, ids: { question: 'turn-q', answer: 'turn-a' }, now: 5000 };

describe('continue with the winner', () => {
  it('shows the picked answer, keeps the others with something in them as its versions in column order', () => {
    const adopted = adoptedAnswer(finishedComparison(), 'col-2', input);
    assert.ok(adopted);
    assert.equal(adopted.model, 'b/two');
    assert.equal(adopted.answer.text, 'Answer two');
    assert.equal(adopted.answer.meta?.cost?.usd, 0.02);
    assert.deepEqual(versionPosition(adopted.answer), { shown: 1, count: 2 }, 'the failed column left nothing to browse');
    assert.deepEqual(allVersions(adopted.answer).map((version) => version.text), ['Answer one', 'Answer two']);
  });

  it('refuses a column with no answer to continue from', () => {
    assert.equal(adoptedAnswer(finishedComparison(), 'col-3', input), undefined);
    assert.equal(adoptedAnswer(finishedComparison(), 'col-9', input), undefined);
  });

  it('joins the chat: the next request continues from the picked answer with its model, the others stay browsable, priced and exported', () => {
    const { chat } = conversation();
    answered(chat, 'Earlier question', 'Earlier answer');
    const adopted = adoptedAnswer(finishedComparison(), 'col-2', input)!;
    const step = chat.dispatch({ type: 'adoptAnswer', ...adopted });
    assert.equal(chat.model, 'b/two', 'the chat continues with the winner’s model');
    assert.equal(effectsOf(step, 'save').at(-1)?.chat.model, 'b/two');
    assert.equal(updatesOf(step, 'snapshot').length, 1);
    const messages = requestMessages(chat.chat.turns, undefined);
    assert.deepEqual(messages.slice(-2), [{ role: 'user', content: 'Which is best?' }, { role: 'assistant', content: 'Answer two' }]);
    const costs = chatCosts(chat.chat.turns).map((cost) => cost.usd);
    assert.ok(costs.includes(0.001) && costs.includes(0.02), `the chat's cost counts both paid answers: ${costs.join(', ')}`);
    const markdown = chatToMarkdown(chat.chat);
    assert.match(markdown, /Answer two[\s\S]*Earlier answer 1 of 2[\s\S]*Answer one/);
  });
});
