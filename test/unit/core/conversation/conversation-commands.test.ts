import assert from 'node:assert/strict';
import type { Attachment } from '../../../../src/core/chat/model';
import { editorCommandQuestion } from '../../../../src/core/chat/prompts';
import { conversation, delta, done, effectsOf, engine, failed, requestOf, updatesOf } from './conversation-support';

const code = { text: 'function add(a, b) {\n  return a + b;\n}', languageId: 'javascript', path: 'example.js', uri: 'file:///w/example.js', startLine: 3, endLine: 5 };
const explain = editorCommandQuestion('explain', code);
const instruction = explain.command.instruction;
const codeBlock = 'example.js:3–5:\n```javascript\nfunction add(a, b) {\n  return a + b;\n}\n```';

function sendExplain(chat: ReturnType<typeof conversation>['chat']) {
  return chat.dispatch({ type: 'send', ...explain });
}

describe('conversation core: a command\'s turn', () => {
  it('shows the command with the code as a chip, and sends the instruction and the code', () => {
    const { chat } = conversation();
    const step = sendExplain(chat);
    const [question] = updatesOf(step, 'chat/turn').map((u) => u.turn);
    assert.equal(question?.text, '/explain');
    assert.deepEqual(question?.role === 'user' ? question.attachments.map((a) => a.label) : [], ['example.js:3–5']);
    assert.deepEqual(requestOf(step).request.messages, [{ role: 'user', content: `${instruction}\n\n${codeBlock}` }]);
    assert.equal(chat.chat.title, '/explain · example.js:3–5');
  });

  it('keeps sending what the model got as the chat goes on', () => {
    const { chat } = conversation();
    engine(chat, requestOf(sendExplain(chat)).requestId, delta('It adds.'), done('It adds.'));
    const step = chat.dispatch({ type: 'send', text: 'And with strings?' });
    assert.deepEqual(requestOf(step).request.messages.map((m) => m.content), [`${instruction}\n\n${codeBlock}`, 'It adds.', 'And with strings?']);
  });

  it('leaves the composer\'s draft and chips for the person\'s next message', () => {
    const { chat } = conversation({ draft: 'half-typed' });
    const file: Attachment = { kind: 'file', label: 'b.ts', text: 'b', tokens: 1, uris: ['file:///w/b.ts'] };
    chat.dispatch({ type: 'attach', attachment: file });
    const step = sendExplain(chat);
    assert.equal(String(requestOf(step).request.messages.at(-1)?.content).includes('b.ts'), false);
    assert.deepEqual(effectsOf(step, 'persistDraft'), []);
    assert.equal(chat.composerState().draft, 'half-typed');
    assert.deepEqual(chat.composerState().attachments.map((a) => a.label), ['b.ts']);
  });

  it('typed in the composer, takes the composer\'s chips as its code and empties the composer, sending the file once', () => {
    const { chat } = conversation({ draft: '/explain' });
    const file: Attachment = { kind: 'file', label: 'b.ts', text: 'export const b = 1;', tokens: 5, uris: ['file:///w/b.ts'] };
    chat.dispatch({ type: 'attach', attachment: file });
    chat.dispatch({ type: 'attach', attachment: { ...file } });
    const step = chat.dispatch({ type: 'send', text: '/explain', command: { name: 'explain', instruction: 'Explain b.ts.' }, typed: true });
    const [question] = updatesOf(step, 'chat/turn').map((u) => u.turn);
    assert.deepEqual(question?.role === 'user' ? question.attachments.map((a) => a.label) : [], ['b.ts']);
    assert.deepEqual(requestOf(step).request.messages, [{ role: 'user', content: 'Explain b.ts.\n\nb.ts:\n```\nexport const b = 1;\n```' }]);
    assert.deepEqual(effectsOf(step, 'persistDraft'), [{ type: 'persistDraft', text: '' }]);
    assert.deepEqual(chat.composerState().attachments, []);
  });

  it('edited with the command kept, sends the words typed after it with the instruction', () => {
    const { chat } = conversation();
    engine(chat, requestOf(sendExplain(chat)).requestId, delta('It adds.'), done('It adds.'));
    const step = chat.dispatch({ type: 'edit', turnId: chat.chat.turns[0]!.id, text: '/explain in one line' });
    assert.deepEqual(requestOf(step).request.messages, [{ role: 'user', content: `${instruction}\n\nin one line\n\n${codeBlock}` }]);
    assert.equal(chat.chat.title, '/explain in one line · example.js:3–5');
  });

  it('edited into a question, sends the question with the code', () => {
    const { chat } = conversation();
    engine(chat, requestOf(sendExplain(chat)).requestId, delta('It adds.'), done('It adds.'));
    const step = chat.dispatch({ type: 'edit', turnId: chat.chat.turns[0]!.id, text: 'Is this pure?' });
    assert.deepEqual(requestOf(step).request.messages, [{ role: 'user', content: `${codeBlock}\n\nIs this pure?` }]);
    const [question] = chat.chat.turns;
    assert.equal(question?.role === 'user' ? question.command : 'not a question', undefined);
  });

  it('New Chat from its failed answer puts the instruction and the code\'s chip in the composer', () => {
    const { chat } = conversation();
    engine(chat, requestOf(sendExplain(chat)).requestId, failed('bad_request'));
    chat.dispatch({ type: 'newChatFrom', turnId: chat.chat.turns[1]!.id });
    assert.equal(chat.chat.turns.length, 0);
    assert.equal(chat.composerState().draft, instruction);
    assert.deepEqual(chat.composerState().attachments.map((a) => a.label), ['example.js:3–5']);
  });
});
