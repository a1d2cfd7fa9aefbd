import * as assert from 'node:assert/strict';
import type { AssistantTurn } from '../../../src/core/chat/model';
import { answerEndMessage, HostToWebview } from '../../../src/protocol/messages';

describe('the end of a streamed answer', () => {
  const text = 'A long answer, streamed in deltas. '.repeat(2000);
  const turn: AssistantTurn = {
    id: 'turn-1', role: 'assistant', text, reasoning: 'thinking…', status: 'done', createdAt: 1, notices: [],
    meta: { requestedModel: 'openai/gpt-4o-mini', model: 'openai/gpt-4o-mini', fallbackPath: [] },
  };

  it('carries the lengths of the text and reasoning, not the text again', () => {
    const end = answerEndMessage(turn);
    assert.equal(end.textLength, text.length);
    assert.equal(end.reasoningLength, 'thinking…'.length);
    assert.equal('text' in end.turn, false);
    assert.equal('reasoning' in end.turn, false);
    assert.ok(JSON.stringify(end).length < 1000, 'the deltas already brought the text: the end stays small');
    assert.equal(end.meta?.model, 'openai/gpt-4o-mini');
  });

  it('is a valid message for the webview, and an end without the lengths is not', () => {
    assert.equal(HostToWebview.safeParse({ ...answerEndMessage(turn), seq: 7 }).success, true);
    const failed: AssistantTurn = { ...turn, status: 'error', error: { kind: 'network', message: 'Could not reach OpenRouter.', actions: ['retry'] } };
    const parsed = HostToWebview.safeParse({ ...answerEndMessage(failed), seq: 8 });
    assert.equal(parsed.success && parsed.data.type === 'chat/end' ? parsed.data.error?.kind : undefined, 'network');
    assert.equal(HostToWebview.safeParse({ type: 'chat/end', seq: 9, turn }).success, false, 'lengths are required');
  });
});
