import assert from 'node:assert/strict';
import { buildChatRequest, type RequestSettings } from '../../../../src/core/chat/chat-request';
import { assembleInstructions, MAX_FILE_CHARS, MAX_TOTAL_CHARS, withInstructions } from '../../../../src/core/chat/project-instructions';
import { estimateTextTokens } from '../../../../src/core/spend/token-estimate';

const SETTINGS: RequestSettings = {
  defaultModel: 'openai/gpt-4o-mini', fallbackModels: [], systemPrompt: 'Be brief.', maxTokens: 1000, temperature: null, provider: {}, user: '',
};

describe('project instructions', () => {
  it('joins the files in order, each under its name, and counts their tokens', () => {
    const found = assembleInstructions([{ label: 'AGENTS.md', text: '\uFEFFUse tabs.\n' }, { label: '.github/copilot-instructions.md', text: 'Write tests first.' }]);
    assert.ok(found);
    assert.deepEqual(found.files, [{ label: 'AGENTS.md', cut: false }, { label: '.github/copilot-instructions.md', cut: false }]);
    assert.ok(found.text.indexOf('## AGENTS.md\n\nUse tabs.') < found.text.indexOf('## .github/copilot-instructions.md\n\nWrite tests first.'));
    assert.equal(found.tokens, estimateTextTokens(found.text));
  });

  it('finds nothing in empty or blank files', () => {
    assert.equal(assembleInstructions([]), undefined);
    assert.equal(assembleInstructions([{ label: 'AGENTS.md', text: '  \n\n' }]), undefined);
  });

  it('cuts a long file at its bound and says so, and keeps all files within the total bound', () => {
    const long = 'a'.repeat(MAX_FILE_CHARS + 500);
    const found = assembleInstructions([{ label: 'AGENTS.md', text: long }, { label: 'B.md', text: long }, { label: 'C.md', text: long }]);
    assert.ok(found);
    assert.deepEqual(found.files.map((f) => [f.label, f.cut]), [['AGENTS.md', true], ['B.md', true]]);
    assert.match(found.text, /the rest of AGENTS\.md was left out/);
    assert.ok(found.text.length < MAX_TOTAL_CHARS + 1000, `length ${found.text.length}`);
  });

  it('goes after the settings\' system prompt, before the conversation', () => {
    const request = buildChatRequest(SETTINGS, [{ role: 'user', content: 'Hi' }], { instructions: 'PROJECT RULES' });
    assert.deepEqual(request.messages.map((m) => [m.role, m.content]), [['system', 'Be brief.'], ['system', 'PROJECT RULES'], ['user', 'Hi']]);
  });

  it('goes after a preset\'s own system prompt, and first when there is none', () => {
    const messages = [{ role: 'system' as const, content: 'Preset.' }, { role: 'user' as const, content: 'Hi' }];
    assert.deepEqual(withInstructions(messages, 'RULES').map((m) => m.content), ['Preset.', 'RULES', 'Hi']);
    assert.deepEqual(withInstructions([{ role: 'user', content: 'Hi' }], 'RULES').map((m) => m.content), ['RULES', 'Hi']);
    assert.equal(withInstructions(messages, undefined), messages);
  });
});
