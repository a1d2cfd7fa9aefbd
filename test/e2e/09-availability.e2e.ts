import * as assert from 'node:assert/strict';
// A model OpenRouter cannot serve any more: its error card names the way out, and taking it works.
import { useSettings } from './chat-panel';
import { chatFrame, screenshot, waitForSetting, type Workbench } from './workbench';

const FREE = 'meta-llama/llama-3.3-70b-instruct:free';
/** Its paid sibling: $0.13 in and $0.40 out per million tokens in the fake's catalogue. */
const PAID = 'meta-llama/llama-3.3-70b-instruct';

describe('models OpenRouter cannot serve', function () {
  // No fallback: the card, not the chain, is what this file is about.
  const files = useSettings({ 'openrouter.defaultModel': FREE, 'openrouter.fallbackModels': [] });
  let wb: Workbench;
  const panel = () => chatFrame(wb.page);
  const answers = () => panel().getByRole('article', { name: 'Answer' });
  const chatRequests = () => wb.fake.requests.filter((r) => r.path === '/api/v1/chat/completions');
  before(() => {
    wb = files.wb;
  });

  it('offers the paid sibling of an ended free variant with its price, and switching to it answers and sticks', async () => {
    wb.fake.reset();
    wb.fake.script(FREE, { kind: 'unavailable', code: 'free_variant_ended' });
    await panel().getByRole('textbox', { name: 'Message OpenRouter' }).fill('Still free?');
    await panel().getByRole('button', { name: 'Send', exact: true }).click();
    const card = answers().last().getByRole('group', { name: 'Error' });
    const switchTo = card.getByRole('button', { name: 'Switch to llama-3.3-70b-instruct ($0.13/M in · $0.40/M out)' });
    await switchTo.waitFor({ timeout: 20000 });
    assert.match(await card.innerText(), new RegExp(`The free variant of ${FREE.replace(/[.:]/g, '\\$&')} has ended\\.`));
    assert.equal(await card.getByRole('button', { name: 'Retry' }).count(), 0, 'a free variant that ended does not come back');
    await screenshot(wb.page, 'chat-free-variant-ended');

    wb.fake.script(PAID, { kind: 'answer', text: 'The paid model answered.' });
    const sent = chatRequests().length;
    await switchTo.click();
    await answers().last().filter({ hasText: 'The paid model answered.' }).waitFor({ timeout: 20000 });
    assert.equal(chatRequests().length, sent + 1);
    assert.equal((chatRequests().at(-1)?.body as { model?: string }).model, PAID);
    await waitForSetting(wb, 'openrouter.defaultModel', PAID);
    await panel().getByRole('button', { name: new RegExp(`^Model: ${PAID.replace(/[.]/g, '\\.')}`) }).waitFor({ timeout: 10000 });
  });
});
