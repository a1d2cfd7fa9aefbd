import * as assert from 'assert';
import * as vscode from 'vscode';
import { setUserSetting, signInWithFakeKey, useFake } from '../integration/suite/support';
import { VENDOR } from './support';

describe('OpenRouter models offered to vscode.lm', () => {
  before(useFake);

  it('offers nothing, and asks nothing, before a key is set', async () => {
    assert.deepEqual(await vscode.lm.selectChatModels({ vendor: VENDOR }), []);
  });

  it('offers the default chain, each preset and the models the settings name, with honest limits', async () => {
    await setUserSetting('fallbackModels', ['anthropic/claude-3.5-haiku']);
    await signInWithFakeKey();
    const models = await vscode.lm.selectChatModels({ vendor: VENDOR });
    const ids = models.map((model) => model.id);
    for (const id of ['chain:default', 'preset:simple', 'preset:code', 'openai/gpt-4o-mini', 'anthropic/claude-3.5-haiku']) assert.ok(ids.includes(id), `${id} in ${ids.join(', ')}`);
    const mini = models.find((model) => model.id === 'openai/gpt-4o-mini');
    assert.equal(mini?.name, 'OpenAI: GPT-4o-mini');
    assert.equal(mini?.family, 'gpt-4o-mini');
    assert.equal(mini?.vendor, VENDOR);
    // 128k of context, less the 4,096 tokens each request asks for its answer.
    assert.equal(mini?.maxInputTokens, 128_000 - 4096);
    const chain = models.find((model) => model.id === 'chain:default');
    assert.match(chain?.name ?? '', /^Default chain \(GPT-4o-mini \+ fallbacks\)$/);
  });

  it('offers only the models chosen in Manage Models, and the default set again when the choice is cleared', async () => {
    await setUserSetting('vscodeChat.models', ['anthropic/claude-3.5-haiku', 'google/gemini-2.5-flash']);
    try {
      const chosen = (await vscode.lm.selectChatModels({ vendor: VENDOR })).map((model) => model.id).sort();
      assert.deepEqual(chosen, ['anthropic/claude-3.5-haiku', 'google/gemini-2.5-flash']);
    } finally {
      await setUserSetting('vscodeChat.models', undefined);
    }
    const ids = (await vscode.lm.selectChatModels({ vendor: VENDOR })).map((model) => model.id);
    assert.ok(ids.includes('chain:default'));
  });

  it('counts tokens as the panel estimates them', async () => {
    const [model] = await vscode.lm.selectChatModels({ vendor: VENDOR, id: 'openai/gpt-4o-mini' });
    assert.ok(model);
    assert.equal(await model.countTokens('x'.repeat(400)), 100);
  });
});
