import * as assert from 'node:assert/strict';
import { LmMessageError, reasoningDetailsData, REASONING_DETAILS_MIME, toBase64, toChatMessages, type LmMessage } from '../../../../src/core/lm/lm-messages';

const text = (value: string) => ({ type: 'text', text: value }) as const;

describe('VS Code chat messages as OpenRouter messages', () => {
  it('keep roles and join text parts', () => {
    const messages: LmMessage[] = [
      { role: 'system', parts: [text('Be brief.')] },
      { role: 'user', parts: [text('Hello '), text('there')] },
      { role: 'assistant', parts: [text('Hi.')] },
    ];
    assert.deepEqual(toChatMessages(messages), [
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'Hello there' },
      { role: 'assistant', content: 'Hi.' },
    ]);
  });

  it('send an assistant tool call with JSON arguments and its result as a tool message right after it', () => {
    const messages: LmMessage[] = [
      { role: 'user', parts: [text('Read a.ts')] },
      { role: 'assistant', parts: [{ type: 'toolCall', callId: 'call_1', name: 'read_file', input: { path: 'a.ts' } }] },
      { role: 'user', parts: [{ type: 'toolResult', callId: 'call_1', content: [text('const a = 1;')] }, text('Now explain it.')] },
    ];
    assert.deepEqual(toChatMessages(messages).slice(1), [
      { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'read_file', arguments: '{"path":"a.ts"}' } }] },
      { role: 'tool', tool_call_id: 'call_1', content: 'const a = 1;' },
      { role: 'user', content: 'Now explain it.' },
    ]);
  });

  it('send images as data URLs beside the text', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
    const [message] = toChatMessages([{ role: 'user', parts: [text('What is this?'), { type: 'data', mimeType: 'image/png', data: png }] }]);
    assert.deepEqual(message?.content, [
      { type: 'text', text: 'What is this?' },
      { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw==' } },
    ]);
  });

  it('refuse an image type the API does not take, naming it', () => {
    const svg = { role: 'user', parts: [{ type: 'data', mimeType: 'image/svg+xml', data: new Uint8Array([1]) }] } as const;
    assert.throws(() => toChatMessages([svg]), (error: unknown) => error instanceof LmMessageError && /image\/svg\+xml/.test(error.message));
  });

  it('carry reasoning details back on the assistant turn they came with, and never show them as content', () => {
    const details = [{ type: 'reasoning.encrypted', data: 'opaque', id: 'r1' }];
    const assistant: LmMessage = {
      role: 'assistant',
      parts: [text('Calling the tool.'), { type: 'toolCall', callId: 'c', name: 't', input: {} }, { type: 'data', mimeType: REASONING_DETAILS_MIME, data: reasoningDetailsData(details) }],
    };
    const [message] = toChatMessages([assistant]);
    assert.deepEqual(message?.['reasoning_details'], details);
    assert.equal(message?.content, 'Calling the tool.');
  });

  it('ignore data parts that are not for the model, and name non-text tool results', () => {
    const messages: LmMessage[] = [
      { role: 'user', parts: [text('Hi'), { type: 'data', mimeType: 'application/json', data: new Uint8Array([123, 125]) }] },
      { role: 'user', parts: [{ type: 'toolResult', callId: 'c', content: [{ type: 'data', mimeType: 'image/png', data: new Uint8Array(3) }] }] },
    ];
    assert.deepEqual(toChatMessages(messages), [
      { role: 'user', content: 'Hi' },
      { role: 'tool', tool_call_id: 'c', content: '[image/png data, 3 bytes]' },
    ]);
  });

  it('encode large byte arrays as base64 without overflowing the stack', () => {
    const bytes = new Uint8Array(300_000).map((_, index) => index % 256);
    assert.equal(toBase64(bytes), Buffer.from(bytes).toString('base64'));
  });
});

describe('reasoning details without a data part', () => {
  it('are recalled by the tool call ids of the turn, from a bounded memory', async () => {
    const { ReasoningMemory } = await import('../../../../src/core/lm/reasoning-memory');
    const memory = new ReasoningMemory(2);
    memory.remember(['call_1'], [{ type: 'reasoning.text', text: 'one', signature: 's1' }]);
    memory.remember(['call_2', 'call_3'], [{ type: 'reasoning.text', text: 'two' }]);
    const assistant: LmMessage = { role: 'assistant', parts: [{ type: 'toolCall', callId: 'call_3', name: 't', input: {} }] };
    assert.deepEqual(toChatMessages([assistant], (ids) => memory.recall(ids))[0]?.['reasoning_details'], [{ type: 'reasoning.text', text: 'two' }]);
    // The oldest went when the memory filled.
    assert.equal(memory.recall(['call_1']), undefined);
    assert.equal(toChatMessages([assistant])[0]?.['reasoning_details'], undefined);
  });
});
