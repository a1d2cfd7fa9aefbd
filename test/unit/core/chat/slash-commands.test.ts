import * as assert from 'node:assert/strict';
import type { Attachment } from '../../../../src/core/chat/model';
import { COMMAND_INSTRUCTIONS } from '../../../../src/core/chat/prompts';
import { parseSlash, SlashCommandsSettingSchema, slashCompletions, slashQuestion, userSlashCommands } from '../../../../src/core/chat/slash-commands';
import { sentContent } from '../../../../src/core/chat/user-content';

const chip: Attachment = { kind: 'selection', label: 'src/a.ts:3–9', text: 'let a = 1;', tokens: 3, uris: ['file:///w/src/a.ts'], language: 'typescript' };
const user = userSlashCommands({ review: 'Review {{selection}} ({{language}}) for security problems.', haiku: 'Write a haiku.', explain: 'shadowed' });

describe('slash commands', () => {
  it('parses built-ins, actions and the person\'s own; an unknown /word or a path is a question', () => {
    assert.deepEqual(parseSlash('/explain', user), { kind: 'code', name: 'explain', words: '' });
    assert.deepEqual(parseSlash('  /fix  the off-by-one \n', user), { kind: 'code', name: 'fix', words: 'the off-by-one' });
    assert.deepEqual(parseSlash('/model claude', user), { kind: 'action', action: 'model', words: 'claude' });
    assert.deepEqual(parseSlash('/new', user), { kind: 'action', action: 'new', words: '' });
    assert.equal(parseSlash('/haiku', user)?.kind, 'user');
    assert.equal(parseSlash('/unknown thing', user), undefined);
    assert.equal(parseSlash('/etc/hosts is broken', user), undefined);
    assert.equal(parseSlash('please /explain', user), undefined);
  });

  it('completes what was typed after /, built-ins first; a built-in cannot be replaced', () => {
    assert.deepEqual(slashCompletions('', user).map((c) => c.name), ['explain', 'fix', 'tests', 'new', 'model', 'preset', 'review', 'haiku']);
    assert.deepEqual(slashCompletions('RE', user).map((c) => c.name), ['review']);
    assert.equal(slashCompletions('h', user)[0]?.description, 'Write a haiku.');
    assert.equal(user.has('explain'), false);
  });

  it('validates the setting\'s names and templates', () => {
    assert.equal(SlashCommandsSettingSchema.safeParse({ 'good-name_2': 'x' }).success, true);
    for (const bad of [{ '9lives': 'x' }, { 'has space': 'x' }, { ok: '   ' }, { ['a'.repeat(41)]: 'x' }]) {
      assert.equal(SlashCommandsSettingSchema.safeParse(bad).success, false, JSON.stringify(bad));
    }
  });

  it('/explain makes the editor command\'s turn: the bubble shows the command and chip, the model the instruction', () => {
    const question = slashQuestion({ kind: 'code', name: 'explain', words: 'the loop' }, { attachments: [chip], languageId: 'typescript' });
    assert.ok(typeof question !== 'string');
    assert.equal(question.text, '/explain the loop');
    assert.equal(question.command.instruction, COMMAND_INSTRUCTIONS.explain('a.ts', 'typescript'));
    const sent = sentContent({ ...question });
    assert.ok(sent.startsWith(`${question.command.instruction}\n\nthe loop\n\nsrc/a.ts:3–9:\n\`\`\`typescript\nlet a = 1;`), sent);
    assert.equal(sent.split('let a = 1;').length, 2, 'the code goes once');
  });

  it('a code command without code is refused with what to do', () => {
    assert.equal(slashQuestion({ kind: 'code', name: 'fix', words: '' }, undefined), '/fix needs code: select some in an editor, or mention a file with #.');
    assert.match(String(slashQuestion({ kind: 'user', name: 'review', template: user.get('review') as string, words: '' }, undefined)), /^\/review uses the selection/);
  });

  it('expands a template\'s placeholders; a template without them runs without code', () => {
    const review = slashQuestion({ kind: 'user', name: 'review', template: user.get('review') as string, words: '' }, { attachments: [chip], languageId: 'typescript' });
    assert.ok(typeof review !== 'string');
    assert.equal(review.command.instruction, 'Review src/a.ts:3–9 (typescript) for security problems.');
    assert.deepEqual(review.attachments, [chip]);
    const haiku = slashQuestion({ kind: 'user', name: 'haiku', template: 'Write a haiku.', words: 'about rain' }, undefined);
    assert.ok(typeof haiku !== 'string');
    assert.equal(sentContent(haiku), 'Write a haiku.\n\nabout rain');
  });
});
