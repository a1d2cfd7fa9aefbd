import * as assert from 'node:assert/strict';
import { answer, meta, snapshot, state, userTurn } from './fixtures';
import { openPanel, type PanelPage } from './panel-page';

const THINKER = 'anthropic/claude-sonnet-4';
const EFFORTS = { efforts: ['low', 'medium', 'high'], defaultEffort: 'medium' };

describe('the reasoning effort control', function () {
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it('appears only for a model with efforts, lists them with the default marked, and shows the remembered one', async () => {
    panel = await openPanel();
    const { page } = panel;
    await panel.send(snapshot(1, state()));
    await page.getByRole('button', { name: /^Model: openai\/gpt-4o-mini/ }).waitFor();
    assert.equal(await page.getByRole('combobox', { name: 'Reasoning effort' }).count(), 0, 'hidden for a model without efforts');

    await panel.send(snapshot(2, state({ model: THINKER, reasoning: { ...EFFORTS, effort: 'high' } })));
    const control = page.getByRole('combobox', { name: 'Reasoning effort' });
    await control.waitFor();
    assert.deepEqual(await control.locator('option').allInnerTexts(), ['low', 'medium (default)', 'high']);
    assert.equal(await control.inputValue(), 'high');

    await panel.send(snapshot(3, state({ model: 'openai/gpt-4o-mini' })));
    await control.waitFor({ state: 'hidden' });
  });

  it('starts on the default effort, and picking one from the keyboard posts it for that model', async () => {
    panel = await openPanel();
    const { page } = panel;
    await panel.send(snapshot(1, state({ model: THINKER, reasoning: EFFORTS })));
    const control = page.getByRole('combobox', { name: 'Reasoning effort' });
    await control.waitFor();
    assert.equal(await control.inputValue(), 'medium');
    await control.focus();
    await page.keyboard.press('ArrowDown');
    const posted = await panel.waitForPosted('reasoning/effort');
    assert.deepEqual(posted, { type: 'reasoning/effort', model: THINKER, effort: 'high' });
  });

  it('offers the model default first when the catalogue names none, and choosing it posts no effort', async () => {
    panel = await openPanel();
    const { page } = panel;
    await panel.send(snapshot(1, state({ model: THINKER, reasoning: { efforts: ['low', 'high'], effort: 'low' } })));
    const control = page.getByRole('combobox', { name: 'Reasoning effort' });
    await control.waitFor();
    assert.deepEqual(await control.locator('option').allInnerTexts(), ['model default', 'low', 'high']);
    await control.selectOption('');
    assert.deepEqual(await panel.waitForPosted('reasoning/effort'), { type: 'reasoning/effort', model: THINKER });
  });

  it('prices the reasoning tokens in the footer and says when they were excluded but billed', async () => {
    panel = await openPanel();
    const usage = { promptTokens: 10, completionTokens: 1300, cachedTokens: 0, cacheWriteTokens: 0, reasoningTokens: 1234 };
    await panel.send(snapshot(1, state({ model: THINKER }, {
      turns: [
        userTurn('u1', 'Think.'), answer('a1', 'Shown.', { meta: meta({ model: THINKER, usage, reasoningUsd: 0.01851 }) }),
        userTurn('u2', 'Think quietly.'), answer('a2', 'Quiet.', { meta: meta({ model: THINKER, usage, reasoningUsd: 0.01851, reasoningExcluded: true }) }),
      ],
    })));
    const footers = panel.page.getByRole('list', { name: 'Answer details' });
    await footers.nth(1).waitFor();
    const [shown, quiet] = [await footers.nth(0).innerText(), await footers.nth(1).innerText()];
    assert.match(shown, /1,234 reasoning ≈ \$0\.0185/);
    assert.doesNotMatch(shown, /excluded/);
    assert.doesNotMatch(shown, /\(1,234 reasoning\)/, 'the token count is not said twice');
    assert.match(quiet, /1,234 reasoning ≈ \$0\.0185, excluded from the answer but billed/);
  });
});
