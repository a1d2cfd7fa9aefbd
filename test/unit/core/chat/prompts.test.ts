import * as assert from 'node:assert/strict';
import { chatForEditorCommand, editedQuestion, questionTitle, questionToResend } from '../../../../src/core/chat/command-turns';
import { editorCommandQuestion, firstCodeBlock, selectionLabel, type EditorCommandName } from '../../../../src/core/chat/prompts';
import { UserTurnSchema, type UserTurn } from '../../../../src/core/chat/model';
import { sentContent, userContent } from '../../../../src/core/chat/user-content';

const selection = { text: 'const a = `x`;', languageId: 'typescript', path: 'src/a.ts', uri: 'file:///w/src/a.ts', startLine: 3, endLine: 9 };

function turnOf(name: EditorCommandName, text?: string): UserTurn {
  const question = editorCommandQuestion(name, selection);
  return { id: 't1', role: 'user', createdAt: 0, ...question, ...(text !== undefined ? { text } : {}) };
}

describe('editor prompts', () => {
  it('show the command and a chip for the code, with its file, lines and URI', () => {
    const question = editorCommandQuestion('explain', selection);
    assert.equal(question.text, '/explain');
    assert.deepEqual(question.attachments.map(({ kind, label, uris, language }) => ({ kind, label, uris, language })), [
      { kind: 'selection', label: 'src/a.ts:3–9', uris: ['file:///w/src/a.ts'], language: 'typescript' },
    ]);
    assert.equal(question.command.name, 'explain');
    assert.doesNotMatch(question.command.instruction, /const a/, 'the code goes as the chip, not in the instruction');
    assert.equal(editorCommandQuestion('tests', selection).text, '/tests');
    assert.equal(editorCommandQuestion('improve', selection).text, '/improve');
  });

  it('label one line without a range', () => {
    assert.equal(selectionLabel('example.ts', 4, 4), 'example.ts:4');
    assert.equal(selectionLabel('example.ts', 3, 9), 'example.ts:3–9');
  });

  it('send the instruction naming the file, then the code fenced with its language', () => {
    for (const name of ['explain', 'improve', 'tests'] as const) {
      const content = sentContent(turnOf(name));
      const { instruction } = editorCommandQuestion(name, selection).command;
      assert.ok(content.startsWith(`${instruction}\n\n`), content);
      assert.match(instruction, /this code from a\.ts/);
      assert.ok(content.endsWith('src/a.ts:3–9:\n```typescript\nconst a = `x`;\n```'), content);
      assert.doesNotMatch(content, /\/explain|\/tests|\/improve/, 'the command\'s name is for the person, not the model');
    }
    assert.match(editorCommandQuestion('tests', selection).command.instruction, /most common for typescript projects/);
  });

  it('send the words typed after the command with the instruction', () => {
    const content = sentContent(turnOf('explain', '/explain  in one paragraph '));
    const { instruction } = editorCommandQuestion('explain', selection).command;
    assert.ok(content.startsWith(`${instruction}\n\nin one paragraph\n\nsrc/a.ts:3–9:\n`), content);
  });

  it('fence a large attachment with hundreds of thousands of backtick runs', () => {
    const text = 'a`b'.repeat(300_000);
    const content = userContent('What is this?', [{ kind: 'file', label: 'big.md', text, tokens: 1 }]);
    assert.ok(content.startsWith('big.md:\n```\na`b'), content.slice(0, 20));
    assert.ok(content.endsWith('a`b\n```\n\nWhat is this?'));
  });

  it('use a longer fence when the code contains backtick runs', () => {
    const content = sentContent({ ...turnOf('explain'), attachments: editorCommandQuestion('explain', { ...selection, text: 'md = "```js\\n```"' }).attachments });
    assert.match(content, /````typescript\n/);
  });

  it('read the first code block back from an answer', () => {
    assert.equal(firstCodeBlock('Here:\n\n```ts\nlet b = 1;\nlet c = 2;\n```\n\n- clearer'), 'let b = 1;\nlet c = 2;');
    assert.equal(firstCodeBlock('````md\n```inner```\n````'), '```inner```');
    assert.equal(firstCodeBlock('no code here'), undefined);
    assert.equal(firstCodeBlock('```ts\nunterminated'), undefined);
  });
});

describe('command turns', () => {
  it('go to an empty open chat; otherwise where the setting says, or ask', () => {
    assert.equal(chatForEditorCommand('ask', true), 'open');
    assert.equal(chatForEditorCommand('newChat', true), 'open');
    assert.equal(chatForEditorCommand('ask', false), 'ask');
    assert.equal(chatForEditorCommand('newChat', false), 'new');
    assert.equal(chatForEditorCommand('continue', false), 'open');
  });

  it('title a chat after the command and its code', () => {
    assert.equal(questionTitle(turnOf('explain')), '/explain · src/a.ts:3–9');
    assert.equal(questionTitle({ text: 'How do I sort a map?', attachments: [] }), 'How do I sort a map?');
    assert.equal(questionTitle({ text: '', attachments: [{ kind: 'image', label: 'screenshot.png', text: '', tokens: 85 }] }), 'screenshot.png', 'a picture sent without words');
  });

  it('stay commands when edited with the command kept, and become questions as typed when not', () => {
    const edited = editedQuestion(turnOf('explain'), '/explain briefly');
    assert.equal(edited.command?.name, 'explain');
    assert.match(sentContent(edited), /^Explain what this code[^\n]*\n\nbriefly\n\nsrc\/a\.ts:3–9:/);
    const plain = editedQuestion(turnOf('explain'), 'What does this return?');
    assert.equal(plain.command, undefined);
    assert.equal(sentContent(plain), 'src/a.ts:3–9:\n```typescript\nconst a = `x`;\n```\n\nWhat does this return?');
    assert.equal(editedQuestion(turnOf('explain'), '/explainer').command, undefined, 'another word is not the command');
  });

  it('go back to the composer as the words the model got, with the code as a chip', () => {
    const resent = questionToResend(turnOf('tests', '/tests with vitest'));
    assert.equal(resent.command, undefined);
    assert.equal(resent.text, `${editorCommandQuestion('tests', selection).command.instruction}\n\nwith vitest`);
    assert.deepEqual(resent.attachments.map((a) => a.label), ['src/a.ts:3–9']);
  });

  it('parse as saved, and a question saved before commands existed still parses', () => {
    assert.deepEqual(UserTurnSchema.parse(JSON.parse(JSON.stringify(turnOf('explain')))), turnOf('explain'));
    const old = UserTurnSchema.parse({ id: 't0', role: 'user', text: 'Explain what this code from a.ts does', createdAt: 0, attachments: [{ kind: 'selection', label: 'a.ts:1-3', text: 'x', tokens: 1 }] });
    assert.equal(old.command, undefined);
    assert.equal(sentContent(old), 'a.ts:1-3:\n```\nx\n```\n\nExplain what this code from a.ts does');
    assert.equal(UserTurnSchema.safeParse({ ...turnOf('explain'), command: { name: 'no spaces allowed', instruction: 'x' } }).success, false);
  });
});
