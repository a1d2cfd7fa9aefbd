import * as assert from 'node:assert/strict';
import { answer, meta, startStreaming, userTurn } from './fixtures';
import { openPanel, type PanelPage } from './panel-page';

describe('a silence mid-answer', function () {
  let panel: PanelPage;

  afterEach(async () => panel?.close());

  it('says how long tokens have stopped coming mid-answer, and nothing once they flow again', async () => {
    panel = await openPanel();
    const { page } = panel;
    // The wall clock stands still unless the test moves it; the panel's timers run as usual.
    const start = Date.now();
    await page.clock.setFixedTime(start);
    const host = await startStreaming(panel, [userTurn('u1', 'Tell me')], 10);
    await panel.send(host.delta('a1', 'Half of it'));
    await page.locator('.markdown', { hasText: 'Half of it' }).waitFor();
    const silence = page.locator('.silence-indicator');
    assert.equal(await silence.isVisible(), false);
    // Counted from the last token, not from the question.
    await page.clock.setFixedTime(start + 12_500);
    await silence.getByText('No tokens for 12 s.').waitFor();
    await page.clock.setFixedTime(start + 13_000);
    await panel.send(host.delta('a1', ' and the rest.'));
    await silence.waitFor({ state: 'hidden' });
    await page.clock.setFixedTime(start + 24_000);
    await silence.getByText('No tokens for 11 s.').waitFor();
    await panel.send(host.end(answer('a1', 'Half of it and the rest.'), { meta: meta() }));
    await silence.waitFor({ state: 'hidden' });
  });
});
