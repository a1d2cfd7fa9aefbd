import * as assert from 'node:assert/strict';
// The reasoning effort control in the real workbench: it shows only for a model whose catalogue entry lists efforts,
// the effort picked goes into the request OpenRouter receives, and it is remembered for that model.
import { chatFrame, ensureKeySet, openSidebar, readUserSettings, reloadWindow, screenshot, waitForSetting, workbench, writeUserSettings, type Workbench } from './workbench';

/** Lists low, medium (its default) and high in the fake's catalogue. */
const THINKER = 'anthropic/claude-sonnet-4';
/** Lists no efforts. */
const PLAIN = 'openai/gpt-4o-mini';

describe('reasoning effort', function () {
  let wb: Workbench;
  let settings: Record<string, unknown>;
  const panel = () => chatFrame(wb.page);
  const answers = () => panel().getByRole('article', { name: 'Answer' });
  const effort = () => panel().getByRole('combobox', { name: 'Reasoning effort' });
  const chatRequests = () => wb.fake.requests.filter((r) => r.path === '/api/v1/chat/completions');
  const modelButton = (model: string) => panel().getByRole('button', { name: new RegExp(`^Model: ${model.replace(/[./]/g, '\\$&')}\\.`) });

  async function useModel(model: string): Promise<void> {
    writeUserSettings(wb, { ...readUserSettings(wb), 'openrouter.defaultModel': model });
    await reloadWindow(wb);
    await openSidebar(wb.page);
    await modelButton(model).waitFor({ timeout: 30000 });
    await panel().getByRole('button', { name: 'New Chat' }).click();
    // The chat the reload brought back is gone before anything is counted.
    await answers().first().waitFor({ state: 'detached', timeout: 15000 });
  }

  async function ask(text: string): Promise<{ body: Record<string, unknown>; footer: string }> {
    const sent = chatRequests().length;
    // The new answer's footer, not one of a chat the reload brought back.
    const shown = await answers().count();
    await panel().getByRole('textbox', { name: 'Message OpenRouter' }).fill(text);
    await panel().getByRole('button', { name: 'Send', exact: true }).click();
    const footer = answers().nth(shown).getByRole('list', { name: 'Answer details' });
    await footer.waitFor({ timeout: 20000 });
    assert.equal(chatRequests().length, sent + 1);
    return { body: chatRequests().at(-1)?.body as Record<string, unknown>, footer: await footer.innerText() };
  }

  before(async function () {
    wb = await workbench();
    settings = readUserSettings(wb);
    const { 'openrouter.reasoning': _forgotten, ...rest } = settings;
    writeUserSettings(wb, { ...rest, 'openrouter.defaultModel': THINKER, 'openrouter.fallbackModels': [], 'openrouter.retry.maxAttempts': 1 });
    await reloadWindow(wb);
    await ensureKeySet(wb);
    await openSidebar(wb.page);
    await panel().getByRole('button', { name: 'New Chat' }).click();
  });

  beforeEach(() => wb.fake.reset());

  after(async () => {
    writeUserSettings(wb, settings);
    await reloadWindow(wb);
  });

  it('sends the effort picked for a model with efforts, and prices the reasoning it paid for', async () => {
    await effort().waitFor({ timeout: 30000 });
    assert.equal(await effort().inputValue(), 'medium', 'the catalogue default, before anything is picked');
    assert.deepEqual(await effort().locator('option').allInnerTexts(), ['low', 'medium (default)', 'high']);

    const before = await ask('Think as you like.');
    assert.equal(before.body['reasoning'], undefined, 'nothing picked: the model decides');
    assert.doesNotMatch(before.footer, /reasoning/);

    await effort().selectOption('high');
    await waitForSetting(wb, 'openrouter.reasoning', { [THINKER]: { effort: 'high' } });
    const high = await ask('Think hard.');
    assert.deepEqual(high.body['reasoning'], { effort: 'high' });
    // The fake thinks 16 tokens at high effort, billed at Sonnet's $15 per million output tokens.
    assert.match(high.footer, /16 reasoning ≈ \$0\.00024/);
    await screenshot(wb.page, 'chat-reasoning-effort');
  });

  it('shows no control for a model without efforts, and sends it no reasoning', async () => {
    await useModel(PLAIN);
    assert.equal(await effort().count(), 0);
    const plain = await ask('Just answer.');
    assert.equal(plain.body['reasoning'], undefined);
  });

  it('remembers the effort per model, across a reload', async () => {
    await useModel(THINKER);
    await effort().waitFor({ timeout: 30000 });
    assert.equal(await effort().inputValue(), 'high');
    const again = await ask('Think hard again.');
    assert.deepEqual(again.body['reasoning'], { effort: 'high' });
  });
});
